/**
 * Welch's t-test on log durations: compares geometric means, which suits right-skewed service
 * times. Reports the ratio of geometric means (candidate / baseline) and its interval, the
 * back-transformed Welch interval for the difference of mean logs.
 */
import { mean, variance } from './descriptive.js';
import { tCdf, tQuantile } from './distributions.js';
import { requireAlpha, requireSample, statisticsInputError } from './statistics-error.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and logs run per value.
const { exp, log, sqrt, abs } = Math;

export interface WelchLogResult {
  t: number;
  df: number;
  pValue: number;
  /** geometric mean(candidate) / geometric mean(baseline) */
  ratio: number;
  interval: [number, number];
}

export function welchLogTest(baseline: readonly number[], candidate: readonly number[], alpha = 0.05): WelchLogResult {
  requireSample('baseline', baseline, 2);
  requireSample('candidate', candidate, 2);
  requireAlpha(alpha);
  const logBaseline = logs('baseline', baseline);
  const logCandidate = logs('candidate', candidate);
  const v1 = variance(logBaseline) / logBaseline.length;
  const v2 = variance(logCandidate) / logCandidate.length;
  const se = sqrt(v1 + v2);
  const difference = mean(logCandidate) - mean(logBaseline);
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (logBaseline.length - 1) + v2 ** 2 / (logCandidate.length - 1));
  const t = difference / se;
  const half = tQuantile(1 - alpha / 2, df) * se;
  return {
    t,
    df,
    pValue: 2 * tCdf(-abs(t), df),
    ratio: exp(difference),
    interval: [exp(difference - half), exp(difference + half)],
  };
}

function logs(field: string, values: readonly number[]): number[] {
  if (values.some((value) => value <= 0)) throw statisticsInputError(field, 'durations must be positive to take logs');
  return values.map((value) => log(value));
}
