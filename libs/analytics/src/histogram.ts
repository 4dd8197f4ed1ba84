import { roundedQuantileRank } from '#core';
import { EMPTY_SUMMARY, type Summary } from './statistics.js';

/**
 * A mergeable duration sketch: counts in fixed logarithmic buckets of seconds. Bucket 0 holds
 * [0, 1 s); bucket k >= 1 holds [g^(k-1), g^k) seconds with g = 2^(1/8), so 8 buckets per
 * doubling and 200 buckets reach 2^25 s (about 1 year; longer durations land in the last bucket).
 * Two sketches merge by adding counts, so day buckets roll up to any range, in SQL or here.
 *
 * Error bound: a quantile is reported as the geometric middle of the bucket holding the order
 * statistic it asks for, so it is within a factor g^(1/2) = 2^(1/16) of that order statistic:
 * relative error at most 4.4 % (at most 0.5 s below 1 s). Between two order statistics we return
 * the one at rank round(h), not the type-7 interpolation: the difference is within one order
 * statistic. Means and totals are exact (kept as sums beside the counts).
 */
export const HISTOGRAM_BUCKETS = 200;
export const HISTOGRAM_GROWTH = 2 ** (1 / 8);
export const HISTOGRAM_RELATIVE_ERROR = 2 ** (1 / 16) - 1;

const LOG_GROWTH = Math.log(HISTOGRAM_GROWTH);

export type Histogram = number[];

/** The bucket of a duration in seconds. */
export const bucketOf = (seconds: number): number => {
  if (!(seconds >= 1)) return 0;
  // The tiny offset keeps exact bucket bounds (1 s, 2 s, 4 s, ...) in the bucket they open despite rounding.
  const k = Math.floor(Math.log(seconds) / LOG_GROWTH + 1e-9) + 1;
  return Math.min(k, HISTOGRAM_BUCKETS - 1);
};

/** The value a bucket stands for: the geometric middle of its bounds (0.5 s for bucket 0). */
export const bucketValue = (bucket: number): number => (bucket === 0 ? 0.5 : HISTOGRAM_GROWTH ** (bucket - 0.5));

export const emptyHistogram = (): Histogram => new Array<number>(HISTOGRAM_BUCKETS).fill(0);

export const histogramOf = (secondsList: readonly number[]): Histogram => {
  const histogram = emptyHistogram();
  for (const seconds of secondsList) histogram[bucketOf(seconds)] += 1;
  return histogram;
};

/** Adds `other` into `into` (shorter arrays count as zeros); answers `into`. */
export const mergeInto = (into: Histogram, other: readonly number[]): Histogram => {
  for (let i = 0; i < other.length; i += 1) into[i] = (into[i] ?? 0) + (other[i] ?? 0);
  return into;
};

/** The approximate p-quantile (seconds), the order statistic at rank round((n - 1) p) (`roundedQuantileRank` of libs/core). */
export const histogramQuantile = (histogram: readonly number[], p: number): number | null => {
  const n = histogram.reduce((sum, count) => sum + count, 0);
  if (n === 0) return null;
  const rank = roundedQuantileRank(n, p);
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket += 1) {
    seen += histogram[bucket];
    if (seen > rank) return bucketValue(bucket);
  }
  return bucketValue(histogram.length - 1);
};

/** A summary from a sketch plus the exact count and total (seconds). */
export const summarizeHistogram = (histogram: readonly number[], n: number, totalSeconds: number): Summary =>
  n === 0 ? EMPTY_SUMMARY : { n, mean: totalSeconds / n, median: histogramQuantile(histogram, 0.5), p90: histogramQuantile(histogram, 0.9), total: totalSeconds };
