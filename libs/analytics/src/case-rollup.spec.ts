import { describe, expect, it } from '@jest/globals';
import type { CaseFigures } from './case-report.js';
import { addFactToRollup, emptyCaseRollup, kpiTotalsOfRollup, mergeCaseRollup, reworkOfRollup, rollupServesKpis, teamWorkOfRollup, type RollupFact } from './case-rollup.js';
import { HISTOGRAM_RELATIVE_ERROR } from './histogram.js';
import { DEFAULT_KPI_SETTINGS } from './kpi-settings.js';
import { HOUR_MS, MINUTE_MS } from './ledger.js';

const figures = (leadTimeMs: number, deskTimeMs: number): CaseFigures => ({
  instanceId: 'i',
  processVersionId: 'v',
  businessKey: null,
  startedAt: 0,
  endedAt: leadTimeMs,
  leadTimeMs,
  deskTimeMs,
  decomposition: { processing: deskTimeMs / 2, claimedIdle: 0, queue: deskTimeMs / 2, handoff: 0, externalSystem: 0, designedWait: leadTimeMs - deskTimeMs, other: 0 },
  handlingMs: deskTimeMs / 2,
  nvaMs: 0,
  nvaSteps: 0,
  nvaProcessingMs: 0,
  vaProcessingMs: deskTimeMs / 2,
});

const fact = (overrides: Partial<RollupFact> = {}): RollupFact => ({
  status: 'completed',
  figures: figures(2 * HOUR_MS, HOUR_MS),
  escalated: false,
  firstResponseMs: 10 * MINUTE_MS,
  firstLane: 'first-line',
  userTaskLanes: ['first-line'],
  costedAmount: 15,
  uncostedProcessingMs: 0,
  csat: 4,
  nps: 9,
  rework: null,
  work: [{ team: 'first-line', kind: 'group', endedAt: 1, processingMs: 30 * MINUTE_MS }],
  endedRuns: 3,
  firstReadyAt: 0,
  lastEndedAt: 2 * HOUR_MS,
  repeatContact: false,
  followed: false,
  ...overrides,
});

describe('the case fact rollup', () => {
  it('counts the KPIs of its cases with the default settings: rates exact, means exact, medians within a bucket', () => {
    // given three ended cases: one resolved at first contact, one escalated and slow, one followed by a repeat contact
    const sut = emptyCaseRollup();
    addFactToRollup(sut, fact());
    addFactToRollup(
      sut,
      fact({ escalated: true, userTaskLanes: ['first-line', 'second-line'], firstResponseMs: 5 * HOUR_MS, figures: figures(9 * HOUR_MS, 6 * HOUR_MS), csat: 2, nps: 3 }),
    );
    addFactToRollup(sut, fact({ followed: true, repeatContact: true, nps: null, csat: null }));

    // when its totals are read
    const totals = kpiTotalsOfRollup(sut);

    // then
    expect(totals.fcr).toEqual({ met: 1, of: 3 });
    expect(totals.escalation).toEqual({ met: 1, of: 3 });
    expect(totals.firstResponse).toEqual({ met: 2, of: 3 });
    expect(totals.resolution).toEqual({ met: 2, of: 3 });
    expect(totals.repeats).toEqual({ met: 1, of: 3 });
    expect(totals.nps).toEqual({ n: 2, promoters: 1, detractors: 1 });
    expect(totals.leadTimeHours).toMatchObject({ n: 3, mean: 13 / 3, total: 13 });
    expect(Math.abs(totals.leadTimeHours.median! - 2) / 2).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    expect(totals.csat).toMatchObject({ n: 2, mean: 3 });
  });

  it('merges as if the cases were added to one, and a correction (a negative count) subtracts', () => {
    // given two rollups, and a correction of one case found followed later
    const a = emptyCaseRollup();
    const b = emptyCaseRollup();
    const whole = emptyCaseRollup();
    const reworked = fact({ rework: { elements: { intake: 1 }, loops: [['intake', 'settle', 'intake']] } });
    addFactToRollup(a, fact());
    addFactToRollup(b, reworked);
    addFactToRollup(whole, fact());
    addFactToRollup(whole, reworked);
    const correction = emptyCaseRollup();
    correction.followed = 1;

    // when merged
    const merged = mergeCaseRollup(mergeCaseRollup(emptyCaseRollup(), a), b);

    // then as one; the correction takes a first-contact resolution away
    expect(merged).toEqual(mergeCaseRollup(emptyCaseRollup(), whole));
    expect(reworkOfRollup(merged)).toMatchObject({ cases: 2, casesWithRework: 1, reworkRate: 0.5, elements: [{ elementId: 'intake', cases: 1, extraExecutions: 1 }] });
    expect(teamWorkOfRollup(merged)).toEqual([{ team: 'first-line', kind: 'group', activityInstances: 2, processingMs: 60 * MINUTE_MS }]);
    expect(kpiTotalsOfRollup(mergeCaseRollup(merged, correction)).fcr).toEqual({ met: 1, of: 2 });
  });

  it('answers KPI requests with the default settings only', () => {
    expect(rollupServesKpis(DEFAULT_KPI_SETTINGS)).toBe(true);
    expect(rollupServesKpis({ ...DEFAULT_KPI_SETTINGS, firstResponseSlaMs: HOUR_MS })).toBe(false);
    expect(rollupServesKpis({ ...DEFAULT_KPI_SETTINGS, customerVariable: 'customerId' })).toBe(false);
    expect(rollupServesKpis({ ...DEFAULT_KPI_SETTINGS, firstTierLanes: ['first-line'] })).toBe(false);
  });
});
