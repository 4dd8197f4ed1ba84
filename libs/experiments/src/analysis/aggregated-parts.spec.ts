import { describe, expect, it } from '@jest/globals';
import { experimentFixture } from '../testing/experiment-fixture.js';
import { activityDifferences, binnedActivityDifferences } from './activity-differences.js';
import type { ArmCase } from './analysis-input.js';
import { BINNED_RELATIVE_ERROR, binDurations } from './binned-durations.js';
import { orderedArms, stageBreakdown, stageBreakdownOfSums } from './stage-breakdown.js';
import { caseDigest } from '../verdict/data-hash.js';

describe('stageBreakdownOfSums', () => {
  it('gives the same means as the cases it sums, and none for an arm without ended cases', () => {
    // given two ended cases of the baseline and none of the candidate
    const experiment = experimentFixture();
    const [baseline, candidate] = orderedArms(experiment);
    const ended = (waitingMs: number, processingMs: number): ArmCase => ({
      instanceId: `c-${waitingMs}`,
      armId: baseline,
      reason: 'weight',
      unitKey: `u-${waitingMs}`,
      startedAt: 0,
      endedAt: 1,
      values: {},
      stages: { diagnosis: { waitingMs, processingMs } },
    });
    const cases = [ended(100, 10), ended(300, 30)];
    // when broken down from sums
    const sut = stageBreakdownOfSums(experiment, { [baseline]: { diagnosis: { waitingMs: 400, processingMs: 40 } } }, (armId) => (armId === baseline ? 2 : 0), [
      'diagnosis',
      'solution',
    ]);
    // then the same figures as from the cases
    expect(sut).toEqual(stageBreakdown(experiment, cases, ['diagnosis', 'solution']));
    expect(sut[0].arms.find((arm) => arm.armId === candidate)).toEqual({ armId: candidate, cases: 0, meanWaitingMs: null, meanProcessingMs: null });
  });
});

describe('binnedActivityDifferences', () => {
  it('gives each activity median within the bucket bound and the same findings, an activity of one arm untested', () => {
    // given one activity in both arms, the candidate's 30 % faster, and one only in the baseline
    const slow = Array.from({ length: 400 }, (_, i) => 60_000 + i * 500);
    const fast = slow.map((ms) => ms * 0.7);
    const exact = activityDifferences(
      [
        ...slow.map((durationMs) => ({ armId: 'as-is', elementId: 'diagnose', durationMs })),
        ...fast.map((durationMs) => ({ armId: 'to-be', elementId: 'diagnose', durationMs })),
        { armId: 'as-is', elementId: 'call', durationMs: 5 },
      ],
      'as-is',
      'to-be',
      0.05,
    );
    // when compared from per-element bucket counts
    const sut = binnedActivityDifferences({ diagnose: { 'as-is': binDurations(slow), 'to-be': binDurations(fast) }, call: { 'as-is': binDurations([5]) } }, 'as-is', 'to-be', 0.05);
    // then the same rows, medians within the bound, the same significance
    expect(sut.map((row) => row.elementId)).toEqual(exact.map((row) => row.elementId));
    const [row, exactRow] = [sut.find((r) => r.elementId === 'diagnose')!, exact.find((r) => r.elementId === 'diagnose')!];
    expect(Math.abs(row.candidate.medianMs! - exactRow.candidate.medianMs!)).toBeLessThanOrEqual(BINNED_RELATIVE_ERROR * exactRow.candidate.medianMs!);
    expect(row.significant).toBe(true);
    expect(exactRow.significant).toBe(true);
    expect(sut.find((r) => r.elementId === 'call')).toMatchObject({ pValue: null, differenceMs: null, candidate: { n: 0, medianMs: null } });
  });
});

describe('caseDigest with aggregates', () => {
  it('changes with the aggregates and not with the order the database returned their buckets in', () => {
    // (analyzeExperiment hands it the histograms as records of bucket to count: canonical JSON sorts arrays)
    // given the same cases with two orders of the same buckets, and one bucket count changed
    const aggregates = (buckets: Array<[number, number]>) => ({
      durations: { 'as-is': { leadTime: { n: 3, sumMs: 30, buckets: Object.fromEntries(buckets) } } },
      stages: {},
      activities: {},
    });
    const digest = (buckets: Array<[number, number]>) => caseDigest([], 0, aggregates(buckets));
    // when digested
    // then the order does not matter, a count does, and so does having aggregates at all
    expect(
      digest([
        [10, 1],
        [20, 2],
      ]),
    ).toBe(
      digest([
        [20, 2],
        [10, 1],
      ]),
    );
    expect(
      digest([
        [10, 1],
        [20, 2],
      ]),
    ).not.toBe(
      digest([
        [10, 2],
        [20, 1],
      ]),
    );
    expect(
      digest([
        [10, 1],
        [20, 2],
      ]),
    ).not.toBe(caseDigest([], 0));
  });
});
