import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { ExternalTaskAvailability } from '../../apps/engine/src/external-tasks/external-task-availability.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, eventually, fixture, type TestApp } from './support/test-app.js';

/** start -> crm-check (external task, one retry) -> end */
const CRM_CHECK = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="crm-check" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="check-crm" tandem:topic="crm-check" tandem:retries="1">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check-crm" />
    <bpmn:sequenceFlow id="f2" sourceRef="check-crm" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** A callback with an interrupting 1-hour boundary timer whose routing needs a `tier` the case never gets. */
const CALLBACK_WINDOW = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="callback-window" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="call-back" tandem:candidateGroups="first-line">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="called"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:boundaryEvent id="call-overdue" attachedToRef="call-back" cancelActivity="true">
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:exclusiveGateway id="by-tier"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>gold</bpmn:outgoing><bpmn:outgoing>basic</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="gold-escalated"><bpmn:incoming>gold</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="basic-escalated"><bpmn:incoming>basic</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call-back" />
    <bpmn:sequenceFlow id="f2" sourceRef="call-back" targetRef="called" />
    <bpmn:sequenceFlow id="f3" sourceRef="call-overdue" targetRef="by-tier" />
    <bpmn:sequenceFlow id="gold" sourceRef="by-tier" targetRef="gold-escalated">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= tier = "gold"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="basic" sourceRef="by-tier" targetRef="basic-escalated">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= tier = "basic"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;

interface Incident {
  id: string;
  instanceId: string | null;
  processKey: string;
  jobId: string | null;
  externalTaskId: string | null;
  elementId: string;
  message: string;
  createdAt: string;
  resolvedAt: string | null;
}

