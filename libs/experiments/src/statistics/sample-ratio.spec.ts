import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { sampleRatioCheck } from './sample-ratio.js';

interface Case {
  observed: number[];
  weights: number[];
  expected: { chiSquare: number; pValue: number; expected: number[] };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sample-ratio.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('sampleRatioCheck', () => {
  it.each(fixture.cases)('matches scipy.stats.chisquare for $observed against weights $weights', (c) => {
    // given counts per arm and the planned weights / when checked
    const sut = sampleRatioCheck(c.observed, c.weights);
    // then statistic and p equal SciPy's (1e-10), and a mismatch is flagged below p = 0.001
    expect(Math.abs(sut.chiSquare - c.expected.chiSquare)).toBeLessThan(1e-10);
    expect(Math.abs(sut.pValue - c.expected.pValue)).toBeLessThan(1e-10);
    expect(sut.mismatch).toBe(c.expected.pValue < 0.001);
  });

  it('flags the 52/48 split of 10 000 cases planned 50/50', () => {
    expect(sampleRatioCheck([5200, 4800], [1, 1]).mismatch).toBe(true);
  });

  it('needs one count per weight', () => {
    expect(() => sampleRatioCheck([10, 10, 10], [1, 1])).toThrow(expect.objectContaining({ details: { field: 'observed' } }));
  });
});
