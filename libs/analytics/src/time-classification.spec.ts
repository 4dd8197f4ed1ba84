import { describe, expect, it } from '@jest/globals';
import { activityReport, activityReportFromAggregates } from './activity-report.js';
import { foldLedger } from './activity-run.js';
import { aggregatesOf } from './testing/aggregates-of.js';
import { bottlenecks } from './bottlenecks.js';
import { caseOutcomes } from './case-outcomes.js';
import { caseFigures, leadTimeSummary, valueAddedSummary } from './case-report.js';
import { designedWaits } from './designed-waits.js';
import { DEFAULT_KPI_SETTINGS } from './kpi-settings.js';
import { kpis } from './kpis.js';
import { HOUR_MS } from './ledger.js';
import { at } from './testing/ledger-builder.js';
import { f1, f2, FOLLOW_UP_CASES, FOLLOW_UP_CATALOG } from './testing/follow-up-cases.js';

const MIN = 60_000;

/**
 * Time is classified before it is counted (DESIGN.md section 5), checked figure by figure on the
 * two follow-up cases of testing/follow-up-cases.ts, every number counted by hand from their
 * timetable: f1 waits 3 days on a timer before the survey call and syncs the CRM through an
 * external worker; f2 waits 4 hours at an event-based gateway for the customer's reply.
 */
const runsOf = () => foldLedger([...f1, ...f2], FOLLOW_UP_CATALOG);
const rowsOf = () => Object.fromEntries(activityReport(runsOf(), FOLLOW_UP_CATALOG).map((row) => [row.elementId, row]));
const figuresOf = () => caseFigures(FOLLOW_UP_CASES, runsOf(), FOLLOW_UP_CATALOG);

describe('the classified fold of a run', () => {
  it("gives a user task the desk's queue, claimed-idle and working time", () => {
    const sut = runsOf().find(({ activityInstanceId }) => activityInstanceId === 'f1-answer')!;

    // Answer: ready 09:00, claimed 09:20, started 09:30, completed 10:00
    expect(sut).toMatchObject({ timeClass: 'desk', queueMs: 20 * MIN, claimedIdleMs: 10 * MIN, processingMs: 30 * MIN, designedWaitMs: 0, externalSystemMs: 0 });
  });

  it('gives an external task external-system time from ready to completed, none of it queue or processing', () => {
    const sut = runsOf().find(({ activityInstanceId }) => activityInstanceId === 'f1-sync')!;

    // Sync: ready 10:00, fetched 10:05, completed 10:15 -> 15 min, whoever held it
    expect(sut).toMatchObject({ timeClass: 'externalSystem', externalSystemMs: 15 * MIN, queueMs: 0, claimedIdleMs: 0, processingMs: 0, firstStartedAt: at('10:05') });
    expect(sut.intervals).toEqual([{ phase: 'externalSystem', from: at('10:00'), to: at('10:15') }]);
  });

  it('gives a timer catch event and an event-based gateway designed wait from ready to completed', () => {
    const runs = runsOf();
    const timer = runs.find(({ activityInstanceId }) => activityInstanceId === 'f1-wait')!;
    const gateway = runs.find(({ activityInstanceId }) => activityInstanceId === 'f2-reply')!;

    // the timer: day 0 10:15 -> day 3 10:15 = 4320 min; the gateway: 09:15 -> 13:15 = 240 min
    expect(timer).toMatchObject({ timeClass: 'designedWait', designedWaitMs: 4320 * MIN, queueMs: 0, processingMs: 0 });
    expect(gateway).toMatchObject({ timeClass: 'designedWait', designedWaitMs: 240 * MIN, queueMs: 0, processingMs: 0 });
  });
});

