import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { mannWhitneyU } from './mann-whitney.js';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';

interface Case {
  name: string;
  baseline: number[];
  candidate: number[];
  expected: { u: number; pValue: number };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/mann-whitney.json', import.meta.url), 'utf8')) as { cases: Case[] };
// Closed form on ranks and the normal CDF: agreement to 1e-10 absolute on p.
const TOLERANCE = 1e-10;

describe('mannWhitneyU', () => {
  it.each(fixture.cases)('matches scipy.stats.mannwhitneyu (asymptotic) for $name', (c) => {
    // given two duration samples with ties / when compared
    const sut = mannWhitneyU(c.baseline, c.candidate);
    // then U and the tie- and continuity-corrected p equal SciPy's
    expect(sut.u).toBe(c.expected.u);
    expect(Math.abs(sut.pValue - c.expected.pValue)).toBeLessThan(TOLERANCE);
  });

  it('signs z by the direction of the shift', () => {
    expect(mannWhitneyU([10, 11, 12, 13], [1, 2, 3, 4]).z).toBeGreaterThan(0);
    expect(mannWhitneyU([1, 2, 3, 4], [10, 11, 12, 13]).z).toBeLessThan(0);
  });

  it('rejects an empty arm, naming it', () => {
    expect(() => mannWhitneyU([1, 2], [])).toThrow(expect.objectContaining({ code: EXPERIMENT_ERRORS.statisticsInputInvalid, details: { field: 'candidate' } }));
  });
});
