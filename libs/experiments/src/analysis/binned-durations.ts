/**
 * A duration metric of an arm as counts in fixed logarithmic buckets, so that above the exact
 * path's threshold the database hands the analysis a few hundred counts per arm instead of every
 * case. Bucket 0 holds [0, 1) ms; bucket k >= 1 holds [2^((k-1)/32), 2^(k/32)) ms: 32 buckets per
 * doubling, the same formula in SQL (case-fact.repository.ts armDurationBuckets) and here.
 *
 * Error bound: a value is represented by the geometric middle of its bucket, within a factor
 * 2^(1/64) of it, so every order statistic (median, p90 and the bounds of their intervals) is
 * within BINNED_RELATIVE_ERROR = 2^(1/64) - 1 (1.09 %) of the exact one, and a difference of
 * quantiles within that fraction of the two quantiles' sum. Counts and means are exact (the sum
 * is kept beside the counts). Rank statistics see the cases of one bucket as ties: Mann-Whitney
 * gives them mid-ranks with the tie-corrected variance (the grouped-data form of the test,
 * Lehmann, "Nonparametrics: Statistical Methods Based on Ranks", 1975, section 1.4), which moves U
 * by at most half the cross-arm pairs that share a bucket; each Hodges-Lehmann pairwise
 * difference y - x moves by at most 1.09 % of x + y.
 */

/** Buckets per doubling: 32 keeps quantiles within 1.09 % and leaves about 1,300 buckets up to a century. */
export const DURATION_BUCKETS_PER_DOUBLING = 32;
export const BINNED_RELATIVE_ERROR = 2 ** (1 / (2 * DURATION_BUCKETS_PER_DOUBLING)) - 1;

const { floor, log, LN2, max } = Math;

/** One arm's ended cases of a duration metric: the exact count and sum, and the counts per bucket. */
export interface BinnedDurations {
  n: number;
  sumMs: number;
  /** [bucket, count], any order; buckets absent hold no case */
  buckets: ReadonlyArray<readonly [bucket: number, count: number]>;
}

/** The bucket of a duration in milliseconds (the tiny offset keeps exact powers of two in the bucket they open). */
export const durationBucketOf = (ms: number): number => (ms >= 1 ? floor((log(ms) / LN2) * DURATION_BUCKETS_PER_DOUBLING + 1e-9) + 1 : 0);

/** The value a bucket stands for: the geometric middle of its bounds (0 for bucket 0, which holds 0 ms in practice). */
export const bucketValueMs = (bucket: number): number => (bucket === 0 ? 0 : 2 ** ((bucket - 0.5) / DURATION_BUCKETS_PER_DOUBLING));

/** Binned durations of a list (what the SQL computes, for tests and small inputs). */
export function binDurations(values: readonly number[]): BinnedDurations {
  const counts = new Map<number, number>();
  let sumMs = 0;
  for (const value of values) {
    sumMs += value;
    const bucket = durationBucketOf(value);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return { n: values.length, sumMs, buckets: [...counts] };
}

/**
 * The arm's cases as their buckets' values, ascending (one number per case: a Float64Array of
 * 100,000 is under a megabyte and lets the exact path's sorted-arm statistics run unchanged).
 * `floorMs` raises every value to at least that (the rank statistics' 1 ms).
 */
export function expandBinned(binned: BinnedDurations, floorMs = 0): Float64Array {
  const ordered = [...binned.buckets].sort((a, b) => a[0] - b[0]);
  const total = ordered.reduce((sum, [, count]) => sum + count, 0);
  const values = new Float64Array(total);
  let at = 0;
  for (const [bucket, count] of ordered) {
    values.fill(max(bucketValueMs(bucket), floorMs), at, at + count);
    at += count;
  }
  return values;
}