describe('the per-activity figures of classified time', () => {
  it("keeps designed waits and external-system time in their own columns, out of the desk's", () => {
    const sut = rowsOf();

    expect(sut.Answer).toMatchObject({
      timeClass: 'desk',
      queue: { n: 1, mean: 1200 },
      claimedIdle: { n: 1, mean: 600 },
      waiting: { n: 1, mean: 1800 },
      processing: { n: 1, mean: 1800 },
    });
    expect(sut.Answer.designedWait.n).toBe(0);
    // Sync: 900 s of external-system time, no waiting and no processing
    expect(sut.Sync).toMatchObject({ timeClass: 'externalSystem', externalSystem: { n: 1, mean: 900, total: 900 }, duration: { mean: 900 } });
    expect([sut.Sync.queue.n, sut.Sync.waiting.n, sut.Sync.processing.n]).toEqual([0, 0, 0]);
    // Wait 3 days: 259200 s of designed wait and no waiting at all
    expect(sut.Wait).toMatchObject({ timeClass: 'designedWait', designedWait: { n: 1, mean: 259_200, median: 259_200, p90: 259_200, total: 259_200 } });
    expect([sut.Wait.queue.n, sut.Wait.waiting.n, sut.Wait.waiting.total]).toEqual([0, 0, 0]);
    // Survey: hand-off 10 min after the timer (L1 -> L2), queue 11:00 - 10:25 = 2100 s, working 600 s
    expect(sut.Survey).toMatchObject({ handoff: { n: 1, mean: 600 }, queue: { mean: 2100 }, waiting: { mean: 2100 }, processing: { mean: 600 } });
    expect(sut.Reply).toMatchObject({ timeClass: 'designedWait', designedWait: { n: 1, mean: 14_400 } });
  });

  it("ranks only the desk's waiting as bottlenecks and lists the designed waits apart", () => {
    const rows = Object.values(rowsOf());

    const ranked = bottlenecks(rows);
    const apart = designedWaits(rows);

    // the desk's waiting: Survey 2100 s, Answer 1800 s, Close 1800 s (ties by id), Ask 300 s; 6000 s in all
    expect(ranked.map(({ rank, elementId, totalWaiting }) => [rank, elementId, totalWaiting])).toEqual([
      [1, 'Survey', 2100],
      [2, 'Answer', 1800],
      [3, 'Close', 1800],
      [4, 'Ask', 300],
    ]);
    expect(ranked[0].share).toBeCloseTo(2100 / 6000, 10);
    // the timer's 259200 s and the gateway's 14400 s are no bottleneck; the reply's catch event passed at once
    expect(apart.map(({ elementId, count, totalDesignedWait }) => [elementId, count, totalDesignedWait])).toEqual([
      ['Wait', 1, 259_200],
      ['Reply', 1, 14_400],
    ]);
  });
});

describe('the case figures of classified time', () => {
  it("decomposes the lead time into the desk's parts, external-system time and designed wait, and gives the desk's time", () => {
    const [first, second] = figuresOf();

    // f1, 4450 min: queue 20 + 35, claimed-idle 10, working 30 + 10, hand-off 10, external 15 (10:00-10:15), designed wait 4320
    expect(first.leadTimeMs).toBe(4450 * MIN);
    expect(first.decomposition).toEqual({
      processing: 40 * MIN,
      claimedIdle: 10 * MIN,
      queue: 55 * MIN,
      handoff: 10 * MIN,
      externalSystem: 15 * MIN,
      designedWait: 4320 * MIN,
      other: 0,
    });
    // the desk's time: 4450 - 4320 - 15 = 115 min = 55 + 10 + 40 + 10
    expect(first.deskTimeMs).toBe(115 * MIN);
    // f2, 290 min: queue 5 + 30, working 10 + 5, designed wait 240 (the customer's reply); the desk's time 50 min
    expect(second.decomposition).toEqual({ processing: 15 * MIN, claimedIdle: 0, queue: 35 * MIN, handoff: 0, externalSystem: 0, designedWait: 240 * MIN, other: 0 });
    expect(second.deskTimeMs).toBe(50 * MIN);
    // handling is the desk's working only: f1 30 + 10 min (not the worker's 10 min)
    expect([first.handlingMs, second.handlingMs]).toEqual([40 * MIN, 15 * MIN]);
  });

  it("gives the waiting share and PCE of the desk's time, with PCE of the lead time and the designed-wait share beside them", () => {
    const sut = valueAddedSummary(figuresOf());

    // waiting share: f1 (55 + 10) / 115 = 0.5652 (counted over the lead time with the timer and the fetch as queue, it read
    // (4380 + 10) / 4450 = 98.7 %); f2 35 / 50 = 0.7
    expect(sut.waitingShare.n).toBe(2);
    expect(sut.waitingShare.mean).toBeCloseTo((65 / 115 + 35 / 50) / 2, 10);
    // PCE: VA working f1 30 / 115 = 0.2609 (30 / 4450 = 0.67 % of the lead time), f2 5 / 50 = 0.1 (5 / 290 of the lead time)
    expect(sut.pce.mean).toBeCloseTo((30 / 115 + 5 / 50) / 2, 10);
    expect(sut.pceOfLeadTime.mean).toBeCloseTo((30 / 4450 + 5 / 290) / 2, 10);
    // designed waits: f1 4320 / 4450 = 0.9708, f2 240 / 290 = 0.8276
    expect(sut.designedWaitShare.mean).toBeCloseTo((4320 / 4450 + 240 / 290) / 2, 10);
    // NVA: f1's Sync is an external worker's (no desk time), f2's Ask waited 5 and was worked 10 min: 0 and 15 / 290
    expect(sut.nvaShare.mean).toBeCloseTo((0 + 15 / 290) / 2, 10);
    expect(sut.nvaSteps).toMatchObject({ n: 2, mean: 1 });
    expect(sut.nvaStaffMinutes).toMatchObject({ n: 2, mean: 5 });
  });

  it("summarizes the desk's time beside the lead time", () => {
    const sut = leadTimeSummary(figuresOf());

    // lead times 4450 and 290 min; the desk's 115 and 50 min; designed waits 4320 + 240 = 4560 of 4740 min
    expect(sut.leadTime).toMatchObject({ n: 2, total: 4740 * 60 });
    expect(sut.deskTime).toMatchObject({ n: 2, total: 165 * 60, mean: 82.5 * 60 });
    expect(sut.components.designedWait.total).toBe(4560 * 60);
    expect(sut.components.externalSystem.total).toBe(15 * 60);
    expect(sut.shares.designedWait).toBeCloseTo(4560 / 4740, 10);
  });
});

