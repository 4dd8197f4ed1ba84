import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** A one-task process; `withNote` adds a second step after it (for a diff to find). */
const model = (key: string, valueClass: string, withNote = false) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="${key}-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" name="Preview ${key}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>to-check</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="check" name="Check the request" tandem:candidateGroups="first-line" tandem:valueClass="${valueClass}" tandem:standardMinutes="15">
      <bpmn:incoming>to-check</bpmn:incoming><bpmn:outgoing>to-end</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>${withNote ? 'noted' : 'to-end'}</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to-check" sourceRef="start" targetRef="check" />${
      withNote
        ? `
    <bpmn:task id="note" name="Write a note"><bpmn:incoming>to-end</bpmn:incoming><bpmn:outgoing>noted</bpmn:outgoing></bpmn:task>
    <bpmn:sequenceFlow id="to-end" sourceRef="check" targetRef="note" />
    <bpmn:sequenceFlow id="noted" sourceRef="note" targetRef="end" />`
        : `
    <bpmn:sequenceFlow id="to-end" sourceRef="check" targetRef="end" />`
    }
  </bpmn:process>
</bpmn:definitions>`;

/** A process whose call activity starts the latest version of `callee`. */
const caller = (key: string, callee: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="${key}-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>to-call</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="call-check" name="Run the check" calledElement="${callee}"><bpmn:incoming>to-call</bpmn:incoming><bpmn:outgoing>to-end</bpmn:outgoing></bpmn:callActivity>
    <bpmn:endEvent id="end"><bpmn:incoming>to-end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to-call" sourceRef="start" targetRef="call-check" />
    <bpmn:sequenceFlow id="to-end" sourceRef="call-check" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('the modeler drafts (GET, PUT, DELETE /api/drafts/{name})', () => {
  let sut: TestApp;
  let dana: Agent;
  let dirk: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    dana = await sut.signIn('draft-dana', { roles: ['designer'] });
    dirk = await sut.signIn('draft-dirk', { roles: ['designer'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  it("keeps a designer's draft for that designer only, until it is discarded", async () => {
    // given dana saves a draft
    const saved = await dana.put('/api/drafts/modeler').send({ xml: '<half-drawn/>', origin: 'as-is.bpmn' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ name: 'modeler', xml: '<half-drawn/>', origin: 'as-is.bpmn', savedAt: expect.any(String) });
    // when she and dirk read it (as from another browser)
    const hers = await dana.get('/api/drafts/modeler');
    const his = await dirk.get('/api/drafts/modeler');
    // then she finds hers, and he has none
    expect(hers.status).toBe(200);
    expect(hers.body).toEqual(saved.body);
    expect(his.status).toBe(404);
    expect(his.body.code).toBe('DRAFT_NOT_FOUND');
    // and a later save replaces it; discarding removes it, and discarding again is no error
    await dana.put('/api/drafts/modeler').send({ xml: '<more/>', origin: 'as-is.bpmn' }).expect(200);
    expect((await dana.get('/api/drafts/modeler')).body.xml).toBe('<more/>');
    await dana.delete('/api/drafts/modeler').expect(204);
    await dana.delete('/api/drafts/modeler').expect(204);
    expect((await dana.get('/api/drafts/modeler')).status).toBe(404);
  });

  it('refuses a bad name or body with a 400 naming the field, and stores nothing', async () => {
    // given dana has a draft
    await dana.put('/api/drafts/modeler').send({ xml: '<kept/>', origin: 'New diagram' }).expect(200);
    // when she saves under a bad name, without XML, or with an overlong origin
    const badName = await dana.put('/api/drafts/bad%20name!').send({ xml: '<x/>', origin: 'o' });
    const noXml = await dana.put('/api/drafts/modeler').send({ origin: 'o' });
    const longOrigin = await dana.put('/api/drafts/modeler').send({ xml: '<x/>', origin: 'o'.repeat(201) });
    // then each is a 400 naming what is wrong
    expect(badName.status).toBe(400);
    expect(badName.body).toMatchObject({ code: 'DRAFT_NAME_INVALID', details: { field: 'name' } });
    expect(noXml.status).toBe(400);
    expect(JSON.stringify(noXml.body)).toContain('xml');
    expect(longOrigin.status).toBe(400);
    expect(JSON.stringify(longOrigin.body)).toContain('origin');
    // and the draft is as it was
    expect((await dana.get('/api/drafts/modeler')).body.xml).toBe('<kept/>');
  });
});

describe('POST /api/deployments/preview', () => {
  let sut: TestApp;
  let designer: Agent;
  let analyst: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    designer = await sut.signIn('preview-designer', { roles: ['designer'] });
    analyst = await sut.signIn('preview-analyst', { roles: ['analyst'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const preview = (xml: string) => designer.post('/api/deployments/preview').set('Content-Type', 'application/xml').send(xml);

  it('shows the diff against the newest version with the NVA delta, and stores nothing', async () => {
    // given version 1 of a key with an NVA step
    const first = await deploy(sut.server, model('preview-diff', 'NVA'));
    // when the step is reclassified VA and a step added, and the model previewed
    const response = await preview(model('preview-diff', 'VA', true));
    // then it names version 1 as the newest, version 2 as the one to come, and the NVA figures fall
    expect(response.status).toBe(200);
    const [process] = response.body.processes;
    expect(process).toMatchObject({ key: 'preview-diff', name: 'Preview preview-diff', version: 2, identical: false, experiment: null, callers: [] });
    expect(process.newest).toMatchObject({ id: first.id, version: 1 });
    expect(process.diff.values.delta).toMatchObject({ nvaSteps: -1, nvaMinutes: -15, VA: 1 });
    expect(process.diff.added.map((element: { id: string }) => element.id)).toEqual(['note', 'noted']);
    expect(process.diff.valueClassChanges).toEqual([expect.objectContaining({ id: 'check', before: 'NVA', after: 'VA' })]);
    // and no version was deployed
    expect((await request(sut.server).get('/api/process-versions?key=preview-diff')).body).toHaveLength(1);
  });

  it('recognizes identical XML and a new key', async () => {
    // given a deployed version
    const xml = model('preview-same', 'BVA');
    await deploy(sut.server, xml);
    // when the same XML and a model of a new key are previewed
    const same = await preview(xml);
    const fresh = await preview(model('preview-fresh', 'VA'));
    // then the first brings back version 1; the second has nothing to compare with
    expect(same.body.processes[0]).toMatchObject({ version: 1, identical: true });
    expect(fresh.body.processes[0]).toMatchObject({ key: 'preview-fresh', newest: null, version: 1, identical: false, diff: null });
  });

  it('names the running experiment and the call activities that use the latest version', async () => {
    // given two versions of a key in a running experiment, and a process calling its latest version
    const baseline = await deploy(sut.server, model('preview-used', 'NVA'));
    const candidate = await deploy(sut.server, model('preview-used', 'VA'));
    const parent = await deploy(sut.server, caller('preview-parent', 'preview-used'));
    const created = await analyst.post('/api/experiments').send({
      processKey: 'preview-used',
      seed: 7,
      arms: [
        { id: 'as-is', role: 'baseline', processVersionId: baseline.id, weight: 50 },
        { id: 'to-be', role: 'candidate', processVersionId: candidate.id, weight: 50 },
      ],
      primaryMetric: 'leadTime',
      secondaryMetrics: [],
      plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
    });
    expect(created.status).toBe(201);
    await analyst.post(`/api/experiments/${created.body.id}/start`).send({}).expect(200);
    // when a third version is previewed
    const response = await preview(model('preview-used', 'BVA'));
    // then the experiment runs the current newest as its candidate, and the parent's call activity will start the new one
    const [process] = response.body.processes;
    expect(process.experiment).toEqual({ id: created.body.id, state: 'running', newestArm: 'candidate' });
    expect(process.callers).toEqual([{ versionId: parent.id, key: 'preview-parent', version: 1, elementId: 'call-check', elementName: 'Run the check' }]);
  });

  it('warns, as the deployment would, about a job type no worker has fetched yet, and stops once one has', async () => {
    // given a model whose check is a job of a type no worker asked for
    const xml = model('preview-job', 'VA')
      .replace(/<bpmn:userTask id="check"[^>]*>/, '<bpmn:serviceTask id="check" name="Check the request" tandem:topic="preview-audit" tandem:valueClass="VA">')
      .replace('</bpmn:userTask>', '</bpmn:serviceTask>');
    // when it is previewed
    const before = await preview(xml);
    // then the preview names the element and the type
    expect(before.status).toBe(200);
    expect(before.body.warnings.filter(({ rule }: { rule: string }) => rule === 'job-worker')).toEqual([
      expect.objectContaining({ elementId: 'check', severity: 'warning', message: expect.stringContaining("a job of type 'preview-audit'") }),
    ]);
    // when a worker fetches that type, and the model is previewed again
    await request(sut.server)
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'auditor', maxTasks: 1, topics: [{ name: 'preview-audit', lockDurationMs: 60_000 }] })
      .expect(200);
    const after = await preview(xml);
    // then the warning is gone
    expect(after.body.warnings.filter(({ rule }: { rule: string }) => rule === 'job-worker')).toEqual([]);
  });

  it('answers an invalid model as a deployment would, and an empty body with DEPLOYMENT_EMPTY', async () => {
    // when a model with a flow to nowhere, and nothing, are previewed
    const broken = await preview(model('preview-broken', 'VA').replace('targetRef="end"', 'targetRef="nowhere"'));
    const empty = await preview('');
    // then 422 lists the problems; 400 says the body is empty
    expect(broken.status).toBe(422);
    expect(broken.body.details.problems.length).toBeGreaterThan(0);
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('DEPLOYMENT_EMPTY');
  });

  it('tells each caller which restricted endpoints the role table allows it', async () => {
    // when a designer and an analyst ask who they are
    const designerMe = await designer.get('/api/auth/me');
    const analystMe = await analyst.get('/api/auth/me');
    // then the designer may deploy and the analyst may not
    expect(designerMe.body.endpoints).toEqual(expect.arrayContaining(['POST /api/deployments', 'PUT /api/drafts/{name}']));
    expect(analystMe.body.endpoints).not.toContain('POST /api/deployments');
    expect(analystMe.body.endpoints).toContain('POST /api/experiments');
  });
});
