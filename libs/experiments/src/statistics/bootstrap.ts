/**
 * Seeded percentile bootstrap for the difference of a quantile (median, p90) between arms,
 * candidate - baseline. Each arm is resampled with replacement on its own; the interval is the
 * alpha/2 and 1 - alpha/2 quantiles (type 7) of the resampled differences. Deterministic for a
 * given `Random`: per resample, the baseline's draws come first, then the candidate's.
 */
import type { Random } from '../random/seeded-random.js';
import { linearQuantile } from '#core';
import { quantile, sortedAscending } from './descriptive.js';
import { requireAlpha, requireSample, statisticsInputError } from './statistics-error.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run in hot loops.
const { floor } = Math;

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
}

export function bootstrapQuantileDifference(baseline: readonly number[], candidate: readonly number[], options: BootstrapOptions): BootstrapResult {
  requireSample('baseline', baseline);
  requireSample('candidate', candidate);
  requireAlpha(options.alpha);
  if (!(options.q >= 0 && options.q <= 1)) throw statisticsInputError('q', `must lie in [0, 1], got ${options.q}`);
  if (!Number.isInteger(options.resamples) || options.resamples < 2) {
    throw statisticsInputError('resamples', `must be an integer of at least 2, got ${options.resamples}`);
  }
  const differences = new Array<number>(options.resamples);
  for (let b = 0; b < options.resamples; b++) {
    const baselineQuantile = linearQuantile(resample(baseline, options.random), options.q);
    differences[b] = linearQuantile(resample(candidate, options.random), options.q) - baselineQuantile;
  }
  const sorted = sortedAscending(differences);
  return {
    estimate: quantile(candidate, options.q) - quantile(baseline, options.q),
    interval: [linearQuantile(sorted, options.alpha / 2), linearQuantile(sorted, 1 - options.alpha / 2)],
  };
}

function resample(values: readonly number[], random: Random): number[] {
  const draw = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) draw[i] = values[floor(random.next() * values.length)];
  return sortedAscending(draw);
}