describe('the resolution SLA over classified time', () => {
  it("is met by the desk's time, not by a lead time that holds a designed wait", () => {
    const sut = new Map(caseOutcomes(FOLLOW_UP_CASES, runsOf(), DEFAULT_KPI_SETTINGS).map((outcome) => [outcome.instanceId, outcome]));

    // f1: 115 min of the desk's time within 4 h, though its lead time is 74 h 10 min; f2: 50 min
    expect(sut.get('f1')).toMatchObject({ resolutionMs: 115 * MIN, resolutionMet: true, firstResponseMs: 30 * MIN });
    expect(sut.get('f2')).toMatchObject({ resolutionMs: 50 * MIN, resolutionMet: true, firstResponseMs: 5 * MIN });
  });

  it("says which SLA and which time it counts, and the KPIs count only the desk's work", () => {
    const runs = runsOf();
    const settings = { ...DEFAULT_KPI_SETTINGS, resolutionSlaMs: HOUR_MS };

    const sut = Object.fromEntries(kpis(FOLLOW_UP_CASES, runs, caseFigures(FOLLOW_UP_CASES, runs, FOLLOW_UP_CATALOG), FOLLOW_UP_CATALOG, settings).map((kpi) => [kpi.key, kpi]));

    // within 1 h of the desk's time: f2 (50 min), not f1 (115 min)
    expect(sut.slaResolution).toMatchObject({ value: 0.5, numerator: 1, n: 2 });
    expect(sut.slaResolution.definition).toMatch(/desk's time/);
    expect(sut.slaResolution.definition).toMatch(/SLA: 1 h of the desk's time\.$/);
    expect(sut.slaFirstResponse.definition).toMatch(/SLA: 4 h\.$/);
    // handling: f1 40 min, f2 15 min -> 27.5; cost f1 30 min x 30/h + 10 min x 60/h = 25, f2 10 + 5 min x 30/h = 7.5 -> 16.25
    expect(sut.handlingTime).toMatchObject({ value: 27.5, n: 2 });
    expect(sut.costPerCase).toMatchObject({ value: 16.25, n: 2 });
    // lead time holds everything: (4450 + 290) / 2 min = 39.5 h
    expect(sut.meanLeadTime).toMatchObject({ value: 39.5, n: 2 });
    expect(sut.meanLeadTime.definition).toMatch(/everything included/);
  });
});

describe('the incremental aggregates of classified time', () => {
  it('keep the same classes and totals as the exact figures', () => {
    // given the runs added one by one to per-element aggregates, as the aggregator does
    const aggregates = aggregatesOf(runsOf());

    const sut = Object.fromEntries(activityReportFromAggregates(aggregates, FOLLOW_UP_CATALOG).map((row) => [row.elementId, row]));

    // the timer's 259200 s are designed wait, the worker's 900 s external-system time, in the aggregates too
    expect(sut.Wait).toMatchObject({ timeClass: 'designedWait', designedWait: { n: 1, total: 259_200 }, waiting: { n: 0, total: 0 } });
    expect(sut.Sync).toMatchObject({ timeClass: 'externalSystem', externalSystem: { n: 1, total: 900 }, processing: { n: 0 } });
    expect(bottlenecks(Object.values(sut)).map(({ elementId }) => elementId)).toEqual(['Survey', 'Answer', 'Close', 'Ask']);
  });
});
