import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../random/seeded-random.js';
import { bootstrapQuantileDifference } from './bootstrap.js';

interface Case {
  q: number;
  alpha: number;
  resamples: number;
  seed: number;
  expected: { estimate: number; exact: [number, number]; scipy: [number, number]; scipyStandardError: number };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/bootstrap.json', import.meta.url), 'utf8')) as {
  mulberry32FirstDraws: { seed: number; draws: number[] };
  baseline: number[];
  candidate: number[];
  cases: Case[];
};

describe('seededRandom', () => {
  it('draws the same stream as the Python mulberry32 of the fixture', () => {
    const sut = seededRandom(fixture.mulberry32FirstDraws.seed);
    expect(fixture.mulberry32FirstDraws.draws.map(() => sut.next())).toEqual(fixture.mulberry32FirstDraws.draws);
  });
});

describe('bootstrapQuantileDifference', () => {
  it.each(fixture.cases)('reproduces the seeded reference for q=$q', (c) => {
    // given the fixture arms and its seed / when bootstrapped
    const sut = bootstrapQuantileDifference(fixture.baseline, fixture.candidate, { q: c.q, resamples: c.resamples, alpha: c.alpha, random: seededRandom(c.seed) });
    // then estimate and percentile interval equal the Python re-run of the same draws (1e-9)
    expect(Math.abs(sut.estimate - c.expected.estimate)).toBeLessThan(1e-9);
    expect(Math.abs(sut.interval[0] - c.expected.exact[0])).toBeLessThan(1e-9);
    expect(Math.abs(sut.interval[1] - c.expected.exact[1])).toBeLessThan(1e-9);
  });

  it.each(fixture.cases)('agrees with scipy.stats.bootstrap (percentile) for q=$q within a quarter bootstrap standard error', (c) => {
    const sut = bootstrapQuantileDifference(fixture.baseline, fixture.candidate, { q: c.q, resamples: c.resamples, alpha: c.alpha, random: seededRandom(c.seed) });
    // Different generators: the endpoints are Monte Carlo estimates of the same quantity.
    const tolerance = 0.25 * c.expected.scipyStandardError;
    expect(Math.abs(sut.interval[0] - c.expected.scipy[0])).toBeLessThan(tolerance);
    expect(Math.abs(sut.interval[1] - c.expected.scipy[1])).toBeLessThan(tolerance);
  });

  it('gives another interval for another seed and the same one for the same seed', () => {
    const run = (seed: number) => bootstrapQuantileDifference(fixture.baseline, fixture.candidate, { q: 0.5, resamples: 200, alpha: 0.05, random: seededRandom(seed) }).interval;
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });
});
