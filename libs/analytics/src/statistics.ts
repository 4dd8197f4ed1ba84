/**
 * Mean, median and p90 of a sample. Quantiles interpolate linearly between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy: `linearQuantile` of libs/core).
 */
import { linearQuantile } from '#core';

export interface Summary {
  /** The sample size behind the figures. */
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  total: number;
}

export const EMPTY_SUMMARY: Summary = { n: 0, mean: null, median: null, p90: null, total: 0 };

/** The type-7 quantile of ascending `sorted`; null for an empty sample, as the reports show it. */
export const quantile = (sorted: readonly number[], p: number): number | null => (sorted.length === 0 ? null : linearQuantile(sorted, p));

export const summarize = (values: readonly number[]): Summary => {
  if (values.length === 0) return EMPTY_SUMMARY;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return { n: sorted.length, mean: total / sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), total };
};

/** numerator / denominator, or null when there is nothing to divide by. */
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);
