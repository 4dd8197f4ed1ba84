import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../random/seeded-random.js';
import { bootstrapQuantileDifference } from './bootstrap.js';
import { quantileDifferenceInterval, quantileStandardError } from './quantile-difference.js';

/** Log-normal durations (median e^mu ms), seeded. */
function durations(n: number, mu: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    // Box-Muller from two uniforms
    const u = Math.max(random.next(), 1e-12);
    const v = random.next();
    return Math.round(Math.exp(mu + 0.8 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
  });
}

const ascending = (values: number[]) => Float64Array.from(values).sort();

describe('quantileDifferenceInterval', () => {
  it.each([0.5, 0.9])('agrees with the percentile bootstrap on 3,000 cases an arm for q=%p', (q) => {
    // given two skewed arms, the candidate 10 % faster
    const baseline = durations(3000, 12, 1);
    const candidate = durations(3000, 12 + Math.log(0.9), 2);
    // when both intervals are taken
    const sut = quantileDifferenceInterval(ascending(baseline), ascending(candidate), q, 0.05);
    const bootstrap = bootstrapQuantileDifference(baseline, candidate, { q, resamples: 1000, alpha: 0.05, random: seededRandom(7) });
    // then the same estimate, and bounds within 15 % of the bootstrap interval's width (its own Monte-Carlo error is some 5 %)
    expect(sut.estimate).toBe(bootstrap.estimate);
    const width = bootstrap.interval[1] - bootstrap.interval[0];
    expect(Math.abs(sut.interval[0] - bootstrap.interval[0])).toBeLessThan(0.15 * width);
    expect(Math.abs(sut.interval[1] - bootstrap.interval[1])).toBeLessThan(0.15 * width);
    expect(sut.method).toBe('order-statistics');
  });

  it('gives a median standard error near the asymptotic one of a normal sample', () => {
    // given 20,000 standard normal values: the median's standard error is sqrt(pi / 2) / sqrt(n)
    const random = seededRandom(3);
    const values = Array.from({ length: 20000 }, () => Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next()));
    // when estimated from the order statistics
    const se = quantileStandardError(ascending(values), 0.5, 1.959964);
    // then within 10 % of it
    expect(Math.abs(se / (Math.sqrt(Math.PI / 2) / Math.sqrt(20000)) - 1)).toBeLessThan(0.1);
  });
});
