/**
 * Fits a duration distribution to observed minutes: a log-normal by maximum likelihood (the mean
 * and standard deviation of the logs), reported in the simulator's terms (mean and sd of the
 * minutes themselves), with a one-sample Kolmogorov-Smirnov test of the fit, and the exponential's
 * test beside it for comparison. The parameters are estimated from the same data the test sees, so
 * its p-value is optimistic (Lilliefors): read a small one as a poor fit, a large one as "no
 * evidence against", not as proof.
 */
import kstest from '@stdlib/stats-kstest';
import type { Distribution } from '../parameters.js';

/** Durations shorter than this (one second) count as this, so that logs exist. */
const SHORTEST_MINUTES = 1 / 60;

export interface GoodnessOfFit {
  /** the largest distance between the empirical and the fitted distribution function */
  statistic: number;
  pValue: number;
}

export interface DurationFit {
  n: number;
  distribution: Distribution;
  /** the log-normal's parameters: mean and standard deviation of ln(minutes) */
  logMean: number | null;
  logSd: number | null;
  logNormalFit: GoodnessOfFit | null;
  exponentialFit: GoodnessOfFit | null;
}

export function fitDuration(minutes: readonly number[]): DurationFit {
  const values = minutes.map((value) => Math.max(value, SHORTEST_MINUTES));
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(n, 1);
  const logs = values.map(Math.log);
  const logMean = logs.reduce((sum, value) => sum + value, 0) / Math.max(n, 1);
  const logVariance = n < 2 ? 0 : logs.reduce((sum, value) => sum + (value - logMean) ** 2, 0) / n;
  if (n < 2 || logVariance === 0) {
    return { n, distribution: { kind: 'fixed', value: round(mean) }, logMean: n === 0 ? null : logMean, logSd: n === 0 ? null : 0, logNormalFit: null, exponentialFit: null };
  }
  const logSd = Math.sqrt(logVariance);
  const fittedMean = Math.exp(logMean + logVariance / 2);
  const fittedSd = fittedMean * Math.sqrt(Math.exp(logVariance) - 1);
  const test = (result: { statistic: number; pValue: number }): GoodnessOfFit => ({ statistic: result.statistic, pValue: result.pValue });
  return {
    n,
    distribution: { kind: 'logNormal', mean: round(fittedMean), sd: round(fittedSd) },
    logMean,
    logSd,
    logNormalFit: test(kstest(values, 'lognormal', logMean, logSd)),
    exponentialFit: test(kstest(values, 'exponential', 1 / mean)),
  };
}

/** Parameters are kept to 4 significant digits: enough for a simulation, readable in the JSON. */
const round = (value: number): number => Number(value.toPrecision(4));
