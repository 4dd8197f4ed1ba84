import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, eventually, type TestApp } from './support/test-app.js';

/** Answer (first line, VA) -> wait 3 days (a designed wait) -> survey call (first line, BVA). */
const FOLLOW_UP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="follow-up-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="follow-up" name="Follow-up" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="answer" name="Answer the customer" tandem:candidateGroups="first-line" tandem:valueClass="VA">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:intermediateCatchEvent id="wait-3-days" name="Wait 3 days">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="survey" name="Satisfaction survey call" tandem:candidateGroups="first-line" tandem:valueClass="BVA">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="wait-3-days" />
    <bpmn:sequenceFlow id="f3" sourceRef="wait-3-days" targetRef="survey" />
    <bpmn:sequenceFlow id="f4" sourceRef="survey" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * Time is classified before it is counted, over HTTP: a case that waits three days on purpose
 * before its survey call. Hand-counted: Answer queued 20 min, claimed-idle 10 min, worked 30 min;
 * the timer 3 days (4320 min) of designed wait; the survey call queued 35 min, worked 10 min. Lead
 * time 4425 min, of which the desk's 105 min.
 */
describe('analytics of a designed wait over HTTP', () => {
  let sut: TestApp;
  let versionId: string;
  let anna: Agent;
  let alex: Agent;

  const http = () => request(sut.server);
  const openTask = (instanceId: string) =>
    eventually(
      async () => (await http().get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string; elementId: string }>,
      (tasks) => tasks.length > 0,
    ).then(([task]) => task);
  const ok = async (pending: PromiseLike<request.Response>) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    versionId = (await deploy(sut.server, FOLLOW_UP)).id;
    anna = await sut.signIn('anna', { roles: ['agent'], groups: ['first-line'] });
    alex = await sut.signIn('alex', { roles: ['analyst'] });

    const { body } = await ok(http().post('/api/processes/follow-up/instances').send({}));
    sut.clock.advance(20 * MINUTE);
    const answer = await openTask(body.id);
    await ok(anna.post(`/api/tasks/${answer.id}/claim`).send({}));
    sut.clock.advance(10 * MINUTE);
    await ok(anna.post(`/api/tasks/${answer.id}/start`).send({}));
    sut.clock.advance(30 * MINUTE);
    await ok(anna.post(`/api/tasks/${answer.id}/complete`).send({ variables: {} }));
    sut.clock.advance(72 * HOUR);
    await sut.app.get(JobRunner).runDueJobs();
    const survey = await openTask(body.id);
    sut.clock.advance(35 * MINUTE);
    await ok(anna.post(`/api/tasks/${survey.id}/claim`).send({ start: true }));
    sut.clock.advance(10 * MINUTE);
    await ok(anna.post(`/api/tasks/${survey.id}/complete`).send({ variables: {} }));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it("shows the timer as a designed wait of its own, with no waiting, and the desk's activities as before", async () => {
    const response = await alex.get('/api/analytics/activities').query({ processVersionId: versionId });

    const rows = Object.fromEntries(response.body.activities.map((row: { elementId: string }) => [row.elementId, row]));
    expect(rows['wait-3-days']).toMatchObject({ timeClass: 'designedWait', designedWait: { n: 1, mean: 3 * 86_400 }, waiting: { n: 0, total: 0 } });
    expect(rows.answer).toMatchObject({ timeClass: 'desk', queue: { mean: 1200 }, claimedIdle: { mean: 600 }, waiting: { mean: 1800 }, processing: { mean: 1800 } });
    expect(rows.survey).toMatchObject({ waiting: { mean: 2100 }, processing: { mean: 600 } });
    expect(response.body.definitions.designedWait).toMatch(/^Designed wait \(not the desk's\)/);
  });

  it("ranks the desk's waiting only and lists the timer apart", async () => {
    const response = await alex.get('/api/analytics/bottlenecks').query({ processVersionId: versionId });

    // the desk's waiting: survey 2100 s, answer 1800 s of 3900 s; the timer's 259200 s are no bottleneck
    expect(response.body.bottlenecks.map(({ elementId, totalWaiting }: { elementId: string; totalWaiting: number }) => [elementId, totalWaiting])).toEqual([
      ['survey', 2100],
      ['answer', 1800],
    ]);
    expect(response.body.bottlenecks[0].share).toBeCloseTo(2100 / 3900, 10);
    expect(response.body.designedWaits).toEqual([
      {
        elementId: 'wait-3-days',
        name: 'Wait 3 days',
        elementType: 'intermediateCatchEvent',
        count: 1,
        meanDesignedWait: 259_200,
        medianDesignedWait: expect.any(Number),
        totalDesignedWait: 259_200,
      },
    ]);
    const csv = await alex.get('/api/analytics/bottlenecks').query({ processVersionId: versionId, format: 'csv', table: 'designedWaits' });
    expect(csv.text).toContain('wait-3-days');
  });

  it("gives the waiting share and PCE of the desk's time, and the lead time with everything", async () => {
    const valueAdded = await alex.get('/api/analytics/value-added').query({ processVersionId: versionId });
    const cases = await alex.get('/api/analytics/cases').query({ processVersionId: versionId, table: 'cases' });

    // lead time 20 + 10 + 30 + 4320 + 35 + 10 = 4425 min; the desk's 105 min
    expect(cases.body.cases[0]).toMatchObject({ leadTime: 4425 * 60, deskTime: 105 * 60, designedWait: 4320 * 60, queue: 55 * 60, claimedIdle: 10 * 60, processing: 40 * 60 });
    // waiting share (20 + 10 + 35) / 105 = 0.619 (over the lead time with the timer as queue it read (4320 + 65) / 4425 = 99.1 %)
    expect(valueAdded.body.source).toBe('aggregates');
    expect(valueAdded.body.summary.waitingShare.mean).toBeCloseTo(65 / 105, 10);
    // PCE: VA working 30 min of the desk's 105 min = 28.6 %, of the lead time 30 / 4425 = 0.68 %
    expect(valueAdded.body.summary.pce.mean).toBeCloseTo(30 / 105, 10);
    expect(valueAdded.body.summary.pceOfLeadTime.mean).toBeCloseTo(30 / 4425, 10);
    expect(valueAdded.body.summary.designedWaitShare.mean).toBeCloseTo(4320 / 4425, 10);
    expect(valueAdded.body.definitions.pce).toMatch(/desk's time/);
  });

  it("meets the resolution SLA by the desk's time and says so", async () => {
    const response = await alex.get('/api/analytics/kpis').query({ processVersionId: versionId });

    const kpis = Object.fromEntries(response.body.kpis.map((kpi: { key: string }) => [kpi.key, kpi]));
    // 105 min of the desk's time within 4 h (its lead time of 73 h 45 min never could be)
    expect(kpis.slaResolution).toMatchObject({ value: 1, numerator: 1, n: 1 });
    expect(kpis.slaResolution.definition).toMatch(/SLA: 4 h of the desk's time\.$/);
    expect(kpis.meanLeadTime.value).toBeCloseTo(4425 / 60, 10);
  });
});
