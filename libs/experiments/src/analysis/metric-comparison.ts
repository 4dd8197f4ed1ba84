/**
 * One metric, candidate against baseline, with the test the metric's kind calls for: the pooled
 * two-proportion z-test and Newcombe's interval for rates; for durations the Mann-Whitney U test
 * with the Hodges-Lehmann shift and its interval, seeded bootstrap intervals for the median and
 * p90 differences, and Welch's t on log durations (the ratio of geometric means). Durations of 0 ms
 * count as 1 ms so that logs exist. Each arm is sorted once and every rank statistic reads the
 * sorted arms. Above BOOTSTRAP_MAX_CASES cases in an arm the median and p90 intervals come from
 * order statistics instead of the bootstrap (quantile-difference.ts): at 100,000 cases an arm the
 * bootstrap's 1,000 resamples per interval cost tens of seconds, and there the two agree.
 */
import { bootstrapQuantileDifference, type BootstrapResult } from '../statistics/bootstrap.js';
import { linearQuantile } from '#core';
import { mean } from '../statistics/descriptive.js';
import { hodgesLehmannSorted } from '../statistics/hodges-lehmann.js';
import { mannWhitneyUSorted } from '../statistics/mann-whitney.js';
import { quantileDifferenceInterval } from '../statistics/quantile-difference.js';
import { twoProportionTest, wilsonInterval } from '../statistics/two-proportion.js';
import { welchLogTest, type WelchLogResult } from '../statistics/welch-log.js';
import type { Random } from '../random/seeded-random.js';
import { expandBinned, type BinnedDurations } from './binned-durations.js';
import { METRICS, type MetricBetter, type MetricKey, type MetricKind } from '../model/metrics.js';

/** Resamples per bootstrap interval: enough for a stable 95 % interval, cheap for a few thousand cases. */
export const BOOTSTRAP_RESAMPLES = 1000;
/** The largest arm whose median and p90 intervals are bootstrapped; larger arms get the order-statistics interval. */
export const BOOTSTRAP_MAX_CASES = 5_000;

export interface RateFigure {
  n: number;
  successes: number;
  rate: number | null;
  interval: [number, number] | null;
}

export interface DurationFigure {
  n: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface MetricComparison {
  metric: MetricKey;
  kind: MetricKind;
  better: MetricBetter;
  candidateArmId: string;
  baseline: RateFigure | DurationFigure;
  candidate: RateFigure | DurationFigure;
  /** rates: candidate - baseline in points (0.05 = five points); durations: the Hodges-Lehmann shift in ms */
  difference: number | null;
  interval: [number, number] | null;
  pValue: number | null;
  /** the z (rates) or Welch t (durations) with z > 0 meaning the candidate's value is higher */
  z: number | null;
  /** durations: candidate / baseline geometric means with its interval */
  ratio?: { estimate: number; interval: [number, number] };
  medianDifference?: BootstrapResult;
  p90Difference?: BootstrapResult;
  /** How the duration figures were found: absent for every case read, `histogram` from per-arm log buckets (binned-durations.ts). */
  method?: 'histogram';
  /** the candidate is better, worse or not distinguishable at the report's alpha */
  direction: 'better' | 'worse' | 'none' | 'unknown';
  test: 'two-proportion' | 'mann-whitney' | 'none';
}

export const metricSamples = (values: ReadonlyArray<number | null | undefined>): number[] =>
  values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));

export function compareMetric(
  metric: MetricKey,
  candidateArmId: string,
  baseline: readonly number[],
  candidate: readonly number[],
  alpha: number,
  random: Random,
): MetricComparison {
  const { kind, better } = METRICS[metric];
  const base = { metric, kind, better, candidateArmId };
  if (kind === 'proportion') return compareRates(metric, candidateArmId, rateCounts(baseline), rateCounts(candidate), alpha);
  const sortedBaseline = Float64Array.from(baseline).sort();
  const sortedCandidate = Float64Array.from(candidate).sort();
  const b = durationFigure(baseline, sortedBaseline);
  const c = durationFigure(candidate, sortedCandidate);
  if (b.n < 2 || c.n < 2) return { ...base, baseline: b, candidate: c, difference: null, interval: null, pValue: null, z: null, direction: 'unknown', test: 'none' };
  const positiveBaseline = baseline.map(atLeastOne);
  const positiveCandidate = candidate.map(atLeastOne);
  // Raising to 1 ms keeps the order, so the sorted positives are the sorted values raised.
  const sortedPositiveBaseline = sortedBaseline.map(atLeastOne);
  const sortedPositiveCandidate = sortedCandidate.map(atLeastOne);
  const welch = welchLogTest(positiveBaseline, positiveCandidate, alpha);
  const bootstrapped = Math.max(b.n, c.n) <= BOOTSTRAP_MAX_CASES;
  const bootstrap = (q: number) =>
    bootstrapped
      ? bootstrapQuantileDifference(positiveBaseline, positiveCandidate, { q, resamples: BOOTSTRAP_RESAMPLES, alpha, random })
      : quantileDifferenceInterval(sortedPositiveBaseline, sortedPositiveCandidate, q, alpha);
  return durationComparison(base, b, c, sortedPositiveBaseline, sortedPositiveCandidate, welch, bootstrap, alpha);
}

/**
 * A duration metric's answer from each arm's values sorted and raised to at least 1 ms: Mann-Whitney,
 * the Hodges-Lehmann shift, Welch on logs (given), and the median and p90 intervals `quantile` finds
 * (asked median first: a bootstrap draws from the seeded random in that order).
 */
