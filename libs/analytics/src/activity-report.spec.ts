import { describe, expect, it } from '@jest/globals';
import { activityReport, activityReportFromAggregates } from './activity-report.js';
import { foldLedger } from './activity-run.js';
import { aggregatesOf } from './testing/aggregates-of.js';
import { bottlenecks } from './bottlenecks.js';
import { HISTOGRAM_RELATIVE_ERROR } from './histogram.js';
import { CATALOG, c1, c2 } from './testing/two-cases.js';

const rowsOf = () => Object.fromEntries(activityReport(foldLedger([...c1, ...c2]), CATALOG).map((row) => [row.elementId, row]));

describe('activityReport', () => {
  it('gives count, mean, median and p90 of each measure per activity, in seconds', () => {
    const sut = rowsOf();

    // Triage: queue c1 600 s, c2 1200 s -> mean 900, median 900, p90 = 600 + 0.9 x 600 = 1140
    expect(sut.Triage).toMatchObject({ name: 'Triage request', valueClass: 'NVA', laneId: 'L1', count: 2, completed: 2, canceled: 0 });
    expect(sut.Triage.queue).toEqual({ n: 2, mean: 900, median: 900, p90: 1140, total: 1800 });
    // claimed-idle c1 1800 s, c2 0 s -> p90 = 0 + 0.9 x 1800 = 1620
    expect(sut.Triage.claimedIdle).toEqual({ n: 2, mean: 900, median: 900, p90: 1620, total: 1800 });
    // waiting = queue + claimed-idle: c1 2400 s, c2 1200 s -> p90 = 1200 + 0.9 x 1200 = 2280
    expect(sut.Triage.waiting).toEqual({ n: 2, mean: 1800, median: 1800, p90: 2280, total: 3600 });
    // processing c1 1200 s, c2 1800 s -> p90 = 1200 + 0.9 x 600 = 1740
    expect(sut.Triage.processing).toEqual({ n: 2, mean: 1500, median: 1500, p90: 1740, total: 3000 });
    // Triage follows the start event in its own lane: no hand-off
    expect(sut.Triage.handoff.n).toBe(0);

    // Fix: queue 3600 s in both; processing c1 3600 s, c2 1200 s -> p90 = 1200 + 0.9 x 2400 = 3360
    expect(sut.Fix.queue).toEqual({ n: 2, mean: 3600, median: 3600, p90: 3600, total: 7200 });
    expect(sut.Fix.processing).toEqual({ n: 2, mean: 2400, median: 2400, p90: 3360, total: 4800 });
    // hand-off c1 1800 s, c2 0 s -> mean 900, p90 = 0.9 x 1800 = 1620
    expect(sut.Fix.handoff).toEqual({ n: 2, mean: 900, median: 900, p90: 1620, total: 1800 });
    // duration ready -> completed: c1 10:30-12:30 = 7200 s, c2 09:50-11:10 = 4800 s
    expect(sut.Fix.duration).toMatchObject({ n: 2, mean: 6000 });

    // Check (external task): 1800 s of external-system time (ready 09:50 - completed 10:20), one run, no queue or processing
    // (before the time classes: queue 600 s and processing 1200 s)
    expect(sut.Check).toMatchObject({ count: 1, timeClass: 'externalSystem', externalSystem: { n: 1, mean: 1800, median: 1800, p90: 1800, total: 1800 } });
    expect([sut.Check.queue.n, sut.Check.waiting.n, sut.Check.processing.n]).toEqual([0, 0, 0]);
    // a gateway is measured and takes no time
    expect(sut.Split).toMatchObject({ count: 1, waiting: { n: 1, mean: 0 }, processing: { n: 1, mean: 0 } });
  });

  it("ranks bottlenecks by the desk's total waiting contributed", () => {
    const sut = bottlenecks(Object.values(rowsOf()));

    // Fix 2 x 3600 = 7200 s, Triage 2 x 1800 = 3600 s; of 10800 s in all. Events and gateways never wait; the external
    // task Check has no waiting of the desk's (it was third with its 600 s before the fetch when that counted as queue).
    expect(sut.map(({ elementId, totalWaiting, meanWaiting, count }) => [elementId, totalWaiting, meanWaiting, count])).toEqual([
      ['Fix', 7200, 3600, 2],
      ['Triage', 3600, 1800, 2],
    ]);
    expect(sut[0].share).toBeCloseTo(7200 / 10800, 10);
    expect(sut.map(({ rank }) => rank)).toEqual([1, 2]);
  });
});

describe('activityReportFromAggregates', () => {
  it('gives the exact counts and means and medians and p90 within the sketch bound', () => {
    // given the same runs added one by one to per-element aggregates, as the incremental path does
    const aggregates = aggregatesOf(foldLedger([...c1, ...c2]));

    const sut = Object.fromEntries(activityReportFromAggregates(aggregates, CATALOG).map((row) => [row.elementId, row]));

    const exact = rowsOf();
    for (const elementId of Object.keys(exact)) {
      expect(sut[elementId].count).toBe(exact[elementId].count);
      expect(sut[elementId].timeClass).toBe(exact[elementId].timeClass);
      for (const measure of ['queue', 'claimedIdle', 'waiting', 'processing', 'handoff', 'designedWait', 'externalSystem'] as const) {
        expect(sut[elementId][measure].n).toBe(exact[elementId][measure].n);
        expect(sut[elementId][measure].total).toBeCloseTo(exact[elementId][measure].total, 6);
      }
    }
    // Fix queue: both 3600 s -> the median is 3600 within 4.4 %
    expect(Math.abs(sut.Fix.queue.median! - 3600) / 3600).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    // Triage processing 1200 s and 1800 s: p90 is the order statistic at rank round(0.9) = 1, 1800 s, within 4.4 %
    expect(Math.abs(sut.Triage.processing.p90! - 1800) / 1800).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
  });
});