interface InstanceBody {
  id: string;
  status: string;
  activeElementIds: string[];
  timers: Array<{ id: string; elementId: string }>;
  incidents: Incident[];
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Failing jobs and their incidents. The job runner's own poll is an hour apart here, so each test
 * fires jobs itself (`runDueJobs` answers how many it claimed) and the back-off can be counted.
 */
describe('job failures, incidents and their API', () => {
  let sut: TestApp;
  let runner: JobRunner;

  beforeAll(async () => {
    sut = await createTestApp({ jobPollMs: HOUR, jobRetries: 3, jobRetryBackoffMs: 10_000 });
    runner = sut.app.get(JobRunner);
    await deploy(sut.server, await fixture('follow-up.bpmn'));
    await deploy(sut.server, CRM_CHECK);
    await deploy(sut.server, CALLBACK_WINDOW);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const instance = async (id: string) => (await http().get(`/api/instances/${id}`).expect(200)).body as InstanceBody;
  const start = async (processKey: string) => (await http().post(`/api/processes/${processKey}/instances`).send({}).expect(201)).body as InstanceBody;
  const startFollowUp = () => start('follow-up');
  const openTask = async (instanceId: string, elementId: string) =>
    ((await http().get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string; elementId: string }>).find((task) => task.elementId === elementId)!;

  /** A case whose timer failed three times (routing on data it lacks): its job is parked with an incident. */
  const parkedTimer = async (processKey: string) => {
    const started = await start(processKey);
    sut.clock.advance(HOUR);
    await runner.runDueJobs();
    sut.clock.advance(10_000);
    await runner.runDueJobs();
    sut.clock.advance(20_000);
    await runner.runDueJobs();
    const view = await instance(started.id);
    expect(view.incidents).toHaveLength(1);
    return { instanceId: started.id, incident: view.incidents[0] };
  };
  const followUpWithIncident = () => parkedTimer('follow-up');

  it('retries a failing timer with exponential back-off, then parks it with an incident the instance shows', async () => {
    // given a follow-up whose routing needs an answer nobody has recorded
    const started = await startFollowUp();
    const [timer] = started.timers;
    // when the hour passes, the timer fires and routing fails
    sut.clock.advance(HOUR);
    expect(await runner.runDueJobs()).toBe(1);
    // then it is not tried again before 10 s, then not before another 20 s
    expect((await instance(started.id)).incidents).toEqual([]);
    expect(await runner.runDueJobs()).toBe(0);
    sut.clock.advance(10_000 - 1);
    expect(await runner.runDueJobs()).toBe(0);
    sut.clock.advance(1);
    expect(await runner.runDueJobs()).toBe(1);
    sut.clock.advance(20_000 - 1);
    expect(await runner.runDueJobs()).toBe(0);
    sut.clock.advance(1);
    expect(await runner.runDueJobs()).toBe(1);
    // and after the third failure it is parked: never claimed again, however long one waits
    sut.clock.advance(24 * HOUR);
    expect(await runner.runDueJobs()).toBe(0);
    // and the instance, still active and still waiting on its timer, shows the open incident with the error
    const view = await instance(started.id);
    expect(view.status).toBe('active');
    expect(view.timers.map((scheduled) => scheduled.id)).toEqual([timer.id]);
    expect(view.incidents).toEqual([
      expect.objectContaining({
        instanceId: started.id,
        processKey: 'follow-up',
        jobId: timer.id,
        externalTaskId: null,
        elementId: 'wait-an-hour',
        message: expect.stringContaining('GATEWAY_NO_MATCH'),
        resolvedAt: null,
      }),
    ]);
    expect((await http().get(`/api/incidents/${view.incidents[0].id}`).expect(200)).body).toEqual(view.incidents[0]);
  });

  it('fires the timer again on retry once the cause is fixed, and the case moves on', async () => {
    // given a parked routing timer, and the agent then records the answer
    const { instanceId, incident } = await followUpWithIncident();
    const task = await openTask(instanceId, 'record-answer');
    await http()
      .post(`/api/tasks/${task.id}/complete`)
      .send({ userId: 'anna', variables: { answer: 'not resolved' } })
      .expect(200);
    // when an operator retries the incident
    const retried = await http().post(`/api/incidents/${incident.id}/retry`).send({});
    // then the incident is resolved, and the job fires on the next poll and routes the case
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(expect.objectContaining({ id: incident.id, resolvedAt: sut.clock.now().toISOString() }));
    expect(await runner.runDueJobs()).toBe(1);
    const view = await instance(instanceId);
    expect(view.activeElementIds).toEqual(['reopen']);
    expect(view.timers).toEqual([]);
    expect(view.incidents).toEqual([expect.objectContaining({ id: incident.id, resolvedAt: expect.any(String) })]);
  });

  it('raises a new incident when a retried job fails again, after the attempts the retry gave', async () => {
    // given a parked routing timer whose cause is not fixed
    const { instanceId, incident } = await followUpWithIncident();
    // when an operator retries it with two attempts
    await http().post(`/api/incidents/${incident.id}/retry`).send({ retries: 2 }).expect(200);
    // then it fails at once, backs off 10 s, fails again and is parked with a new incident
    expect(await runner.runDueJobs()).toBe(1);
    expect(await runner.runDueJobs()).toBe(0);
    sut.clock.advance(10_000);
    expect(await runner.runDueJobs()).toBe(1);
    const open = (await http().get('/api/incidents').query({ instanceId, open: true }).expect(200)).body as Incident[];
    const resolved = (await http().get('/api/incidents').query({ instanceId, open: false }).expect(200)).body as Incident[];
    expect(resolved.map((shown) => shown.id)).toEqual([incident.id]);
    expect(open).toEqual([expect.objectContaining({ jobId: incident.jobId, resolvedAt: null })]);
    expect(open[0].id).not.toBe(incident.id);
  });

  it('resolves an incident without retrying: the job stays parked, and a second resolve or retry is a conflict', async () => {
    // given a parked routing timer
    const { instanceId, incident } = await followUpWithIncident();
    // when an operator resolves the incident
    const resolved = await http().post(`/api/incidents/${incident.id}/resolve`);
    // then it is resolved and the job is not tried again
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).toBe(sut.clock.now().toISOString());
    sut.clock.advance(24 * HOUR);
    expect(await runner.runDueJobs()).toBe(0);
    expect((await instance(instanceId)).incidents).toEqual([expect.objectContaining({ id: incident.id, resolvedAt: resolved.body.resolvedAt })]);
    // and resolving or retrying it again is refused, changing nothing
    for (const action of ['resolve', 'retry']) {
      const again = await http().post(`/api/incidents/${incident.id}/${action}`).send({});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('INCIDENT_ALREADY_RESOLVED');
    }
    expect(await runner.runDueJobs()).toBe(0);
  });

  it('retries an external task incident: the task is fetchable again with the retries given, and waiting workers wake up', async () => {
    // given a CRM check whose worker gave up on it (no retries left)
    const started = (await http().post('/api/processes/crm-check/instances').send({}).expect(201)).body as InstanceBody;
    const fetch = (workerId: string, asyncResponseTimeoutMs = 0) =>
      http()
        .post('/api/external-tasks/fetch-and-lock')
        .send({ workerId, maxTasks: 1, topics: [{ name: 'crm-check', lockDurationMs: 5 * MINUTE }], asyncResponseTimeoutMs });
    const [task] = (await fetch('worker-a')).body as Array<{ id: string }>;
    const failed = await http().post(`/api/external-tasks/${task.id}/failure`).send({ workerId: 'worker-a', errorMessage: 'CRM down' });
    const incidentId = failed.body.incidentId as string;
    expect((await instance(started.id)).incidents).toEqual([
      expect.objectContaining({ id: incidentId, externalTaskId: task.id, elementId: 'check-crm', message: 'CRM down', resolvedAt: null }),
    ]);
    // and a worker waits for CRM checks
    const waiting = fetch('worker-b', 30_000).then((response) => response);
    await eventually(
      async () => sut.app.get(ExternalTaskAvailability).waiting,
      (count) => count === 1,
    );
    // when an operator retries the incident with two retries
    await http().post(`/api/incidents/${incidentId}/retry`).send({ retries: 2 }).expect(200);
    // then the waiting worker gets the task with two retries, and completing it ends the case
    const fetched = (await waiting).body as Array<{ id: string; retries: number }>;
    expect(fetched).toEqual([expect.objectContaining({ id: task.id, retries: 2 })]);
    await http().post(`/api/external-tasks/${task.id}/complete`).send({ workerId: 'worker-b' }).expect(200);
    const view = await instance(started.id);
    expect(view.status).toBe('completed');
    expect(view.incidents).toEqual([expect.objectContaining({ id: incidentId, resolvedAt: expect.any(String) })]);
  });

  it('lists incidents by process key and state, a page at a time with the total', async () => {
    // given two more follow-ups with open incidents
    const first = await followUpWithIncident();
    const second = await followUpWithIncident();
    // when the open follow-up incidents are listed, in full and one per page
    const all = await http().get('/api/incidents').query({ processKey: 'follow-up', open: true }).expect(200);
    const pages = await Promise.all(
      [0, 1].map((offset) =>
        http()
          .get('/api/incidents')
          .query({ processKey: 'follow-up', open: true, limit: 1, offset: all.body.length - 2 + offset }),
      ),
    );
    const none = await http().get('/api/incidents').query({ processKey: 'no-such-process' }).expect(200);
    // then only open follow-up incidents are listed, oldest first, with the total in the header
    const listed = all.body as Incident[];
    expect(listed.every((shown) => shown.processKey === 'follow-up' && shown.resolvedAt === null)).toBe(true);
    expect(listed.slice(-2).map((shown) => shown.id)).toEqual([first.incident.id, second.incident.id]);
    expect(all.headers['x-total-count']).toBe(String(listed.length));
    expect(pages.map((page) => (page.body as Incident[]).map((shown) => shown.id))).toEqual([[first.incident.id], [second.incident.id]]);
    expect(pages.map((page) => page.headers['x-total-count'])).toEqual([String(listed.length), String(listed.length)]);
    expect(none.body).toEqual([]);
    expect(none.headers['x-total-count']).toBe('0');
  });

  it('resolves the incident of a parked timer when the timer goes away with the work it guarded', async () => {
    // given a callback whose overdue timer is parked with an incident
    const { instanceId, incident } = await parkedTimer('callback-window');
    // when the agent calls back after all, which ends the callback and its boundary timer
    const task = await openTask(instanceId, 'call-back');
    await http().post(`/api/tasks/${task.id}/complete`).send({ userId: 'anna' }).expect(200);
    // then the case is done and the incident resolved with it
    const view = await instance(instanceId);
    expect(view.status).toBe('completed');
    expect(view.incidents).toEqual([expect.objectContaining({ id: incident.id, resolvedAt: sut.clock.now().toISOString() })]);
    expect((await http().get('/api/incidents').query({ instanceId, open: true })).body).toEqual([]);
  });

  it('answers 404 for an unknown incident and 400 naming the field for bad input', async () => {
    // when unknown incidents are read, retried and resolved, and bad ids, retries and filters are sent
    const unknown = await Promise.all([
      http().get(`/api/incidents/${UNKNOWN_ID}`),
      http().post(`/api/incidents/${UNKNOWN_ID}/retry`).send({}),
      http().post(`/api/incidents/${UNKNOWN_ID}/resolve`),
    ]);
    const badId = await http().get('/api/incidents/not-a-uuid');
    const badRetries = await http().post(`/api/incidents/${UNKNOWN_ID}/retry`).send({ retries: 0 });
    const badOpen = await http().get('/api/incidents').query({ open: 'maybe' });
    const badInstance = await http().get('/api/incidents').query({ instanceId: 'case-7' });
    // then each answer says what is wrong
    for (const response of unknown) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('INCIDENT_NOT_FOUND');
    }
    expect(badId.status).toBe(400);
    for (const [response, field] of [
      [badRetries, 'retries'],
      [badOpen, 'open'],
      [badInstance, 'instanceId'],
    ] as const) {
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(field);
    }
  });
});
