import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { HISTOGRAM_RELATIVE_ERROR, type Kpi } from '#analytics';
import { AnalyticsService } from '../../apps/engine/src/analytics/analytics.service.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, TEST_START, type TestApp } from './support/test-app.js';

const DAY = 24 * HOUR;

/**
 * Intake (first line, 30/h, may escalate) -> done when simple, else Settle (second line, 60/h) ->
 * back to Intake when reopened, or done. Channel and tier are declared segments.
 */
const DESK = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="rollup-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="rollup-desk" isExecutable="true" tandem:segments="channel,tier">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="first-line"><bpmn:flowNodeRef>opened</bpmn:flowNodeRef><bpmn:flowNodeRef>intake</bpmn:flowNodeRef><bpmn:flowNodeRef>triaged</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="second-line"><bpmn:flowNodeRef>settle</bpmn:flowNodeRef><bpmn:flowNodeRef>again</bpmn:flowNodeRef><bpmn:flowNodeRef>closed</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="opened"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="intake" tandem:candidateGroups="first-line" tandem:valueClass="BVA" tandem:costPerHour="30" tandem:escalateTo="second-line">
      <bpmn:incoming>s1</bpmn:incoming><bpmn:incoming>s4</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="triaged" default="s6"><bpmn:incoming>s2</bpmn:incoming><bpmn:outgoing>s6</bpmn:outgoing><bpmn:outgoing>s7</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:userTask id="settle" tandem:candidateGroups="second-line" tandem:valueClass="VA" tandem:costPerHour="60">
      <bpmn:incoming>s6</bpmn:incoming><bpmn:outgoing>s3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="again" default="s5"><bpmn:incoming>s3</bpmn:incoming><bpmn:outgoing>s4</bpmn:outgoing><bpmn:outgoing>s5</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="closed"><bpmn:incoming>s5</bpmn:incoming><bpmn:incoming>s7</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="s1" sourceRef="opened" targetRef="intake" />
    <bpmn:sequenceFlow id="s2" sourceRef="intake" targetRef="triaged" />
    <bpmn:sequenceFlow id="s6" sourceRef="triaged" targetRef="settle" />
    <bpmn:sequenceFlow id="s7" sourceRef="triaged" targetRef="closed">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= simple = true</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="s3" sourceRef="settle" targetRef="again" />
    <bpmn:sequenceFlow id="s4" sourceRef="again" targetRef="intake">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= reopen = true</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="s5" sourceRef="again" targetRef="closed" />
  </bpmn:process>
