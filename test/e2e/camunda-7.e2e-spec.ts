import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

const TANDEM = 'xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"';

/** The documentation model, classified by a designer: the verification is value-added, the re-keying and the gateway's wait not. */
const classified = (xml: string): string =>
  xml
    .replace('xmlns:camunda=', `${TANDEM} xmlns:camunda=`)
    .replace('id="Task_Verify"', 'id="Task_Verify" tandem:valueClass="VA" tandem:standardMinutes="10"')
    .replace('id="Task_Rekey"', 'id="Task_Rekey" tandem:valueClass="NVA" tandem:standardMinutes="6"');

/** Issue 22: models made in Camunda Modeler for Camunda 7 deploy, and those meant to run run. */
describe('a new home for Camunda 7 processes', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe('documentation-only models (every process isExecutable="false")', () => {
    let drawn: string;
    let documentation: { id: string; key: string; version: number };

    beforeAll(async () => {
      drawn = await fixture('camunda-7/complaint-documentation.bpmn');
      documentation = await deploy(sut.server, drawn);
    });

    it('deploy as a version marked not executable, naming what stands between it and a run', async () => {
      // when the drawing is deployed again (identical XML finds the same version)
      const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(drawn);
      // then it is answered with its version, not executable, and warnings only
      expect(response.status).toBe(201);
      expect(response.body.processVersions).toEqual([
        expect.objectContaining({ id: documentation.id, key: 'complaint-documentation', version: 1, executable: false, created: false }),
      ]);
      const warnings = response.body.warnings as Array<{ elementId: string | null; rule: string; severity: string; message: string }>;
      expect(warnings.every((warning) => warning.severity === 'warning')).toBe(true);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ elementId: null, rule: 'executable-process', message: expect.stringContaining('documentation only') }),
          expect.objectContaining({ elementId: 'Gateway_Who', rule: 'supported-element' }),
          expect.objectContaining({ elementId: 'Task_Rekey', rule: 'task-attributes' }),
        ]),
      );
    });

    it('open, and list with the flag', async () => {
      // when the version is read and the versions listed
      const opened = await request(sut.server).get(`/api/process-versions/${documentation.id}`);
      const listed = await request(sut.server).get('/api/process-versions?key=complaint-documentation');
      // then both say it is not executable, and the XML is the one deployed
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ executable: false, xml: drawn });
      expect(listed.body).toEqual([expect.objectContaining({ id: documentation.id, executable: false })]);
    });

    it('refuse to start a case with 409 PROCESS_NOT_EXECUTABLE naming why, storing nothing', async () => {
      // when a case is started on the key
      const response = await request(sut.server).post('/api/processes/complaint-documentation/instances').send({ businessKey: 'c-1' });
      // then the answer says the model is documentation only and what to do
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'PROCESS_NOT_EXECUTABLE',
        details: { key: 'complaint-documentation', version: 1, processVersionId: documentation.id },
      });
      expect(response.body.message).toContain('isExecutable="false"');
      const instances = await request(sut.server).get('/api/instances?processKey=complaint-documentation');
      expect(instances.body).toEqual([]);
    });

    it('diff and compare their value classes with the next drawing', async () => {
      // given the drawing classified by a designer, deployed as version 2
      const next = await deploy(sut.server, classified(drawn));
      // when the two are diffed
      const response = await request(sut.server).get(`/api/process-versions/${documentation.id}/diff/${next.id}`);
      // then the classification shows in the NVA figures
      expect(response.status).toBe(200);
      expect(response.body.after).toMatchObject({ version: 2, executable: false });
      expect(response.body.values.before).toMatchObject({ nvaSteps: 0 });
      expect(response.body.values.after).toMatchObject({ nvaSteps: 1, nvaMinutes: 6, counts: { VA: 1, NVA: 1 } });
      expect(response.body.valueClassChanges).toContainEqual(expect.objectContaining({ id: 'Task_Rekey', before: null, after: 'NVA' }));
    });

    it('simulate where the graph allows', async () => {
      // given the classified drawing
      const version = await deploy(sut.server, classified(drawn).replace('Complaint handling (as drawn)', 'Complaint handling (simulated)'));
      // when a prediction runs it
      const response = await request(sut.server)
        .post('/api/simulations/predictions')
        .send({
          processVersionId: version.id,
          replications: 1,
          parameters: { seed: 3, start: '2026-02-02T00:00:00Z', horizon: { days: 1, drainDays: 1 }, arrivals: { perDay: 8 }, pools: [{ id: 'first-line', size: 2 }] },
        });
      // then cases ran through it
      expect(response.status).toBe(200);
      expect(response.body.figures.leadTimeMeanMinutes.runs).toBe(1);
    });

    it('start no case by a message, nor from a call activity', async () => {
      // given a documentation-only process with a message start event, and a runnable one calling the documentation
      const messageStarted = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:message id="m" name="complaint-filed" />
  <bpmn:process id="filed-documentation" isExecutable="false">
    <bpmn:startEvent id="filed"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="filed" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
      const caller = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="calls-documentation" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="complaint-documentation" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
      await deploy(sut.server, messageStarted);
      await deploy(sut.server, caller);
      // when the message is published and the caller started
      const published = await request(sut.server).post('/api/messages').send({ name: 'complaint-filed' });
      const called = await request(sut.server).post('/api/processes/calls-documentation/instances').send({});
      // then no subscription or start event takes the message, and the call is refused naming the version
      expect(published.status).toBe(404);
      expect(called.status).toBe(409);
      expect(called.body).toMatchObject({ code: 'PROCESS_NOT_EXECUTABLE', details: { key: 'complaint-documentation' } });
      expect((await request(sut.server).get('/api/instances?processKey=filed-documentation')).body).toEqual([]);
    });

    it('run once made executable', async () => {
      // given a drawing whose only process is not executable, then made executable (the modeler's checkbox)
      const drawing = (executable: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="callback-documentation" isExecutable="${executable}">
    <bpmn:startEvent id="start" /><bpmn:userTask id="call" name="Call back" camunda:candidateGroups="first-line" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
      await deploy(sut.server, drawing(false));
      const refused = await request(sut.server).post('/api/processes/callback-documentation/instances').send({});
      // when the executable one is deployed and a case started
      const executable = await deploy(sut.server, drawing(true));
      const started = await request(sut.server).post('/api/processes/callback-documentation/instances').send({});
      // then the first start was refused, the second waits at the task
      expect(refused.status).toBe(409);
      expect(executable).toMatchObject({ version: 2, executable: true });
      expect(started.status).toBe(201);
      expect(started.body.activeElementIds).toEqual(['call']);
    });
  });
});