function durationComparison(
  base: Pick<MetricComparison, 'metric' | 'kind' | 'better' | 'candidateArmId' | 'method'>,
  b: DurationFigure,
  c: DurationFigure,
  sortedBaseline: ArrayLike<number>,
  sortedCandidate: ArrayLike<number>,
  welch: WelchLogResult,
  quantile: (q: number) => BootstrapResult,
  alpha: number,
): MetricComparison {
  const mannWhitney = mannWhitneyUSorted(sortedBaseline, sortedCandidate);
  const shift = hodgesLehmannSorted(sortedBaseline, sortedCandidate, alpha);
  return {
    ...base,
    baseline: b,
    candidate: c,
    difference: shift.shift,
    interval: shift.interval,
    pValue: mannWhitney.pValue,
    z: Number.isFinite(welch.t) ? welch.t : 0,
    ratio: { estimate: welch.ratio, interval: welch.interval },
    medianDifference: quantile(0.5),
    p90Difference: quantile(0.9),
    direction: directionOf(mannWhitney.pValue, shift.shift, base.better, alpha),
    test: 'mann-whitney',
  };
}

/** An arm's cases of a rate metric: how many, and how many met it. */
export interface RateCounts {
  n: number;
  successes: number;
}

const rateCounts = (values: readonly number[]): RateCounts => ({ n: values.length, successes: values.filter((value) => value > 0).length });

/** A rate metric compared from each arm's counts (exact however large the arms: the database counts them). */
export function compareRates(metric: MetricKey, candidateArmId: string, baseline: RateCounts, candidate: RateCounts, alpha: number): MetricComparison {
  const { kind, better } = METRICS[metric];
  const base = { metric, kind, better, candidateArmId };
  const b = rateFigure(baseline, alpha);
  const c = rateFigure(candidate, alpha);
  if (b.n === 0 || c.n === 0) return { ...base, baseline: b, candidate: c, difference: null, interval: null, pValue: null, z: null, direction: 'unknown', test: 'none' };
  const test = twoProportionTest({ successes: b.successes, total: b.n }, { successes: c.successes, total: c.n }, alpha);
  return {
    ...base,
    baseline: b,
    candidate: c,
    difference: test.difference,
    interval: test.interval,
    pValue: test.pValue,
    z: test.z,
    direction: directionOf(test.pValue, test.difference, better, alpha),
    test: 'two-proportion',
  };
}

/**
 * A duration metric compared from each arm's log-bucket counts (binned-durations.ts): the same
 * statistics as compareMetric's large-arm path (Mann-Whitney, Hodges-Lehmann, Welch on logs,
 * order-statistics quantile intervals) on every case's bucket value, so the figures are within
 * BINNED_RELATIVE_ERROR of the exact ones; counts and means are exact.
 */
export function compareBinnedDurations(metric: MetricKey, candidateArmId: string, baseline: BinnedDurations, candidate: BinnedDurations, alpha: number): MetricComparison {
  const { kind, better } = METRICS[metric];
  const base = { metric, kind, better, candidateArmId, method: 'histogram' as const };
  const sortedBaseline = expandBinned(baseline);
  const sortedCandidate = expandBinned(candidate);
  const b = binnedFigure(baseline, sortedBaseline);
  const c = binnedFigure(candidate, sortedCandidate);
  if (b.n < 2 || c.n < 2) return { ...base, baseline: b, candidate: c, difference: null, interval: null, pValue: null, z: null, direction: 'unknown', test: 'none' };
  const positiveBaseline = expandBinned(baseline, 1);
  const positiveCandidate = expandBinned(candidate, 1);
  const welch = welchLogTest(Array.from(positiveBaseline), Array.from(positiveCandidate), alpha);
  const quantile = (q: number): BootstrapResult => ({ ...quantileDifferenceInterval(positiveBaseline, positiveCandidate, q, alpha), method: 'histogram' });
  return durationComparison(base, b, c, positiveBaseline, positiveCandidate, welch, quantile, alpha);
}

function binnedFigure(binned: BinnedDurations, sorted: Float64Array): DurationFigure {
  if (binned.n === 0) return { n: 0, meanMs: null, medianMs: null, p90Ms: null };
  return { n: binned.n, meanMs: binned.sumMs / binned.n, medianMs: linearQuantile(sorted, 0.5), p90Ms: linearQuantile(sorted, 0.9) };
}

function rateFigure({ n, successes }: RateCounts, alpha: number): RateFigure {
  return { n, successes, rate: n === 0 ? null : successes / n, interval: n === 0 ? null : wilsonInterval({ successes, total: n }, alpha) };
}

function durationFigure(values: readonly number[], sorted: Float64Array): DurationFigure {
  if (values.length === 0) return { n: 0, meanMs: null, medianMs: null, p90Ms: null };
  return { n: values.length, meanMs: mean(values), medianMs: linearQuantile(sorted, 0.5), p90Ms: linearQuantile(sorted, 0.9) };
}

const atLeastOne = (value: number): number => Math.max(value, 1);

function directionOf(pValue: number, difference: number, better: MetricBetter, alpha: number): MetricComparison['direction'] {
  if (!(pValue < alpha) || difference === 0) return 'none';
  return difference > 0 === (better === 'higher') ? 'better' : 'worse';
}
