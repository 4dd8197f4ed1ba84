import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { kaplanMeier, type SurvivalObservation } from './kaplan-meier.js';
import { compareLeadTimes } from './lead-time.js';
import { logRankTest } from './log-rank.js';

interface Curve {
  median: number | null;
  times: number[];
  survival: number[];
}
interface Case {
  name: string;
  baseline: SurvivalObservation[];
  candidate: SurvivalObservation[];
  expected: { baseline: Curve; candidate: Curve; z: number; pValue: number };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/survival.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('kaplanMeier', () => {
  it.each(fixture.cases)('matches scipy.stats.ecdf (censored) for $name', (c) => {
    for (const arm of ['baseline', 'candidate'] as const) {
      // given an arm with running cases censored / when the curve is estimated
      const sut = kaplanMeier(c[arm]);
      // then the step times, survival (1e-12) and the median equal SciPy's
      expect(sut.steps.map((s) => s.time)).toEqual(c.expected[arm].times);
      sut.steps.forEach((s, i) => expect(Math.abs(s.survival - c.expected[arm].survival[i])).toBeLessThan(1e-12));
      expect(sut.median).toBe(c.expected[arm].median);
    }
  });

  it('has no median while fewer than half have finished', () => {
    expect(
      kaplanMeier([
        { time: 1, event: true },
        { time: 2, event: false },
        { time: 3, event: false },
      ]).median,
    ).toBeNull();
  });
});

describe('logRankTest', () => {
  it.each(fixture.cases)('matches scipy.stats.logrank for $name', (c) => {
    const sut = logRankTest(c.baseline, c.candidate);
    expect(Math.abs(sut.z - c.expected.z)).toBeLessThan(1e-10);
    expect(Math.abs(sut.pValue - c.expected.pValue)).toBeLessThan(1e-10);
  });
});

describe('compareLeadTimes', () => {
  it('counts running cases and censors them at now instead of dropping them', () => {
    // given a slow baseline whose slow cases are still running at now = 100
    const baseline = [{ startedAt: 0, endedAt: 10 }, { startedAt: 0 }, { startedAt: 0 }, { startedAt: 50 }];
    const candidate = [
      { startedAt: 0, endedAt: 20 },
      { startedAt: 0, endedAt: 30 },
      { startedAt: 0, endedAt: 40 },
      { startedAt: 50, endedAt: 60 },
    ];
    // when compared
    const sut = compareLeadTimes(baseline, candidate, 100);
    // then the baseline reports 3 running and no median yet, rather than a 10 ms median from its one finished case
    expect(sut.baseline).toEqual({ finished: 1, running: 3, median: null });
    expect(sut.candidate).toEqual({ finished: 4, running: 0, median: 20 });
    expect(sut.logRank.z).toBeLessThan(0);
  });
});
