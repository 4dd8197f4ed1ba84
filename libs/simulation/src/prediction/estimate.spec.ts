import { describe, expect, it } from '@jest/globals';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { estimate, figureSeed } from './estimate.js';

/** The Student-t interval the estimate used before, as a reference: mean ± t(0.975, n − 1)·s/√n. */
const studentT = (values: number[]): [number, number] => {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
  const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return [mean - half, mean + half];
};

describe('estimate', () => {
  it('keeps the interval of a skewed positive figure at or above zero, where a t-interval goes below', () => {
    // given: five runs' mean queue lengths, most near zero and one busy run (a skewed positive sample)
    const runs = [0.1, 0.2, 0.1, 0.3, 5.8];
    expect(studentT(runs)[0]).toBeLessThan(0);
    // when
    const sut = estimate(runs, 7);
    // then: the mean is the runs' mean and the interval holds it, never below the smallest run
    expect(sut.mean).toBeCloseTo(1.3, 10);
    expect(sut.interval![0]).toBeGreaterThanOrEqual(0.1);
    expect(sut.interval![0]).toBeLessThanOrEqual(sut.mean!);
    expect(sut.interval![1]).toBeGreaterThanOrEqual(sut.mean!);
    expect(sut.interval![1]).toBeLessThanOrEqual(5.8);
    expect(sut.runs).toBe(5);
  });

  it('keeps a share within 0 to 1', () => {
    // given: SLA attainment of four runs, three perfect and one poor
    const runs = [1, 1, 1, 0.2];
    expect(studentT(runs)[1]).toBeGreaterThan(1);
    // when
    const sut = estimate(runs, 3);
    // then
    expect(sut.interval![0]).toBeGreaterThanOrEqual(0);
    expect(sut.interval![1]).toBeLessThanOrEqual(1);
  });

  it('is close to the t-interval for a symmetric sample of ten runs', () => {
    // given: ten runs spread evenly around 12
    const runs = [10, 10.5, 11, 11.5, 12, 12, 12.5, 13, 13.5, 14];
    // when
    const sut = estimate(runs, 11);
    // then: same center; the percentile bootstrap is a little narrower at n = 10 (it uses the normal, not t, spread)
    const [low, high] = studentT(runs);
    expect(sut.interval![0]).toBeGreaterThan(low);
    expect(sut.interval![1]).toBeLessThan(high);
    expect(sut.interval![1] - sut.interval![0]).toBeGreaterThan(0.7 * (high - low));
  });

  it('gives the same interval for the same seed, no interval for one run and none for no run', () => {
    expect(estimate([3, 1, 4, 1, 5], 9)).toEqual(estimate([3, 1, 4, 1, 5], 9));
    expect(estimate([4, null], 1)).toEqual({ mean: 4, interval: null, runs: 1 });
    expect(estimate([null, Number.NaN], 1)).toEqual({ mean: null, interval: null, runs: 0 });
    expect(estimate([2, 2, 2], 1)).toEqual({ mean: 2, interval: [2, 2], runs: 3 });
  });

  it('gives each figure its own resampling seed', () => {
    expect(figureSeed(1, 'waitingShare')).not.toBe(figureSeed(1, 'nvaShare'));
    expect(figureSeed(1, 'waitingShare')).not.toBe(figureSeed(2, 'waitingShare'));
  });
});