</bpmn:definitions>`;

interface Reports {
  sources: string[];
  kpiSample: unknown;
  kpis: Kpi[];
  rework: unknown;
  utilisation: unknown;
  leadTime: { n: number; mean: number | null; median: number | null; p90: number | null };
}

/** The type-7 quantile is an order statistic when (n - 1) p is whole: then the sketch's is within its relative error of it. */
const expectWithinBucket = (name: string, sketched: number | null | undefined, exact: number | null | undefined, n: number, p: number) => {
  if (!Number.isInteger(Math.round((n - 1) * p * 1e9) / 1e9) || exact === null || exact === undefined) return;
  expect([name, Math.abs((sketched ?? Number.NaN) - exact) <= HISTOGRAM_RELATIVE_ERROR * exact + 1e-9]).toEqual([name, true]);
};

describe('reports from the case fact rollup', () => {
  let sut: TestApp;
  let versionId: string;
  const http = () => request(sut.server);
  const ok = async (pending: Promise<request.Response>) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };
  const openTask = async (instanceId: string) => (await ok(http().get('/api/tasks').query({ instanceId, status: 'open' }))).body[0] as { id: string };
  const start = async (businessKey: string, channel: string, { tier = 'standard', simple = false } = {}) =>
    (
      await ok(
        http()
          .post('/api/processes/rollup-desk/instances')
          .send({ businessKey, variables: { channel, tier, simple, reopen: false } }),
      )
    ).body.id as string;
  const work = async (instanceId: string, waitMs: number, workMs: number, variables: Record<string, unknown> = {}) => {
    sut.clock.advance(waitMs);
    const task = await openTask(instanceId);
    await ok(http().post(`/api/tasks/${task.id}/claim`).send({ start: true }));
    sut.clock.advance(workMs);
    await ok(http().post(`/api/tasks/${task.id}/complete`).send({ variables }));
  };
  /** A case worked through: intake after `wait` minutes for `minutes`, then (unless simple) settle after twice that. */
  const handled = async (
    customer: string,
    channel: string,
    wait: number,
    minutes: number,
    scores: Record<string, unknown> = {},
    options: { tier?: string; simple?: boolean } = {},
  ) => {
    const id = await start(customer, channel, options);
    await work(id, wait * MINUTE, minutes * MINUTE, options.simple ? scores : {});
    if (!options.simple) await work(id, 2 * wait * MINUTE, 2 * minutes * MINUTE, scores);
    return id;
  };

  const reports = async (query: Record<string, string>, rollup: boolean): Promise<Reports> => {
    sut.app.get(AnalyticsService).rollupEnabled = rollup;
    const scoped = { processVersionId: versionId, ...query };
    const [kpis, rework, utilisation, cases] = await Promise.all(
      ['kpis', 'rework', 'utilisation', 'cases'].map((report) => ok(http().get(`/api/analytics/${report}`).query(scoped))),
    );
    const { cases: reworked, casesWithRework, reworkRate, elements, loops } = rework.body;
    const { n, mean, median, p90 } = cases.body.summary.leadTime;
    return {
      sources: [kpis.body.source, rework.body.source, utilisation.body.source, cases.body.source],
      kpiSample: kpis.body.sampleSize,
      kpis: kpis.body.kpis,
      rework: { reworked, casesWithRework, reworkRate, elements, loops },
      utilisation: { sample: utilisation.body.sampleSize, window: utilisation.body.window, teams: utilisation.body.teams },
      leadTime: { n, mean, median, p90 },
    };
  };

  /** The rollup's answers against the facts': counts and sums exact, means to 9 digits, medians and p90 within a bucket. */
  const expectRollupAsFacts = (rolled: Reports, facts: Reports, query: Record<string, string>, fcrFollowedOutside = 0) => {
    expect(rolled.kpiSample).toEqual(facts.kpiSample);
    expect(rolled.rework).toEqual(facts.rework);
    expect([rolled.leadTime.n, rolled.leadTime.mean]).toEqual([facts.leadTime.n, expect.closeTo(facts.leadTime.mean ?? Number.NaN, 9)]);
    expectWithinBucket('lead time median', rolled.leadTime.median, facts.leadTime.median, facts.leadTime.n, 0.5);
    expectWithinBucket('lead time p90', rolled.leadTime.p90, facts.leadTime.p90, facts.leadTime.n, 0.9);
    for (const exact of facts.kpis) {
      const kpi = rolled.kpis.find(({ key }) => key === exact.key)!;
      // The rollup looks for a repeat contact among all the customer's cases of the process, the facts only among the cases in the window.
      const numerator = exact.key === 'fcr' ? exact.numerator! - fcrFollowedOutside : exact.numerator;
      expect([kpi.key, kpi.n, kpi.numerator]).toEqual([exact.key, exact.n, numerator]);
      if (exact.key === 'fcr') expect(kpi.value).toBeCloseTo(numerator! / exact.n, 9);
      else if (exact.value === null) expect([kpi.key, kpi.value]).toEqual([exact.key, null]);
      else expect([kpi.key, kpi.value]).toEqual([exact.key, expect.closeTo(exact.value, 9)]);
      expectWithinBucket(`${exact.key} median`, kpi.median, exact.median, exact.n, 0.5);
      expectWithinBucket(`${exact.key} p90`, kpi.p90, exact.p90, exact.n, 0.9);
    }
    // Utilisation: all time from the rollup; a window counts each run by its own end, from the facts either way.
    expect(rolled.utilisation).toEqual(facts.utilisation);
    expect(rolled.sources).toEqual(['aggregates', 'aggregates', query.from === undefined && query.to === undefined ? 'aggregates' : 'facts', 'aggregates']);
  };

  beforeAll(async () => {
    sut = await createTestApp();
    versionId = (await deploy(sut.server, DESK)).id;
    await sut.signIn('fay', { roles: ['agent'], groups: ['first-line'] });
    await sut.signIn('sol', { roles: ['agent'], groups: ['second-line'] });

    // Day 1: eight cases end, one of them reworked, one escalated, two resolved by the first line alone.
    await handled('cust-1', 'phone', 5, 10, { csat: 5, nps: 9 }, { tier: 'gold', simple: true });
    await handled('cust-2', 'chat', 15, 20, { csat: 3, nps: 6 });
    const reworked = await start('cust-3', 'chat');
    await work(reworked, 10 * MINUTE, 10 * MINUTE);
    await work(reworked, 30 * MINUTE, 10 * MINUTE, { reopen: true });
    await work(reworked, 5 * MINUTE, 5 * MINUTE);
    await work(reworked, 10 * MINUTE, 10 * MINUTE, { reopen: false, csat: 4 });
    const escalated = await start('cust-4', 'phone');
    sut.clock.advance(10 * MINUTE);
    const intake = await openTask(escalated);
    await ok(http().post(`/api/tasks/${intake.id}/claim`).send({ start: true }));
    sut.clock.advance(5 * MINUTE);
    await ok(http().post(`/api/tasks/${intake.id}/escalate`).send({ reasonCode: 'needs-expertise' }));
    await work(escalated, 20 * MINUTE, 25 * MINUTE);
    await work(escalated, 10 * MINUTE, 15 * MINUTE, { nps: 10 });
    await handled('cust-5', 'email', 60, 30, { csat: 2 });
    await handled('cust-6', 'phone', 2, 3, {}, { simple: true });
    await handled('cust-7', 'web', 40, 15, { nps: 3 });
    await handled('cust-8', 'phone', 90, 45, { csat: 5 }, { tier: 'gold' });
    // The first reports roll these cases up: cust-1's first case is resolved at first contact so far.
    await ok(http().get('/api/analytics/kpis').query({ processVersionId: versionId }));
    // Day 3: cust-1 comes back within the repeat window (the rollup corrects the first case), and two more (eleven ended in all).
    sut.clock.advance(2 * DAY);
    await handled('cust-1', 'phone', 12, 6, { csat: 4 }, { tier: 'gold' });
    await handled('cust-10', 'app', 3, 120);
    await handled('cust-11', 'phone', 25, 5, { nps: 8 }, { simple: true });
    // Still running: cust-12's intake started.
    const running = await start('cust-12', 'phone');
    sut.clock.advance(40 * MINUTE);
    await ok(
      http()
        .post(`/api/tasks/${(await openTask(running)).id}/claim`)
        .send({ start: true }),
    );
  });

  afterAll(async () => {
    await sut?.close();
  });

  it.each<[string, Record<string, string>, number]>([
    ['all time', {}, 0],
    ['a declared segment', { 'segment.channel': 'phone' }, 0],
    ['two declared segments', { 'segment.channel': 'phone', 'segment.tier': 'gold' }, 0],
    // cust-1's first case ended in the window, its repeat contact started after it: no first-contact resolution for the rollup
    ['whole days', { from: TEST_START.toISOString().slice(0, 10), to: new Date(TEST_START.getTime() + 2 * DAY).toISOString().slice(0, 10) }, 1],
  ])('answers KPIs, rework, utilisation and lead time as the facts do, over %s', async (_name, query, fcrFollowedOutside) => {
    // given the cases; when the facts and the rollup answer the same request
    const facts = await reports(query, false);
    const rolled = await reports(query, true);

    // then the rollup answers, the same within its sketches' bound
    expect(facts.sources.slice(0, 2)).toEqual(['facts', 'facts']);
    expectRollupAsFacts(rolled, facts, query, fcrFollowedOutside);
  });

  it('counts the repeat contact that came after a case was rolled up: that case is no longer resolved at first contact', async () => {
    // given cust-1's second case two days after the first was rolled up as resolved
    const { kpis } = await reports({}, true);
    const byKey = Object.fromEntries(kpis.map((kpi) => [kpi.key, kpi]));

    // then 11 ended cases and a running one; of the three resolved by the first line alone, cust-1's first came back
    expect(byKey.repeatContactRate).toMatchObject({ numerator: 1, n: 12 });
    expect(byKey.escalationRate).toMatchObject({ numerator: 1, n: 11 });
    expect(byKey.fcr).toMatchObject({ numerator: 2, n: 11 });
  });

  it('leaves requests it cannot answer to the facts: other KPI settings, a window that cuts a day', async () => {
    const other = await ok(http().get('/api/analytics/kpis').query({ processVersionId: versionId, firstResponseSlaMinutes: '30' }));
    const cut = await ok(
      http()
        .get('/api/analytics/rework')
        .query({ processVersionId: versionId, from: TEST_START.toISOString() })
        .query({ to: new Date(TEST_START.getTime() + 3 * HOUR).toISOString() }),
    );

    expect([other.body.source, cut.body.source]).toEqual(['facts', 'facts']);
  });

  it('backfills the rollup from the facts already there (as after the migration), with the same answers', async () => {
    // given the answers, then the rollup emptied and every ended fact marked as never rolled up (as the migration leaves them)
    const before = await reports({}, true);
    const byChannel = await reports({ 'segment.channel': 'phone' }, true);
    const dataSource = sut.app.get(DataSource);
    await dataSource.query(`DELETE FROM case_fact_rollup`);
    await dataSource.query(`UPDATE case_fact SET rolled_up = false, rollup_followed = NULL`);

    // when the aggregator drains (every report drains first)
    const after = await reports({}, true);

    // then every ended fact is rolled up again, and the reports answer as before
    const [{ unrolled, rows }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM case_fact WHERE ended_at IS NOT NULL AND NOT rolled_up) AS unrolled, (SELECT count(*)::int FROM case_fact_rollup) AS rows`,
    );
    expect(unrolled).toBe(0);
    expect(rows).toBeGreaterThan(0);
    expect(after).toEqual(before);
    expect(await reports({ 'segment.channel': 'phone' }, true)).toEqual(byChannel);
  });
});
