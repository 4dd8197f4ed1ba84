/**
 * Hodges-Lehmann shift (candidate - baseline): the median of all pairwise differences, with the
 * distribution-free Moses interval from the ordered differences D(1) <= ... <= D(mn):
 *   C = floor(mn/2 - z(1-alpha/2) * sqrt(mn(m+n+1)/12)),  interval = [D(C), D(mn+1-C)]
 * (Hollander & Wolfe, normal approximation; flooring C makes the interval conservative, and no tie
 * correction is applied). Order statistics are found by bisection over the difference value with
 * an O(m+n) count, so large arms never materialize m*n differences.
 */
import { sortedAscending } from './descriptive.js';
import { normalQuantile } from './distributions.js';
import { requireAlpha, requireSample } from './statistics-error.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run in hot loops.
const { floor, min, sqrt } = Math;

export interface HodgesLehmannResult {
  shift: number;
  /** Moses interval at 1 - alpha; null when the arms are too small for any interval at that level. */
  interval: [number, number] | null;
}

export function hodgesLehmann(baseline: readonly number[], candidate: readonly number[], alpha = 0.05): HodgesLehmannResult {
  requireSample('baseline', baseline);
  requireSample('candidate', candidate);
  requireAlpha(alpha);
  const x = sortedAscending(baseline);
  const y = sortedAscending(candidate);
  const m = x.length;
  const n = y.length;
  const pairs = m * n;
  const shift = pairs % 2 === 1 ? kthPairwiseDifference(x, y, (pairs + 1) / 2) : (kthPairwiseDifference(x, y, pairs / 2) + kthPairwiseDifference(x, y, pairs / 2 + 1)) / 2;
  const c = floor(pairs / 2 - normalQuantile(1 - alpha / 2) * sqrt((pairs * (m + n + 1)) / 12));
  const interval: [number, number] | null = c < 1 ? null : [kthPairwiseDifference(x, y, c), kthPairwiseDifference(x, y, pairs + 1 - c)];
  return { shift, interval };
}

/** The k-th smallest (1-based) of y[j] - x[i] over all pairs; x and y ascending. */
export function kthPairwiseDifference(x: readonly number[], y: readonly number[], k: number): number {
  let lo = y[0] - x[x.length - 1] - 1; // fewer than k differences are <= lo
  let hi = y[y.length - 1] - x[0]; // all differences are <= hi
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (countAtMost(x, y, mid) >= k) hi = mid;
    else lo = mid;
  }
  return smallestAbove(x, y, lo);
}

function countAtMost(x: readonly number[], y: readonly number[], d: number): number {
  // y[j] - x[i] <= d holds for more j as x[i] grows, so one forward pointer serves every i.
  let count = 0;
  let j = 0;
  for (const xi of x) {
    while (j < y.length && y[j] - xi <= d) j++;
    count += j;
  }
  return count;
}

function smallestAbove(x: readonly number[], y: readonly number[], d: number): number {
  let best = Number.POSITIVE_INFINITY;
  let j = 0;
  for (const xi of x) {
    while (j < y.length && y[j] - xi <= d) j++;
    if (j < y.length) best = min(best, y[j] - xi);
  }
  return best;
}
