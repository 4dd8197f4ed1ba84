/**
 * A figure over independent replications: its mean and a Student-t interval (each replication is
 * one observation; the spread between them is the simulation's own uncertainty).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface Estimate {
  mean: number | null;
  /** 95 % interval of the mean over the replications; null with fewer than two */
  interval: [number, number] | null;
  runs: number;
}

export function estimate(values: ReadonlyArray<number | null>, level = 0.95): Estimate {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const n = known.length;
  if (n === 0) return { mean: null, interval: null, runs: 0 };
  const mean = known.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, interval: null, runs: n };
  const variance = known.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, interval: [mean - half, mean + half], runs: n };
}
