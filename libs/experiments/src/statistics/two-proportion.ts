/**
 * Two-proportion comparison for rates (FCR, SLA attainment, escalation): the pooled z-test, and
 * the Newcombe hybrid score interval (his method 10, built from two Wilson intervals) for the
 * difference, which keeps its coverage near 0 % and 100 % where the Wald interval does not.
 */
import { normalQuantile, normalTwoSidedP } from './distributions.js';
import { requireAlpha, statisticsInputError } from './statistics-error.js';

export interface ProportionSample {
  successes: number;
  total: number;
}

export interface TwoProportionResult {
  baselineRate: number;
  candidateRate: number;
  /** candidate rate - baseline rate */
  difference: number;
  z: number;
  pValue: number;
  /** Newcombe hybrid score interval for `difference` at 1 - alpha. */
  interval: [number, number];
}

/** Wilson score interval for one proportion. */
export function wilsonInterval(sample: ProportionSample, alpha = 0.05): [number, number] {
  requireCounts('sample', sample);
  const z = normalQuantile(1 - alpha / 2);
  const n = sample.total;
  const p = sample.successes / n;
  const center = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [center - half, center + half];
}

export function twoProportionTest(baseline: ProportionSample, candidate: ProportionSample, alpha = 0.05): TwoProportionResult {
  requireCounts('baseline', baseline);
  requireCounts('candidate', candidate);
  requireAlpha(alpha);
  const p1 = baseline.successes / baseline.total;
  const p2 = candidate.successes / candidate.total;
  const pooled = (baseline.successes + candidate.successes) / (baseline.total + candidate.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.total + 1 / candidate.total));
  // Both arms all-success or all-failure: no evidence of any difference.
  const z = se === 0 ? 0 : (p2 - p1) / se;
  const [l1, u1] = wilsonInterval(baseline, alpha);
  const [l2, u2] = wilsonInterval(candidate, alpha);
  const difference = p2 - p1;
  const lower = difference - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2);
  const upper = difference + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2);
  return { baselineRate: p1, candidateRate: p2, difference, z, pValue: normalTwoSidedP(z), interval: [lower, upper] };
}

function requireCounts(field: string, sample: ProportionSample): void {
  const { successes, total } = sample;
  if (!Number.isInteger(total) || total < 1) throw statisticsInputError(`${field}.total`, `must be a positive integer, got ${total}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > total) {
    throw statisticsInputError(`${field}.successes`, `must be an integer in [0, ${total}], got ${successes}`);
  }
}
