import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import request, { type Agent } from 'supertest';
import { deployDirectory } from '../../apps/engine/src/definitions/deploy-directory.js';
import { DefinitionsService } from '../../apps/engine/src/definitions/definitions.service.js';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

const PROCESSES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'processes');

const INTAKE_FORM = {
  id: 'complaint-intake',
  name: 'Complaint intake',
  type: 'default',
  components: [
    { type: 'textfield', key: 'customerName', label: 'Customer', validate: { required: true } },
    { type: 'number', key: 'amount', label: 'Amount', validate: { min: 0 } },
    {
      type: 'select',
      key: 'category',
      label: 'Category',
      validate: { required: true },
      values: [
        { label: 'Inquiry', value: 'inquiry' },
        { label: 'Complaint', value: 'complaint' },
      ],
    },
  ],
};

/** start -> a user task for the first line showing the given form settings -> end. */
const processWith = (key: string, taskSettings: string, extensions = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="intake" name="Take in the complaint" tandem:valueClass="VA" tandem:candidateGroups="first-line" ${taskSettings}>
      ${extensions && `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>`}
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="intake" />
    <bpmn:sequenceFlow id="f2" sourceRef="intake" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const LINKED = processWith('complaint-linked', 'tandem:formKey="form:complaint-intake"');

const deployFiles = (server: TestApp['server'], files: Record<string, string>) => {
  let pending = request(server).post('/api/deployments');
  for (const [name, text] of Object.entries(files)) pending = pending.attach('file', Buffer.from(text), name);
  return pending;
};

describe('task forms', () => {
  let sut: TestApp;
  let ana: Agent;
  let carl: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    carl = await sut.signIn('carl', { roles: ['agent'], groups: ['second-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);

  /** Starts a case and answers its one open task. */
  const startCase = async (key: string, variables: Record<string, unknown>) => {
    const started = await http().post(`/api/processes/${key}/instances`).send({ variables }).expect(201);
    const tasks = await http().get('/api/tasks').query({ instanceId: started.body.id }).expect(200);
    return { instanceId: started.body.id as string, taskId: tasks.body[0].id as string };
  };

  it('refuses a model naming a form that is not deployed, naming the task and the key, and stores nothing', async () => {
    // when a model whose task names an undeployed form is deployed on its own
    const response = await http().post('/api/deployments').set('Content-Type', 'application/xml').send(LINKED);
    // then it is refused with the task and the key named
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('BPMN_INVALID');
    expect(response.body.message).toContain("'intake'");
    expect(response.body.message).toContain('form:complaint-intake');
    expect(response.body.details.problems).toEqual([expect.objectContaining({ elementId: 'intake', rule: 'form-deployed', severity: 'error' })]);
    // and no version was stored
    expect((await http().get('/api/process-versions').query({ key: 'complaint-linked' })).body).toEqual([]);
  });

  it('deploys a form beside the model that names it, and returns the same version for the same file', async () => {
    // when the .form file and the model are deployed together, twice
    const files = { 'complaint-intake.form': JSON.stringify(INTAKE_FORM, null, 2), 'complaint.bpmn': LINKED };
    const first = await deployFiles(sut.server, files).expect(201);
    const again = await deployFiles(sut.server, files).expect(201);
    // then the form is version 1 of its id, once
    expect(first.body.forms).toEqual([expect.objectContaining({ key: 'complaint-intake', version: 1, name: 'Complaint intake', created: true })]);
    expect(first.body.processVersions).toEqual([expect.objectContaining({ key: 'complaint-linked', version: 1 })]);
    expect(again.body.forms).toEqual([expect.objectContaining({ id: first.body.forms[0].id, created: false })]);
    // and designers find it among the deployed forms, schema and all
    const listed = await http().get('/api/forms').expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ key: 'complaint-intake', version: 1 })]);
    const detail = await http().get(`/api/forms/${listed.body[0].id}`).expect(200);
    expect(detail.body.schema).toEqual(INTAKE_FORM);
  });

  it('deploys a later model naming a form deployed before', async () => {
    const version = await deploy(sut.server, processWith('complaint-later', 'tandem:formKey="form:complaint-intake"'));
    expect(version).toEqual(expect.objectContaining({ key: 'complaint-later', version: 1 }));
  });

  it("serves the task's form with the case's variables to its candidates only", async () => {
    // given a case waiting at the intake task
    const { taskId } = await startCase('complaint-linked', { customerName: 'Ada', channel: 'phone' });
    // when a first-line agent asks for the form
    const form = await ana.get(`/api/tasks/${taskId}/form`).expect(200);
    // then they get the schema and the variables to prefill it
    expect(form.body).toEqual({ schema: INTAKE_FORM, variables: { customerName: 'Ada', channel: 'phone' }, formKey: 'form:complaint-intake', formVersion: 1 });
    // and an agent of another group is refused
    expect((await carl.get(`/api/tasks/${taskId}/form`)).status).toBe(403);
  });

  it('refuses a completion that does not fit the form, naming each field, and changes nothing', async () => {
    // given a case at the intake task
    const { instanceId, taskId } = await startCase('complaint-linked', { channel: 'chat' });
    // when it is completed without the customer, with a category outside the options and a text amount
    const response = await ana.post(`/api/tasks/${taskId}/complete`).send({ variables: { category: 'praise', amount: 'ten' } });
    // then it is a 400 naming every field
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('FORM_INVALID');
    expect(response.body.message).toContain('customerName is required');
    expect(response.body.details.problems).toEqual([
      { field: 'customerName', problem: 'is required' },
      { field: 'amount', problem: 'must be a number' },
      { field: 'category', problem: '"praise" is not among the options ("inquiry", "complaint")' },
    ]);
    // and the case still waits at the task with its variables unchanged
    const instance = await http().get(`/api/instances/${instanceId}`).expect(200);
    expect(instance.body.variables).toEqual({ channel: 'chat' });
    expect(instance.body.activities).toEqual([expect.objectContaining({ id: taskId, elementId: 'intake' })]);
  });

  it('completes the task with variables that fit the form', async () => {
    // given a case whose customer is already known
    const { instanceId, taskId } = await startCase('complaint-linked', { customerName: 'Ada' });
    // when the rest of the form is submitted
    await ana
      .post(`/api/tasks/${taskId}/complete`)
      .send({ variables: { category: 'complaint', amount: 120 } })
      .expect(200);
    // then the case ends with the submitted values
    const instance = await http().get(`/api/instances/${instanceId}`).expect(200);
    expect(instance.body).toEqual(expect.objectContaining({ status: 'completed', variables: { customerName: 'Ada', category: 'complaint', amount: 120 } }));
  });

  it('validates against a form embedded in the model', async () => {
    // given a model whose task carries its form as tandem:form
    const embedded = { components: [{ type: 'checkbox', key: 'callBackAgreed', validate: { required: true } }] };
    await deploy(sut.server, processWith('call-back', '', `<tandem:form>${JSON.stringify(embedded)}</tandem:form>`));
    const { taskId } = await startCase('call-back', {});
    // then its form is the embedded one
    expect((await ana.get(`/api/tasks/${taskId}/form`).expect(200)).body).toEqual({ schema: embedded, variables: {}, formKey: null, formVersion: null });
    // and a completion without the box ticked is refused, naming it
    const refused = await ana.post(`/api/tasks/${taskId}/complete`).send({ variables: { callBackAgreed: false } });
    expect(refused.status).toBe(400);
    expect(refused.body.details.problems).toEqual([{ field: 'callBackAgreed', problem: 'is required' }]);
    await ana
      .post(`/api/tasks/${taskId}/complete`)
      .send({ variables: { callBackAgreed: true } })
      .expect(200);
  });

  it('answers 404 for the form of a task that has none', async () => {
    await deploy(sut.server, processWith('no-form', ''));
    const { taskId } = await startCase('no-form', {});
    const response = await ana.get(`/api/tasks/${taskId}/form`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('FORM_NOT_FOUND');
  });

  it('deploys the .form files of a directory before the models naming them, as the embedded start does', async () => {
    // given a directory holding a model and the form it names (the model sorts first by name)
    const directory = await mkdtemp(join(tmpdir(), 'tandem-forms-'));
    const survey = { id: 'survey', components: [{ type: 'number', key: 'csat', validate: { min: 0, max: 100 } }] };
    await writeFile(join(directory, 'a-survey.bpmn'), processWith('survey-call', 'tandem:formKey="form:survey"'));
    await writeFile(join(directory, 'z-survey.form'), JSON.stringify(survey));
    const errors: unknown[] = [];
    const logger: LoggerService = { log: () => undefined, warn: (message) => errors.push(message), error: (message) => errors.push(message) };
    try {
      // when the directory is deployed
      await deployDirectory(sut.app.get(DefinitionsService), directory, logger);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    // then both deployed, and the task validates against the form
    expect(errors).toEqual([]);
    const { taskId } = await startCase('survey-call', {});
    const refused = await ana.post(`/api/tasks/${taskId}/complete`).send({ variables: { csat: 140 } });
    expect(refused.body.details?.problems).toEqual([{ field: 'csat', problem: 'must be at most 100' }]);
  });

  it("gives the reference process's human steps their forms, prefilled with the case", async () => {
    // given the to-be reference process, whose forms are embedded in the model
    await deploy(sut.server, await readFile(join(PROCESSES, 'customer-service', 'to-be.bpmn'), 'utf8'));
    const { taskId } = await startCase('customer-service', { category: 'complaint', customerTier: 'gold', amount: 4500 });
    // when the first task's form is read
    const form = await ana.get(`/api/tasks/${taskId}/form`).expect(200);
    // then it is the intake form with the case's variables, and it holds the category to its options
    expect(form.body.schema.id).toBe('log-request');
    expect(form.body.variables).toEqual({ category: 'complaint', customerTier: 'gold', amount: 4500 });
    const refused = await ana.post(`/api/tasks/${taskId}/complete`).send({ variables: { category: 'praise' } });
    expect([refused.status, refused.body.details.problems[0].field]).toEqual([400, 'category']);
  });

  it('refuses form files that are not JSON or not form-js schemas', async () => {
    // when a form that does not parse, and one without id and key, are deployed
    const notJson = await deployFiles(sut.server, { 'broken.form': '{ "id": ' });
    const noKeys = await deployFiles(sut.server, { 'nameless.form': JSON.stringify({ components: [{ type: 'textfield' }] }) });
    // then each is refused, naming the file and what is wrong
    expect([notJson.status, notJson.body.code, notJson.body.details.resource]).toEqual([400, 'FORM_MALFORMED', 'broken.form']);
    expect([noKeys.status, noKeys.body.code]).toEqual([422, 'FORM_SCHEMA_INVALID']);
    expect(noKeys.body.message).toContain('has no "id"');
    expect(noKeys.body.message).toContain('has no "key"');
  });
});
