import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Parser } from 'saxen';
import request, { type Agent } from 'supertest';
import { MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** Record (first line, BVA, 30/h) -> a warranty check by a worker (systems, NVA) -> Resolve (second line, VA, 60/h). */
const SERVICE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="analytics-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="analysed-service" name="Analysed service" isExecutable="true">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="first-line"><bpmn:flowNodeRef>received</bpmn:flowNodeRef><bpmn:flowNodeRef>record</bpmn:flowNodeRef><bpmn:flowNodeRef>needs-check</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="systems"><bpmn:flowNodeRef>check</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="second-line"><bpmn:flowNodeRef>resolve</bpmn:flowNodeRef><bpmn:flowNodeRef>resolved</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="record" name="Record request" tandem:candidateGroups="first-line" tandem:valueClass="BVA" tandem:costPerHour="30">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="needs-check" default="f4"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:serviceTask id="check" name="Check entitlement" tandem:topic="entitlement" tandem:valueClass="NVA">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="resolve" name="Resolve request" tandem:candidateGroups="second-line" tandem:valueClass="VA" tandem:costPerHour="60">
      <bpmn:incoming>f4</bpmn:incoming><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="resolved"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="record" />
    <bpmn:sequenceFlow id="f2" sourceRef="record" targetRef="needs-check" />
    <bpmn:sequenceFlow id="f3" sourceRef="needs-check" targetRef="check">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= category = "warranty"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="needs-check" targetRef="resolve" />
    <bpmn:sequenceFlow id="f5" sourceRef="check" targetRef="resolve" />
    <bpmn:sequenceFlow id="f6" sourceRef="resolve" targetRef="resolved" />
  </bpmn:process>
</bpmn:definitions>`;

interface Figures {
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

describe('step-time analytics over HTTP', () => {
  let sut: TestApp;
  let versionId: string;
  let anna: Agent;
  let ben: Agent;
  let alex: Agent;
  const instanceIds: string[] = [];

  const http = () => request(sut.server);
  const openTask = async (instanceId: string) => {
    const response = await http().get('/api/tasks').query({ instanceId, status: 'open' });
    return response.body[0] as { id: string; elementId: string };
  };
  const ok = async (pending: Promise<request.Response>) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    versionId = (await deploy(sut.server, SERVICE)).id;
    anna = await sut.signIn('anna', { roles: ['agent'], groups: ['first-line'] });
    ben = await sut.signIn('ben', { roles: ['agent'], groups: ['second-line'] });
    alex = await sut.signIn('alex', { roles: ['analyst'] });

    // Case A, warranty by phone: Record queued 5 min, claimed-idle 5 min, worked 10 min; the check waits 1 min for a
    // worker, who works 2 min; Resolve queued 30 min, worked 20 min. Lead time 73 min.
    const a = await ok(
      http()
        .post('/api/processes/analysed-service/instances')
        .send({ businessKey: 'cust-1', variables: { category: 'warranty', channel: 'phone' } }),
    );
    instanceIds.push(a.body.id);
    sut.clock.advance(5 * MINUTE);
    const recordA = await openTask(a.body.id);
    await ok(anna.post(`/api/tasks/${recordA.id}/claim`).send({}));
    sut.clock.advance(5 * MINUTE);
    await ok(anna.post(`/api/tasks/${recordA.id}/start`).send({}));
    sut.clock.advance(10 * MINUTE);
    await ok(anna.post(`/api/tasks/${recordA.id}/complete`).send({ variables: {} }));
    sut.clock.advance(MINUTE);
    const fetched = await ok(
      http()
        .post('/api/external-tasks/fetch-and-lock')
        .send({ workerId: 'entitlement-worker', maxTasks: 1, topics: [{ name: 'entitlement', lockDurationMs: 10 * MINUTE }] }),
    );
    sut.clock.advance(2 * MINUTE);
    await ok(http().post(`/api/external-tasks/${fetched.body[0].id}/complete`).send({ workerId: 'entitlement-worker', variables: {} }));
    sut.clock.advance(30 * MINUTE);
    const resolveA = await openTask(a.body.id);
    await ok(ben.post(`/api/tasks/${resolveA.id}/claim`).send({ start: true }));
    sut.clock.advance(20 * MINUTE);
    await ok(ben.post(`/api/tasks/${resolveA.id}/complete`).send({ variables: { csat: 5, nps: 9 } }));

    // Case B, a question by chat, from 10:13: Record queued 15 min, worked 15 min; Resolve queued 60 min, worked
    // 10 min, paused 5 min, worked 10 min. Lead time 115 min.
    const b = await ok(
      http()
        .post('/api/processes/analysed-service/instances')
        .send({ businessKey: 'cust-2', variables: { category: 'question', channel: 'chat' } }),
    );
    instanceIds.push(b.body.id);
    sut.clock.advance(15 * MINUTE);
    const recordB = await openTask(b.body.id);
    await ok(anna.post(`/api/tasks/${recordB.id}/claim`).send({ start: true }));
    sut.clock.advance(15 * MINUTE);
    await ok(anna.post(`/api/tasks/${recordB.id}/complete`).send({ variables: {} }));
    sut.clock.advance(60 * MINUTE);
    const resolveB = await openTask(b.body.id);
    await ok(ben.post(`/api/tasks/${resolveB.id}/claim`).send({ start: true }));
    sut.clock.advance(10 * MINUTE);
    await ok(ben.post(`/api/tasks/${resolveB.id}/pause`).send({}));
    sut.clock.advance(5 * MINUTE);
    await ok(ben.post(`/api/tasks/${resolveB.id}/start`).send({}));
    sut.clock.advance(10 * MINUTE);
    await ok(ben.post(`/api/tasks/${resolveB.id}/complete`).send({ variables: { csat: 3, nps: 6 } }));
  });

  afterAll(async () => {
    await sut?.close();
  });

  type ActivityFigures = { elementId: string; count: number; completed: number; timeClass: string } & Record<'queue' | 'claimedIdle' | 'processing' | 'externalSystem', Figures>;
  const activitiesOf = (body: { activities: ActivityFigures[] }): Record<string, ActivityFigures> => Object.fromEntries(body.activities.map((row) => [row.elementId, row]));

  it('reports per-activity times of one version over all time from the aggregates', async () => {
    const response = await alex.get('/api/analytics/activities').query({ processVersionId: versionId });

    expect(response.status).toBe(200);
    expect(response.body.source).toBe('aggregates');
    const rows = activitiesOf(response.body);
    // Record: queue 5 and 15 min -> mean 600 s; claimed-idle 5 and 0 min -> 150 s; processing 10 and 15 min -> 750 s
    expect(rows.record).toMatchObject({ count: 2, completed: 2, queue: { n: 2, mean: 600 }, claimedIdle: { n: 2, mean: 150 }, processing: { n: 2, mean: 750 } });
    // Check, an external task: 60 s waiting for the worker and the worker's 120 s are 180 s of external-system time, not the
    // desk's queue and processing (which they were before time was classified)
    expect(rows.check).toMatchObject({ count: 1, timeClass: 'externalSystem', externalSystem: { n: 1, mean: 180 }, queue: { n: 0 }, processing: { n: 0 } });
    expect(rows.record.timeClass).toBe('desk');
    // Resolve: queue 30 and 60 min -> 2700 s; claimed-idle (the pause) 0 and 5 min -> 150 s; processing 20 and 10 + 10 min -> 1200 s
    expect(rows.resolve).toMatchObject({ count: 2, queue: { n: 2, mean: 2700 }, claimedIdle: { n: 2, mean: 150 }, processing: { n: 2, mean: 1200 } });
    // both queue times of Resolve differ, so the sketch's median stands for one of them (within 4.4 %)
    expect(rows.resolve.queue.median).toBeGreaterThan(1800 * 0.95);
    expect(response.body.definitions.waiting).toMatch(/ready until started/);
    expect(response.body.sampleSize.activityInstances).toBe(2 + 1 + 2 + 2 + 2 + 2);
  });

  it('scans the ledger for a segment and gives the same figures as worked out by hand', async () => {
    const response = await alex.get('/api/analytics/activities').query({ processKey: 'analysed-service', 'segment.channel': 'chat' });

    expect(response.status).toBe(200);
    expect(response.body.source).toBe('ledger');
    const rows = activitiesOf(response.body);
    // only case B: Record queued 900 s, worked 900 s; Resolve queued 3600 s, idle 300 s, worked 1200 s
    expect(rows.record).toMatchObject({ count: 1, queue: { n: 1, mean: 900, median: 900, p90: 900 }, processing: { mean: 900 } });
    expect(rows.resolve).toMatchObject({ queue: { mean: 3600 }, claimedIdle: { mean: 300 }, processing: { mean: 1200 } });
    expect(rows.check).toBeUndefined();
  });

  it('decomposes each lead time into parts that add up to it', async () => {
    const response = await alex.get('/api/analytics/cases').query({ processVersionId: versionId, table: 'cases' });

    expect(response.status).toBe(200);
    expect(response.body.source).toBe('facts');
    const [a, b] = instanceIds.map((id) => response.body.cases.find((row: { instanceId: string }) => row.instanceId === id));
    // A: 73 min = queue 5 + 30, claimed-idle 5, processing 10 + 20, external-system 1 + 2 (the check, counted as queue 1 and
    // processing 2 before time was classified); the desk's time 70 min
    expect(a).toMatchObject({
      leadTime: 73 * 60,
      deskTime: 70 * 60,
      queue: 35 * 60,
      claimedIdle: 5 * 60,
      processing: 30 * 60,
      externalSystem: 3 * 60,
      designedWait: 0,
      handoff: 0,
      other: 0,
    });
    // B: 115 min = queue 15 + 60, claimed-idle 5, processing 15 + 20, all of it the desk's
    expect(b).toMatchObject({ leadTime: 115 * 60, deskTime: 115 * 60, queue: 75 * 60, claimedIdle: 5 * 60, processing: 35 * 60, externalSystem: 0, handoff: 0, other: 0 });
    expect(response.body.summary.leadTime).toMatchObject({ n: 2, mean: ((73 + 115) / 2) * 60 });
  });

  it('summarises lead times of one version over all time from the case aggregates', async () => {
    const response = await alex.get('/api/analytics/cases').query({ processVersionId: versionId });

    expect(response.body).toMatchObject({ source: 'aggregates', sampleSize: { cases: 2 } });
    // lead 73 + 115 min; queue 35 + 75 min, claimed-idle 5 + 5, processing 30 + 35, external-system 3 + 0, nothing else
    expect(response.body.summary.leadTime).toMatchObject({ n: 2, mean: 94 * 60, total: 188 * 60 });
    expect(response.body.summary.deskTime).toMatchObject({ n: 2, total: 185 * 60 });
    expect(response.body.summary.components).toMatchObject({
      queue: { total: 110 * 60 },
      claimedIdle: { total: 10 * 60 },
      processing: { total: 65 * 60 },
      handoff: { total: 0 },
      externalSystem: { total: 3 * 60 },
      designedWait: { total: 0 },
      other: { total: 0 },
    });
    expect(response.body.summary.shares.queue).toBeCloseTo(110 / 188, 10);
    expect(response.body.cases).toBeUndefined();
  });

  it('gives the value-added view', async () => {
    const response = await alex.get('/api/analytics/value-added').query({ processVersionId: versionId, table: 'cases' });
    const fromAggregates = await alex.get('/api/analytics/value-added').query({ processVersionId: versionId });

    // A: the NVA check is an external worker's 3 min, none of the desk's time: NVA share 0 and no staff-minutes (they were
    // 3/73 and 2 while its time counted as queue and processing); PCE (VA Resolve) 20 of the desk's 70 min, 20/73 of the
    // lead time; waiting share (5 + 30 + 5) / 70. B: no NVA; PCE 20/115, waiting share (75 + 5) / 115
    const [a, b] = instanceIds.map((id) => response.body.cases.find((row: { instanceId: string }) => row.instanceId === id));
    expect(a).toMatchObject({ nvaShare: 0, nvaSteps: 1, nvaStaffMinutes: 0, deskTime: 70 * 60, designedWaitShare: 0 });
    expect(a.pce).toBeCloseTo(20 / 70, 10);
    expect(a.pceOfLeadTime).toBeCloseTo(20 / 73, 10);
    expect(a.waitingShare).toBeCloseTo(40 / 70, 10);
    expect(b).toMatchObject({ nvaShare: 0, nvaSteps: 0 });
    expect(b.pce).toBeCloseTo(20 / 115, 10);
    expect(b.waitingShare).toBeCloseTo(80 / 115, 10);
    expect(response.body.summary.nvaSteps).toMatchObject({ n: 2, mean: 0.5 });
    expect(response.body.definitions.waitingShare).toMatch(/desk's time/);
    // the aggregates give the same means
    expect(fromAggregates.body.source).toBe('aggregates');
    expect(fromAggregates.body.summary.nvaSteps).toMatchObject({ n: 2, mean: 0.5 });
    expect(fromAggregates.body.summary.pce.mean).toBeCloseTo((20 / 70 + 20 / 115) / 2, 10);
    expect(fromAggregates.body.summary.pceOfLeadTime.mean).toBeCloseTo((20 / 73 + 20 / 115) / 2, 10);
    expect(fromAggregates.body.summary.waitingShare.mean).toBeCloseTo((40 / 70 + 80 / 115) / 2, 10);
  });

  it('reports the service KPIs with their definitions and sample sizes', async () => {
    const response = await alex.get('/api/analytics/kpis').query({ processVersionId: versionId });

    const kpis = Object.fromEntries(response.body.kpis.map((kpi: { key: string }) => [kpi.key, kpi]));
    // first response: A's Record started after 10 min, B's after 15 min -> both within 4 h
    expect(kpis.slaFirstResponse).toMatchObject({ value: 1, n: 2 });
    // both went to the second line: no first-contact resolution
    expect(kpis.fcr).toMatchObject({ value: 0, n: 2 });
    // cost: A 10 min x 30/h + 20 min x 60/h = 25; B 15 min x 30/h + 20 min x 60/h = 27.5
    expect(kpis.costPerCase).toMatchObject({ value: 26.25, n: 2 });
    // CSAT 5 and 3; NPS scores 9 (promoter) and 6 (detractor) -> 0
    expect(kpis.csat).toMatchObject({ value: 4, n: 2 });
    expect(kpis.nps).toMatchObject({ value: 0, n: 2 });
    expect(kpis.escalationRate).toMatchObject({ value: 0, n: 2 });
    expect(kpis.fcr.definition).toMatch(/First-contact resolution/);
    // resolution: the desk's time, A 70 min and B 115 min, within 4 h; the definition names the SLA and the time it counts
    expect(kpis.slaResolution).toMatchObject({ value: 1, numerator: 2, n: 2 });
    expect(kpis.slaResolution.definition).toMatch(/SLA: 4 h of the desk's time\.$/);
  });

  it('ranks bottlenecks and gives utilisation and rework', async () => {
    const bottlenecks = await alex.get('/api/analytics/bottlenecks').query({ processVersionId: versionId });
    // the desk's total waiting: Resolve queue 1800 + 3600 and idle 0 + 300 = 5700 s; Record 600 + 900 = 1500 s. The external
    // Check's 60 s before its fetch are external-system time (it ranked third with them before time was classified).
    expect(bottlenecks.body.bottlenecks.map(({ elementId, totalWaiting }: { elementId: string; totalWaiting: number }) => [elementId, totalWaiting])).toEqual([
      ['resolve', 5700],
      ['record', 1500],
    ]);
    expect(bottlenecks.body.designedWaits).toEqual([]);

    const utilisation = await alex.get('/api/analytics/utilisation').query({ processVersionId: versionId });
    // second-line: 20 + 20 min of processing; first-line: 10 + 15 min
    const teams = Object.fromEntries(utilisation.body.teams.map((team: { team: string }) => [team.team, team]));
    expect(teams['second-line'].processingHours).toBeCloseTo(40 / 60, 10);
    expect(teams['first-line'].processingHours).toBeCloseTo(25 / 60, 10);

    const rework = await alex.get('/api/analytics/rework').query({ processVersionId: versionId });
    expect(rework.body).toMatchObject({ cases: 2, casesWithRework: 0, reworkRate: 0 });
  });

  it('answers each table as CSV', async () => {
    const byAccept = await alex.get('/api/analytics/activities').query({ processVersionId: versionId }).set('Accept', 'text/csv');
    const byFormat = await alex.get('/api/analytics/rework').query({ processVersionId: versionId, format: 'csv', table: 'loops' });

    expect(byAccept.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...lines] = byAccept.text.trim().split('\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['elementId', 'count', 'queue.n', 'queue.mean_s', 'queue.median_s', 'queue.p90_s', 'processing.mean_s']));
    expect(lines).toHaveLength(6);
    expect(byFormat.status).toBe(200);
    // money rows of the KPI table name the configured currency (EUR by default), not the word 'currency'
    const kpis = await alex.get('/api/analytics/kpis').query({ processVersionId: versionId, format: 'csv' });
    const [kpiHeader, ...kpiLines] = kpis.text.trim().split('\n');
    const unitColumn = kpiHeader.split(',').indexOf('unit');
    expect(kpiLines.find((line) => line.startsWith('costPerCase,'))?.split(',')[unitColumn]).toBe('EUR');
  });

  it('refuses bad queries with a 400 naming the field, and unknown versions with a 404', async () => {
    const badDate = await alex.get('/api/analytics/activities').query({ processVersionId: versionId, from: 'yesterday' });
    const unknownVersion = await alex.get('/api/analytics/activities').query({ processVersionId: '00000000-0000-4000-8000-000000000000' });
    const unknownKey = await alex.get('/api/analytics/kpis').query({ processKey: 'nope' });
    const unknownParameter = await alex.get('/api/analytics/cases').query({ processVersionId: versionId, color: 'red' });
    const noScope = await alex.get('/api/analytics/cases');
    const agent = await anna.get('/api/analytics/cases').query({ processVersionId: versionId });

    expect([badDate.status, badDate.body.code, badDate.body.details]).toEqual([400, 'ANALYTICS_QUERY_INVALID', { field: 'from' }]);
    expect([unknownVersion.status, unknownVersion.body.code]).toEqual([404, 'PROCESS_VERSION_NOT_FOUND']);
    expect([unknownKey.status, unknownKey.body.code]).toEqual([404, 'PROCESS_NOT_FOUND']);
    expect([unknownParameter.status, unknownParameter.body.details]).toEqual([400, { field: 'color' }]);
    expect([noScope.status, noScope.body.details]).toEqual([400, { field: 'processVersionId' }]);
    expect(agent.status).toBe(403);
  });

  it('exports a well-formed XES event log with the counts the API reports, and the same log as CSV', async () => {
    const xes = await alex
      .get('/api/analytics/event-log')
      .query({ processVersionId: versionId, format: 'xes' })
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      });
    const activities = activitiesOf((await alex.get('/api/analytics/activities').query({ processVersionId: versionId })).body);
    const cases = (await alex.get('/api/analytics/cases').query({ processVersionId: versionId })).body.sampleSize.cases as number;

    expect(xes.status).toBe(200);
    // parse it, checking that every closing tag closes the element it should
    const open: string[] = [];
    const errors: string[] = [];
    let traces = 0;
    let events = 0;
    const completes = new Map<string, number>();
    let event: Record<string, string> = {};
    const parser = new Parser();
    parser.on('error', (error) => errors.push(error.message));
    parser.on('openTag', (name, attrs, _decode, selfClosing) => {
      if (!selfClosing) open.push(name);
      if (name === 'trace') traces += 1;
      if (name === 'event') {
        event = {};
        events += 1;
      }
      if (open.at(-1) === 'event' && selfClosing) event[attrs().key] = attrs().value;
    });
    parser.on('closeTag', (name, _decode, selfClosing) => {
      if (selfClosing) return;
      if (open.pop() !== name) errors.push(`unbalanced </${name}>`);
      if (name === 'event' && event['lifecycle:transition'] === 'complete') completes.set(event.elementId, (completes.get(event.elementId) ?? 0) + 1);
    });
    parser.parse(xes.body as string);

    expect(errors).toEqual([]);
    expect(open).toEqual([]);
    expect([traces, cases]).toEqual([2, 2]);
    for (const [elementId, row] of Object.entries(activities)) expect([elementId, completes.get(elementId)]).toEqual([elementId, row.completed]);
    expect(xes.body).toContain('key="org:resource" value="anna"');
    expect(xes.body).toContain('key="lifecycle:transition" value="start"');

    const csv = await alex.get('/api/analytics/event-log').query({ processVersionId: versionId, format: 'csv' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    // one line per step plus the header; no marker steps here, so as many as the XES has events
    expect(csv.text.trim().split('\n').length - 1).toBe(events);
  });
});
