/**
 * Interval for the difference of a quantile between two large arms without resampling: each arm's
 * quantile gets the distribution-free standard error of McKean & Schrader ("A comparison of
 * methods for studentizing the sample median", Commun. Statist. Simul. Comput. 13(6), 1984),
 * generalized from the median to the q-quantile with the order statistics of the normal
 * approximation to the binomial (Conover, "Practical Nonparametric Statistics", 3rd ed., 1999,
 * section 3.2):
 *   l = floor(n q - z sqrt(n q (1 - q))),  u = ceil(n q + z sqrt(n q (1 - q))),  se = (X(u) - X(l)) / (2 z),
 * and the difference's interval is estimate +/- z sqrt(se_b^2 + se_c^2), as Price & Bonett
 * ("Distribution-free confidence intervals for difference and ratio of medians", J. Statist.
 * Comput. Simul. 72(2), 2002) do for medians. It is what the percentile bootstrap approximates
 * at large n (both rest on the quantile's asymptotic normality), at O(1) on sorted arms.
 */
import { linearQuantile } from '#core';
import type { BootstrapResult } from './bootstrap.js';
import { normalQuantile } from './distributions.js';

const { ceil, floor, max, min, sqrt } = Math;

/** candidate - baseline of the type-7 q-quantile, both arms ascending, with the 1 - alpha interval. */
export function quantileDifferenceInterval(baseline: ArrayLike<number>, candidate: ArrayLike<number>, q: number, alpha: number): BootstrapResult {
  const z = normalQuantile(1 - alpha / 2);
  const estimate = linearQuantile(candidate, q) - linearQuantile(baseline, q);
  const half = z * sqrt(quantileStandardError(baseline, q, z) ** 2 + quantileStandardError(candidate, q, z) ** 2);
  return { estimate, interval: [estimate - half, estimate + half], method: 'order-statistics' };
}

/** The standard error of an ascending sample's q-quantile from the order statistics bracketing it at level z. */
export function quantileStandardError(sorted: ArrayLike<number>, q: number, z: number): number {
  const n = sorted.length;
  const spread = z * sqrt(n * q * (1 - q));
  // 1-based ranks clamped to the sample, then 0-based positions.
  const lower = max(1, floor(n * q - spread));
  const upper = min(n, ceil(n * q + spread));
  return (sorted[upper - 1] - sorted[lower - 1]) / (2 * z);
}
