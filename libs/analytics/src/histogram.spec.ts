import { describe, expect, it } from '@jest/globals';
import { bucketOf, histogramOf, histogramQuantile, HISTOGRAM_RELATIVE_ERROR, mergeInto } from './histogram.js';

describe('histogram', () => {
  it('puts durations in logarithmic buckets, 8 per doubling', () => {
    // [0, 1 s) is bucket 0; 1 s opens bucket 1; 2 s = 2^(8/8) opens bucket 9; 1.5 s: log2(1.5) x 8 = 4.68 -> bucket 5
    expect([0, 0.99, 1, 1.5, 2, 4].map(bucketOf)).toEqual([0, 0, 1, 5, 9, 17]);
  });

  it('merges by adding counts', () => {
    const a = [3, 40, 500, 7200];
    const b = [1, 40, 90_000];

    expect(mergeInto(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
  });

  it('answers quantiles within the documented relative error of the order statistic', () => {
    // given 1000 durations spread from 2 s to about 3 days (a deterministic sequence)
    const values = Array.from({ length: 1000 }, (_, i) => 2 * 1.0117 ** i + (i % 7));
    const sorted = [...values].sort((x, y) => x - y);
    const sut = histogramOf(values);

    for (const p of [0.1, 0.5, 0.9, 0.99]) {
      const exact = sorted[Math.round((sorted.length - 1) * p)];
      expect(Math.abs(histogramQuantile(sut, p)! - exact) / exact).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    }
  });
});
