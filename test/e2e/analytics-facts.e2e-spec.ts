import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  caseFigures,
  DEFAULT_KPI_SETTINGS,
  elementCatalog,
  endedWithin,
  foldLedger,
  kpis,
  rework,
  utilization,
  type Kpi,
  type KpiSettings,
  type ReworkReport,
  type TeamUtilization,
} from '#analytics';
import { AnalyticsRepository, GroupRepository } from '#persistence';
import { AnalyticsService } from '../../apps/engine/src/analytics/analytics.service.js';
import { ProcessVersionCache } from '../../apps/engine/src/definitions/process-version-cache.js';
import { DataSource } from 'typeorm';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, TEST_START, type TestApp } from './support/test-app.js';

const DAY = 24 * HOUR;

/** Record (first line, 30/h, escalates to the second line) -> Resolve (second line, 60/h) -> reopened back to Record, or done. The channel is a declared segment. */
const SERVICE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="facts-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="facts-service" isExecutable="true" tandem:segments="channel">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="first-line"><bpmn:flowNodeRef>received</bpmn:flowNodeRef><bpmn:flowNodeRef>record</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="second-line"><bpmn:flowNodeRef>resolve</bpmn:flowNodeRef><bpmn:flowNodeRef>reopened</bpmn:flowNodeRef><bpmn:flowNodeRef>done</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="record" tandem:candidateGroups="first-line" tandem:valueClass="BVA" tandem:costPerHour="30" tandem:escalateTo="second-line">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="resolve" tandem:candidateGroups="second-line" tandem:valueClass="VA" tandem:costPerHour="60">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="reopened" default="f5"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing><bpmn:outgoing>f5</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="done"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="record" />
    <bpmn:sequenceFlow id="f2" sourceRef="record" targetRef="resolve" />
    <bpmn:sequenceFlow id="f3" sourceRef="resolve" targetRef="reopened" />
    <bpmn:sequenceFlow id="f4" sourceRef="reopened" targetRef="record">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= reopen = true</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f5" sourceRef="reopened" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

interface Query {
  from?: string;
  to?: string;
  segments?: Record<string, string>;
  kpi?: Partial<KpiSettings>;
}

/** Numbers to 9 digits (the database sums and interpolates in its own order), everything else exactly. */
const expectClose = (actual: unknown, expected: unknown, path = '$'): void => {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect([path, actual]).toEqual([path, expect.closeTo(expected, 9)]);
  } else if (expected !== null && typeof expected === 'object') {
    expect([path, Object.keys(actual as object).sort()]).toEqual([path, Object.keys(expected).sort()]);
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect([path, actual]).toEqual([path, expected]);
  }
};

