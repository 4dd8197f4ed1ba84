/**
 * The project's sample quantiles, one function per definition, so two figures called "p90" differ
 * only where their definitions do. Numbering after Hyndman & Fan, "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 1996. Each takes an ascending sample.
 */

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run in hot loops.
const { ceil, floor, min, round } = Math;

/**
 * Type 7, R's default and NumPy's `linear`: h = (n - 1) p and x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 * The reports' medians and p90s and the experiments' statistics; NaN for an empty sample.
 */
export function linearQuantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const below = floor(position);
  const above = min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** NumPy's `lower`: the type-7 position rounded down to an order statistic (a lower interval bound that lies on an observation). */
export const lowerQuantile = (sorted: ArrayLike<number>, p: number): number => sorted[floor((sorted.length - 1) * p)];

/** NumPy's `higher`: the type-7 position rounded up to an order statistic (an upper interval bound that lies on an observation). */
export const higherQuantile = (sorted: ArrayLike<number>, p: number): number => sorted[ceil((sorted.length - 1) * p)];

/** The 0-based rank of the type-7 position rounded half up, round((n - 1) p): the order statistic a histogram sketch reports. */
export const roundedQuantileRank = (n: number, p: number): number => round((n - 1) * p);

/**
 * Type 1, the inverse of the empirical distribution function ("nearest rank"): x[ceil(n p) - 1], the
 * smallest value with at least a share p of the sample at or below it. NaN for an empty sample or p = 0.
 */
export const nearestRankQuantile = (sorted: ArrayLike<number>, p: number): number => sorted[min(sorted.length - 1, ceil(p * sorted.length) - 1)] ?? Number.NaN;

/**
 * x[floor(n p)], the smallest value with more than a share p of the sample at or below it (the
 * right-continuous inverse of the empirical distribution function): type 1 but one rank higher
 * where n p is a whole number. NaN for an empty sample.
 */
export const upperNearestRankQuantile = (sorted: ArrayLike<number>, p: number): number => sorted[min(sorted.length - 1, floor(p * sorted.length))] ?? Number.NaN;
