/**
 * Mean, median and p90 of a sample. Quantiles interpolate linearly between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy): for sorted x of size n, h = (n - 1) p and
 * q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
export interface Summary {
  /** The sample size behind the figures. */
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  total: number;
}

export const EMPTY_SUMMARY: Summary = { n: 0, mean: null, median: null, p90: null, total: 0 };

export const quantile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
};

export const summarize = (values: readonly number[]): Summary => {
  if (values.length === 0) return EMPTY_SUMMARY;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return { n: sorted.length, mean: total / sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), total };
};

/** numerator / denominator, or null when there is nothing to divide by. */
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);
