import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { welchLogTest } from './welch-log.js';

interface Case {
  name: string;
  alpha: number;
  baseline: number[];
  candidate: number[];
  expected: { t: number; df: number; pValue: number; ratio: number; interval: [number, number] };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/welch-log.json', import.meta.url), 'utf8')) as { cases: Case[] };
// stdlib's t distribution against SciPy's (boost): agreement to ~1e-12; 1e-9 stated.
const TOLERANCE = 1e-9;

describe('welchLogTest', () => {
  it.each(fixture.cases)('matches scipy.stats.ttest_ind(equal_var=False) on logs for $name', (c) => {
    // given durations / when compared on the log scale
    const sut = welchLogTest(c.baseline, c.candidate, c.alpha);
    // then t, df, p, the geometric-mean ratio and its interval equal SciPy's
    expect(Math.abs(sut.t - c.expected.t)).toBeLessThan(TOLERANCE);
    expect(Math.abs(sut.df - c.expected.df)).toBeLessThan(TOLERANCE * c.expected.df);
    expect(Math.abs(sut.pValue - c.expected.pValue)).toBeLessThan(TOLERANCE);
    expect(Math.abs(sut.ratio - c.expected.ratio)).toBeLessThan(TOLERANCE);
    expect(Math.abs(sut.interval[0] - c.expected.interval[0])).toBeLessThan(TOLERANCE);
    expect(Math.abs(sut.interval[1] - c.expected.interval[1])).toBeLessThan(TOLERANCE);
  });

  it('rejects a zero duration, which has no logarithm', () => {
    expect(() => welchLogTest([1, 2, 0], [1, 2, 3])).toThrow(expect.objectContaining({ details: { field: 'baseline' } }));
  });
});
