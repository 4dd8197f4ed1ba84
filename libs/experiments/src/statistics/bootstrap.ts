/**
 * Seeded percentile bootstrap for the difference of a quantile (median, p90) between arms,
 * candidate - baseline. Each arm is resampled with replacement on its own; the interval is the
 * alpha/2 and 1 - alpha/2 quantiles (type 7) of the resampled differences. Deterministic for a
 * given `Random`: per resample, the baseline's draws come first, then the candidate's.
 *
 * A resample is never sorted: each draw is counted at the rank its value has in the sorted arm,
 * and the resample's order statistics are read off the running count (O(n) a resample instead of
 * O(n log n)). The draws and the figures are those of sorting each resample.
 */
import type { Random } from '../random/seeded-random.js';
import { linearQuantile } from '#core';
import { quantile, sortedAscending } from './descriptive.js';
import { requireAlpha, requireSample, statisticsInputError } from './statistics-error.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run in hot loops.
const { floor, min } = Math;

export interface BootstrapOptions {
  /** The quantile compared: 0.5 for the median, 0.9 for p90. */
  q: number;
  resamples: number;
  alpha: number;
  random: Random;
}

export interface BootstrapResult {
  /** quantile(candidate) - quantile(baseline) on the observed data */
  estimate: number;
  interval: [number, number];
  /**
   * How the interval was found: absent for the percentile bootstrap, `order-statistics` for large
   * arms (see quantile-difference.ts), `histogram` for the same on log-bucket counts (binned-durations.ts).
   */
  method?: 'order-statistics' | 'histogram';
}

export function bootstrapQuantileDifference(baseline: readonly number[], candidate: readonly number[], options: BootstrapOptions): BootstrapResult {
  requireSample('baseline', baseline);
  requireSample('candidate', candidate);
  requireAlpha(options.alpha);
  if (!(options.q >= 0 && options.q <= 1)) throw statisticsInputError('q', `must lie in [0, 1], got ${options.q}`);
  if (!Number.isInteger(options.resamples) || options.resamples < 2) {
    throw statisticsInputError('resamples', `must be an integer of at least 2, got ${options.resamples}`);
  }
  const rankedBaseline = ranked(baseline);
  const rankedCandidate = ranked(candidate);
  const differences = new Array<number>(options.resamples);
  for (let b = 0; b < options.resamples; b++) {
    const baselineQuantile = resampledQuantile(rankedBaseline, options.q, options.random);
    differences[b] = resampledQuantile(rankedCandidate, options.q, options.random) - baselineQuantile;
  }
  const sorted = sortedAscending(differences);
  return {
    estimate: quantile(candidate, options.q) - quantile(baseline, options.q),
    interval: [linearQuantile(sorted, options.alpha / 2), linearQuantile(sorted, 1 - options.alpha / 2)],
  };
}

interface Ranked {
  sorted: Float64Array;
  /** rankOf[i]: the position of values[i] in `sorted` (tied values get distinct positions holding the same value) */
  rankOf: Uint32Array;
  counts: Uint32Array;
}

function ranked(values: readonly number[]): Ranked {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const sorted = new Float64Array(n);
  const rankOf = new Uint32Array(n);
  for (let position = 0; position < n; position++) {
    sorted[position] = values[order[position]];
    rankOf[order[position]] = position;
  }
  return { sorted, rankOf, counts: new Uint32Array(n) };
}

/** The type-7 quantile of one resample (n draws of the arm's values), from the draws' ranks. */
function resampledQuantile({ sorted, rankOf, counts }: Ranked, q: number, random: Random): number {
  const n = sorted.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[rankOf[floor(random.next() * n)]]++;
  const position = (n - 1) * q;
  const below = floor(position);
  const above = min(below + 1, n - 1);
  // The resample's order statistics `below` and `above` (0-based): the ranks where the running count passes them.
  let seen = 0;
  let rank = 0;
  while (seen + counts[rank] <= below) seen += counts[rank++];
  const low = sorted[rank];
  while (seen + counts[rank] <= above) seen += counts[rank++];
  return low + (position - below) * (sorted[rank] - low);
}