describe('reports from the case facts', () => {
  let sut: TestApp;
  let versionId: string;
  const http = () => request(sut.server);
  const ok = async (pending: Promise<request.Response>) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };
  const openTask = async (instanceId: string) => (await ok(http().get('/api/tasks').query({ instanceId, status: 'open' }))).body[0] as { id: string; elementId: string };
  const start = async (businessKey: string, channel: string) =>
    (
      await ok(
        http()
          .post('/api/processes/facts-service/instances')
          .send({ businessKey, variables: { channel, reopen: false } }),
      )
    ).body.id as string;
  /** Waits, then claims and starts the case's open task; works on it, then completes it with the variables. */
  const work = async (instanceId: string, waitMs: number, workMs: number, variables: Record<string, unknown> = {}) => {
    sut.clock.advance(waitMs);
    const task = await openTask(instanceId);
    await ok(http().post(`/api/tasks/${task.id}/claim`).send({ start: true }));
    sut.clock.advance(workMs);
    await ok(http().post(`/api/tasks/${task.id}/complete`).send({ variables }));
  };

  /**
   * The reports as they were computed before the facts: the ledger scan of the cases in scope,
   * folded in memory (the service's code as it stood, on the libs' own functions).
   */
  const fromLedger = async ({ from, to, segments = {}, kpi = {} }: Query) => {
    const repository = sut.app.get(AnalyticsRepository);
    const { graph } = await sut.app.get(ProcessVersionCache).get(versionId);
    const catalog = elementCatalog([graph]);
    const window = { from: from === undefined ? undefined : Date.parse(from), to: to === undefined ? undefined : Date.parse(to) };
    const cases = await repository.findCases({ processVersionIds: [versionId], from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined, segments });
    const runs = foldLedger(await repository.findSteps(cases.map(({ instanceId }) => instanceId)), catalog);
    const ended = cases.filter(({ endedAt }) => endedAt !== null && (window.from === undefined || endedAt >= window.from) && (window.to === undefined || endedAt < window.to));
    const running = cases.filter(({ endedAt, startedAt }) => endedAt === null && (window.from === undefined || startedAt >= window.from));
    const counted = runs.filter((run) => endedWithin(run, window));
    const utilizationWindow = {
      from: window.from ?? counted.reduce((first, { readyAt }) => Math.min(first, readyAt), counted[0]?.readyAt ?? 0),
      to: window.to ?? counted.reduce((last, { endedAt }) => Math.max(last, endedAt!), counted[0]?.endedAt ?? 0),
    };
    const groupSizes = new Map((await sut.app.get(GroupRepository).list()).map(({ id, members }) => [id, members.length]));
    return {
      kpis: kpis([...ended, ...running], runs, caseFigures(ended, runs, catalog), catalog, { ...DEFAULT_KPI_SETTINGS, ...kpi }),
      kpiSample: { cases: ended.length, running: running.length },
      rework: rework(
        ended.map(({ instanceId }) => instanceId),
        runs,
      ),
      utilisation: { activityInstances: counted.length, teams: utilization(counted, catalog, utilizationWindow, groupSizes) },
    };
  };

  const fromFacts = async ({ from, to, segments = {} }: Query, kpiQuery: Record<string, string> = {}) => {
    const query = {
      processVersionId: versionId,
      ...(from && { from }),
      ...(to && { to }),
      ...Object.fromEntries(Object.entries(segments).map(([name, value]) => [`segment.${name}`, value])),
    };
    const [kpiReport, reworkReport, utilisationReport] = await Promise.all([
      ok(
        http()
          .get('/api/analytics/kpis')
          .query({ ...query, ...kpiQuery }),
      ),
      ok(http().get('/api/analytics/rework').query(query)),
      ok(http().get('/api/analytics/utilisation').query(query)),
    ]);
    return {
      kpis: kpiReport.body.kpis as Kpi[],
      kpiSample: kpiReport.body.sampleSize as { cases: number; running: number },
      source: [kpiReport.body.source, reworkReport.body.source, utilisationReport.body.source],
      rework: (({ cases, casesWithRework, reworkRate, elements, loops }: ReworkReport) => ({ cases, casesWithRework, reworkRate, elements, loops }))(reworkReport.body),
      utilisation: { activityInstances: utilisationReport.body.sampleSize.activityInstances as number, teams: utilisationReport.body.teams as TeamUtilization[] },
    };
  };

  beforeAll(async () => {
    sut = await createTestApp();
    // The facts' own answers (the rollup's are compared with them in analytics-rollup.e2e-spec.ts).
    sut.app.get(AnalyticsService).rollupEnabled = false;
    versionId = (await deploy(sut.server, SERVICE)).id;
    await sut.signIn('fred', { roles: ['agent'], groups: ['first-line'] });
    await sut.signIn('sam', { roles: ['agent'], groups: ['second-line'] });

    // c1, cust-1 by phone: Record after 5 min, 10 min; Resolve after 30 min, 20 min
    const c1 = await start('cust-1', 'phone');
    await work(c1, 5 * MINUTE, 10 * MINUTE);
    await work(c1, 30 * MINUTE, 20 * MINUTE, { csat: 5, nps: 9 });
    // c2, cust-2 by chat, reopened once: Record, Resolve, Record again, Resolve again (rework)
    const c2 = await start('cust-2', 'chat');
    await work(c2, 15 * MINUTE, 15 * MINUTE);
    await work(c2, 60 * MINUTE, 10 * MINUTE, { reopen: true });
    await work(c2, 5 * MINUTE, 5 * MINUTE);
    await work(c2, 20 * MINUTE, 10 * MINUTE, { reopen: false, csat: 3, nps: 6 });
    // c3, cust-1 again by phone the same day (a repeat contact): Record escalated to the second line, then Resolve
    const c3 = await start('cust-1', 'phone');
    sut.clock.advance(10 * MINUTE);
    const record = await openTask(c3);
    await ok(http().post(`/api/tasks/${record.id}/claim`).send({ start: true }));
    sut.clock.advance(5 * MINUTE);
    await ok(http().post(`/api/tasks/${record.id}/escalate`).send({ reasonCode: 'needs-expertise' }));
    await work(c3, 20 * MINUTE, 25 * MINUTE);
    await work(c3, 10 * MINUTE, 15 * MINUTE, { nps: 10 });
    // c4, cust-3 by phone the next day, still running: Record started after 40 min
    sut.clock.advance(DAY);
    const c4 = await start('cust-3', 'phone');
    sut.clock.advance(40 * MINUTE);
    await ok(
      http()
        .post(`/api/tasks/${(await openTask(c4)).id}/claim`)
        .send({ start: true }),
    );
    // c5, cust-4 by email: a slow one, over 5 hours
    const c5 = await start('cust-4', 'email');
    await work(c5, 3 * 60 * MINUTE, 30 * MINUTE);
    await work(c5, 2 * 60 * MINUTE, 45 * MINUTE, { csat: 4 });
  });

  afterAll(async () => {
    await sut?.close();
  });

  it.each<[string, Query, Record<string, string>]>([
    ['all time', {}, {}],
    ['a declared segment', { segments: { channel: 'phone' } }, {}],
    ['a variable no version declares', { segments: { reopen: 'false' } }, {}],
    [
      'a window that cuts the days',
      { from: new Date(TEST_START.getTime() + 30 * MINUTE).toISOString(), to: new Date(TEST_START.getTime() + DAY + 4 * 60 * MINUTE).toISOString() },
      {},
    ],
    [
      'other KPI settings',
      { kpi: { firstResponseSlaMs: 12 * MINUTE, resolutionSlaMs: 60 * MINUTE, repeatWindowMs: 0.5 * DAY, defaultCostPerHour: 10 } },
      { firstResponseSlaMinutes: '12', resolutionSlaMinutes: '60', repeatWindowDays: '0.5', defaultCostPerHour: '10' },
    ],
  ])('answers KPIs, rework and utilisation as the ledger scan did, over %s', async (_name, query, kpiQuery) => {
    // given the five cases; when both compute
    const before = await fromLedger(query);
    const after = await fromFacts(query, kpiQuery);

    // then the facts answer, and the same
    expect(after.source).toEqual(['facts', 'facts', 'facts']);
    expect(after.kpiSample).toEqual(before.kpiSample);
    expectClose(after.kpis, before.kpis);
    expectClose(after.rework, before.rework);
    expectClose(after.utilisation, before.utilisation);
  });

  it('counts what the cases did: a rework loop, an escalation, a repeat contact, a running case', async () => {
    const { kpis: all, rework: reworkAll, kpiSample } = await fromFacts({});
    const byKey = Object.fromEntries(all.map((kpi) => [kpi.key, kpi]));

    expect(kpiSample).toEqual({ cases: 4, running: 1 });
    expect(reworkAll).toMatchObject({
      cases: 4,
      casesWithRework: 1,
      elements: [
        { elementId: 'record', extraExecutions: 1 },
        { elementId: 'resolve', extraExecutions: 1 },
      ],
    });
    expect(byKey.escalationRate).toMatchObject({ numerator: 1, n: 4 });
    // c3 follows c1 (cust-1) the same day
    expect(byKey.repeatContactRate).toMatchObject({ numerator: 1, n: 5 });
  });

  it('folds a per-activity ledger scan too large to hold at once into sketches, with the same counts and means', async () => {
    // given the exact scan of the phone cases, then the same scan with a limit of 1 case held at once
    const query = { processVersionId: versionId, 'segment.channel': 'phone' };
    const exact = await ok(http().get('/api/analytics/activities').query(query));
    const service = sut.app.get(AnalyticsService);
    service.exactCaseLimit = 1;
    const sketched = await ok(http().get('/api/analytics/activities').query(query)).finally(() => (service.exactCaseLimit = Infinity));

    // then both scanned the ledger's 3 phone cases (5 + 5 activity instances ended, and the running one's start); counts and means agree (a sketch's median is an order statistic within its bound, not the interpolated one)
    expect([exact.body.source, sketched.body.source, exact.body.sampleSize, sketched.body.sampleSize]).toEqual([
      'ledger',
      'ledger',
      { activityInstances: 11, cases: 3 },
      { activityInstances: 11, cases: 3 },
    ]);
    expect(sketched.body.definitions.sketch).toMatch(/log-bucket histograms/);
    const rows = (body: { activities: Array<{ elementId: string; count: number; processing: { n: number; mean: number | null } }> }) =>
      Object.fromEntries(body.activities.map(({ elementId, count, processing }) => [elementId, { count, n: processing.n, mean: processing.mean }]));
    const [before, after] = [rows(exact.body), rows(sketched.body)];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [elementId, row] of Object.entries(before)) {
      expect([elementId, after[elementId].count, after[elementId].n]).toEqual([elementId, row.count, row.n]);
      if (row.mean !== null) expect(after[elementId].mean).toBeCloseTo(row.mean, 6);
    }
  });

  it('answers a window past the old 20,000-case cap', async () => {
    // given 20,001 ended cases of another version, written straight as facts (one a minute over the window)
    const other = (await deploy(sut.server, SERVICE.replaceAll('facts-service', 'facts-bulk'))).id;
    await sut.app.get(DataSource).query(
      `INSERT INTO case_fact (instance_id, process_version_id, business_key, status, started_at, ended_at, last_seq, lead_time_ms, desk_time_ms,
                              queue_ms, claimed_idle_ms, processing_ms, handoff_ms, external_system_ms, designed_wait_ms, other_ms, handling_ms,
                              nva_ms, nva_steps, nva_processing_ms, va_processing_ms, first_response_ms, first_lane, user_task_lanes, escalated,
                              costed_amount, uncosted_processing_ms, segments, ended_runs, first_ready_at, last_ended_at, work, stages, worked)
       SELECT gen_random_uuid(), $1, 'bulk-' || n, 'completed', $2::timestamptz + n * interval '1 minute', $2::timestamptz + n * interval '1 minute' + interval '1 hour',
              0, 3600000, 3600000, 1800000, 0, 1800000, 0, 0, 0, 0, 1800000, 0, 0, 0, 1800000, 600000, 'first-line', '{first-line}', n % 10 = 0,
              15, 0, jsonb_build_object('channel', CASE WHEN n % 2 = 0 THEN 'phone' ELSE 'chat' END), 3,
              $2::timestamptz + n * interval '1 minute', $2::timestamptz + n * interval '1 minute' + interval '1 hour',
              jsonb_build_array(jsonb_build_object('team', 'first-line', 'kind', 'group', 'endedAt', extract(epoch FROM $2::timestamptz + n * interval '1 minute' + interval '1 hour') * 1000, 'processingMs', 1800000)),
              '{}', '[]'
       FROM generate_series(1, 20001) AS n`,
      [other, '2026-03-01T00:00:00Z'],
    );
    const window = { processVersionId: other, from: '2026-03-01', to: '2026-04-01' };

    // when the reports that answered 422 past 20,000 cases are asked
    const [kpiReport, byChannel, reworkReport, utilisation] = await Promise.all([
      http().get('/api/analytics/kpis').query(window),
      http()
        .get('/api/analytics/kpis')
        .query({ ...window, 'segment.channel': 'phone' }),
      http().get('/api/analytics/rework').query(window),
      http().get('/api/analytics/utilisation').query(window),
    ]);

    // then they answer, over every case
    expect([kpiReport.status, byChannel.status, reworkReport.status, utilisation.status]).toEqual([200, 200, 200, 200]);
    expect(kpiReport.body.sampleSize).toEqual({ cases: 20_001, running: 0 });
    expect(byChannel.body.sampleSize.cases).toBe(10_000);
    expect(kpiReport.body.kpis.find((kpi: Kpi) => kpi.key === 'escalationRate')).toMatchObject({ numerator: 2_000, n: 20_001 });
    expect(reworkReport.body.cases).toBe(20_001);
    expect(utilisation.body.sampleSize.activityInstances).toBe(3 * 20_001);
  });
});
