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
  return hodgesLehmannSorted(sortedAscending(baseline), sortedAscending(candidate), alpha);
}

/** The same on arms already sorted ascending (and checked). */
export function hodgesLehmannSorted(x: ArrayLike<number>, y: ArrayLike<number>, alpha = 0.05): HodgesLehmannResult {
  const m = x.length;
  const n = y.length;
  const pairs = m * n;
  const shift = pairs % 2 === 1 ? kthPairwiseDifference(x, y, (pairs + 1) / 2) : (kthPairwiseDifference(x, y, pairs / 2) + kthPairwiseDifference(x, y, pairs / 2 + 1)) / 2;
  const c = floor(pairs / 2 - normalQuantile(1 - alpha / 2) * sqrt((pairs * (m + n + 1)) / 12));
  const interval: [number, number] | null = c < 1 ? null : [kthPairwiseDifference(x, y, c), kthPairwiseDifference(x, y, pairs + 1 - c)];
  return { shift, interval };
}

/**
 * The k-th smallest (1-based) of y[j] - x[i] over all pairs; x and y ascending. The bracket
 * (lo, hi] around it narrows until it holds few differences (about m + n), which are then listed
 * and sorted: the same pair difference as bisecting to the last representable value. Each round
 * first tries two cuts interpolated from the counts a little either side of k (the count of
 * differences grows smoothly with the cut, so these usually close in at once), and bisects when
 * they did not halve the bracket. (Bisecting alone took over a thousand counts where the k-th
 * difference is a tie of many pairs: the cuts creep down to the smallest doubles around it.)
 */
export function kthPairwiseDifference(x: ArrayLike<number>, y: ArrayLike<number>, k: number): number {
  let lo = y[0] - x[x.length - 1] - 1; // fewer than k differences are <= lo
  let hi = y[y.length - 1] - x[0]; // all differences are <= hi
  let countLo = 0;
  let countHi = x.length * y.length;
  const few = x.length + y.length;
  const cut = (at: number): boolean => {
    if (!(at > lo && at < hi)) return false;
    const count = countAtMost(x, y, at);
    if (count >= k) {
      hi = at;
      countHi = count;
    } else {
      lo = at;
      countLo = count;
    }
    return true;
  };
  while (countHi - countLo > few) {
    const width = countHi - countLo;
    for (const target of [k - few / 4, k + few / 4]) {
      const share = (Math.min(Math.max(target, countLo), countHi) - countLo) / (countHi - countLo);
      cut(lo + (hi - lo) * share);
    }
    if (countHi - countLo > width / 2) {
      // Many equal differences (tied durations) keep the bracket wide however close the cuts come:
      // when the smallest difference above lo already reaches k, it is the k-th.
      const next = smallestAbove(x, y, lo);
      if (countAtMost(x, y, next) >= k) return next;
      if (!cut(lo + (hi - lo) / 2)) break;
    }
  }
  if (countHi - countLo > few) return smallestAbove(x, y, lo);
  const between = differencesBetween(x, y, lo, hi, countHi - countLo);
  return between.sort()[k - countLo - 1];
}

/** The differences in (lo, hi], `size` of them. */
function differencesBetween(x: ArrayLike<number>, y: ArrayLike<number>, lo: number, hi: number, size: number): Float64Array {
  const found = new Float64Array(size);
  let at = 0;
  // For growing x[i] both bounds move right: one pointer each.
  let from = 0;
  let to = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    while (from < y.length && y[from] - xi <= lo) from++;
    while (to < y.length && y[to] - xi <= hi) to++;
    for (let j = from; j < to; j++) found[at++] = y[j] - xi;
  }
  return found;
}

function countAtMost(x: ArrayLike<number>, y: ArrayLike<number>, d: number): number {
  // y[j] - x[i] <= d holds for more j as x[i] grows, so one forward pointer serves every i.
  let count = 0;
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    while (j < y.length && y[j] - xi <= d) j++;
    count += j;
  }
  return count;
}

function smallestAbove(x: ArrayLike<number>, y: ArrayLike<number>, d: number): number {
  let best = Number.POSITIVE_INFINITY;
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    while (j < y.length && y[j] - xi <= d) j++;
    if (j < y.length) best = min(best, y[j] - xi);
  }
  return best;
}
