import { describe, expect, it } from '@jest/globals';
import { foldLedger } from './activity-run.js';
import { caseFigures, decompose, leadTimeSummary, valueAddedSummary } from './case-report.js';
import { at } from './testing/ledger-builder.js';
import { CATALOG, TWO_CASES, c1, c2 } from './testing/two-cases.js';

const MIN = 60_000;

const figuresOf = () => caseFigures(TWO_CASES, foldLedger([...c1, ...c2]), CATALOG);

describe('caseFigures', () => {
  it('decomposes the lead time so that its parts add up to it', () => {
    const [first, second] = figuresOf();

    // c1, 09:00-12:30 = 210 min: queue 09:00-09:10, idle 09:10-09:30, work 09:30-09:40, idle 09:40-09:50, work 09:50-10:00,
    // hand-off 10:00-10:30, queue 10:30-11:00, work 11:00-11:30, queue 11:30-12:00, work 12:00-12:30
    // -> processing 10+10+30+30 = 80, claimed-idle 20+10 = 30, queue 10+30+30 = 70, hand-off 30, other 0
    expect(first.leadTimeMs).toBe(210 * MIN);
    expect(first.decomposition).toEqual({ processing: 80 * MIN, claimedIdle: 30 * MIN, queue: 70 * MIN, handoff: 30 * MIN, externalSystem: 0, designedWait: 0, other: 0 });

    // c2, 09:00-11:10 = 130 min, with parallel Fix and Check after 09:50 counted once:
    // queue 09:00-09:20 (20), work 09:20-09:50 (30), Fix queued 09:50-10:50 (60) while the external Check runs 09:50-10:20
    // (the desk holds the case: its queue wins), Fix worked 10:50-11:10 (20) -> processing 50, queue 80, external-system 0.
    // Before the time classes the worker's 10:00-10:20 read as processing: processing 70, queue 60.
    expect(second.decomposition).toEqual({ processing: 50 * MIN, claimedIdle: 0, queue: 80 * MIN, handoff: 0, externalSystem: 0, designedWait: 0, other: 0 });
    expect([first.deskTimeMs, second.deskTimeMs]).toEqual([210 * MIN, 130 * MIN]);

    for (const { decomposition, leadTimeMs } of [first, second]) {
      expect(Object.values(decomposition).reduce((sum, part) => sum + part, 0)).toBe(leadTimeMs);
    }
  });

  it('leaves time when nothing is waiting or worked on to "other"', () => {
    // given a case 09:00-10:00 whose only activity waited 09:00-09:20 and was worked 09:20-09:55: 5 minutes of engine time at the end
    const sut = decompose(at('09:00'), at('10:00'), [
      { component: 'queue', from: at('09:00'), to: at('09:20') },
      { component: 'processing', from: at('09:20'), to: at('09:55') },
    ]);

    expect(sut).toEqual({ processing: 35 * MIN, claimedIdle: 0, queue: 20 * MIN, handoff: 0, externalSystem: 0, designedWait: 0, other: 5 * MIN });
  });

  it('summarizes lead times and their parts in seconds', () => {
    const sut = leadTimeSummary(figuresOf());

    // lead times 12600 s and 7800 s: mean 10200, p90 = 7800 + 0.9 x 4800 = 12120
    expect(sut.leadTime).toEqual({ n: 2, mean: 10200, median: 10200, p90: 12120, total: 20400 });
    // processing 80 + 50 = 130 min = 7800 s of 340 min = 20400 s (150 min before the worker's 20 min of Check left it)
    expect(sut.components.processing.total).toBe(7800);
    expect(sut.shares.processing).toBeCloseTo(130 / 340, 10);
    expect(sut.shares.other).toBe(0);
  });
});

describe('valueAddedSummary', () => {
  it('gives the NVA share, NVA steps and staff-minutes, PCE and the waiting share per case', () => {
    const [first, second] = figuresOf();

    // c1: NVA Triage waits 40 and works 20 min = 60 of 210; VA Fix works 60 of 210
    expect(first).toMatchObject({ nvaMs: 60 * MIN, nvaSteps: 1, nvaProcessingMs: 20 * MIN, vaProcessingMs: 60 * MIN });
    // c2: NVA Triage 20 + 30 = 50 of 130; staff-minutes 30; VA Fix works 20 of 130. The NVA Check is an external worker's
    // 30 min: two NVA steps, but none of the desk's time (before the time classes: 80 min, and 50 staff-minutes)
    expect(second).toMatchObject({ nvaMs: 50 * MIN, nvaSteps: 2, nvaProcessingMs: 30 * MIN, vaProcessingMs: 20 * MIN });

    const sut = valueAddedSummary([first, second]);

    // NVA share 60/210 = 0.285714, 50/130 = 0.384615 -> mean 0.335165
    expect(sut.nvaShare.mean).toBeCloseTo((60 / 210 + 50 / 130) / 2, 10);
    expect(sut.nvaSteps).toMatchObject({ n: 2, mean: 1.5 });
    expect(sut.nvaStaffMinutes).toMatchObject({ mean: 25, median: 25 });
    // PCE 60/210 and 20/130: neither case has a designed wait or external-system time of its own, so the desk's time is the lead time
    expect(sut.pce.mean).toBeCloseTo((60 / 210 + 20 / 130) / 2, 10);
    expect(sut.pceOfLeadTime.mean).toBeCloseTo((60 / 210 + 20 / 130) / 2, 10);
    // waiting share (the desk's queue + claimed-idle over the desk's time): c1 (70 + 30)/210, c2 80/130 (60/130 while Check's work counted)
    expect(sut.waitingShare.mean).toBeCloseTo((100 / 210 + 80 / 130) / 2, 10);
    expect(sut.designedWaitShare.mean).toBe(0);
  });
});
