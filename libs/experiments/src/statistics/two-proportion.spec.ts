import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { twoProportionTest, type ProportionSample } from './two-proportion.js';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';

interface Case {
  baseline: ProportionSample;
  candidate: ProportionSample;
  alpha: number;
  expected: { difference: number; z: number; pValue: number; interval: [number, number] };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/two-proportion.json', import.meta.url), 'utf8')) as { cases: Case[] };
// Closed-form statistics: stdlib and SciPy agree to ~1e-12; 1e-9 leaves room for summation order.
const TOLERANCE = 1e-9;

describe('twoProportionTest', () => {
  it.each(fixture.cases)('matches SciPy for $baseline.successes/$baseline.total vs $candidate.successes/$candidate.total', (c) => {
    // given two arms' counts / when tested
    const sut = twoProportionTest(c.baseline, c.candidate, c.alpha);
    // then z, p and the Newcombe interval equal the reference
    expect(sut.difference).toBeCloseTo(c.expected.difference, 12);
    expect(Math.abs(sut.z - c.expected.z)).toBeLessThan(TOLERANCE);
    expect(Math.abs(sut.pValue - c.expected.pValue)).toBeLessThan(TOLERANCE);
    expect(Math.abs(sut.interval[0] - c.expected.interval[0])).toBeLessThan(TOLERANCE);
    expect(Math.abs(sut.interval[1] - c.expected.interval[1])).toBeLessThan(TOLERANCE);
  });

  it('reports no difference when both arms are all successes', () => {
    const sut = twoProportionTest({ successes: 10, total: 10 }, { successes: 20, total: 20 });
    expect(sut.z).toBe(0);
    expect(sut.pValue).toBe(1);
  });

  it('rejects more successes than cases, naming the field', () => {
    expect(() => twoProportionTest({ successes: 11, total: 10 }, { successes: 1, total: 10 })).toThrow(
      expect.objectContaining({ code: EXPERIMENT_ERRORS.statisticsInputInvalid, details: { field: 'baseline.successes' } }),
    );
  });
});
