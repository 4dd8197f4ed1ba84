/**
 * A figure over independent replications: its mean and a 95 % percentile-bootstrap interval of
 * that mean (Efron & Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13). Each replication
 * is one observation. A Student-t interval (mean ± t·s/√n) is symmetric, so for a skewed positive
 * figure over a few runs it reached below zero ("queue length 1.3 (−0.53 to 3.2)"); every bootstrap
 * mean is a mean of the runs themselves, so the interval stays inside the runs' range and hence
 * inside the figure's own (at least 0, shares at most 1). The price: with few runs it cannot be
 * wider than the runs' spread, so it is optimistic for 2-4 replications.
 */
import { higherQuantile, lowerQuantile } from '#core';
import { seededRandom, type Random } from '#experiments';

export interface Estimate {
  mean: number | null;
  /** 95 % percentile-bootstrap interval of the mean over the replications; null with fewer than two */
  interval: [number, number] | null;
  runs: number;
}

/** Resamples per interval: the percentile bounds move by well under 1 % of the spread beyond this. */
export const BOOTSTRAP_RESAMPLES = 4000;

/**
 * The mean of the known values and its interval. `seed` drives the resampling (the same seed and
 * values give the same interval); `random` replaces the generator in tests.
 */
export function estimate(values: ReadonlyArray<number | null>, seed: number, level = 0.95, random: Random = seededRandom(seed)): Estimate {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const n = known.length;
  if (n === 0) return { mean: null, interval: null, runs: 0 };
  const mean = known.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, interval: null, runs: n };
  if (known.every((value) => value === known[0])) return { mean, interval: [mean, mean], runs: n };
  const means = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += known[Math.floor(random.next() * n)];
    means[b] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  // Rounded outward to resampled means, so the interval never narrows between two of them.
  return { mean, interval: [lowerQuantile(means, tail), higherQuantile(means, 1 - tail)], runs: n };
}

/** A seed per figure from the study's seed and the figure's name (FNV-1a), so each figure resamples on its own stream. */
export function figureSeed(seed: number, figure: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < figure.length; i++) hash = Math.imul(hash ^ figure.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
