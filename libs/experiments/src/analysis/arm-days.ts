/**
 * An arm's ended cases summed by the day they ended (day k since the start covers the ends in
 * (start + (k - 1) days, start + k days]), per metric: the count and the sums of x - shift and
 * (x - shift)^2, where x is 1/0 for a rate and the log of the duration (at least 1 ms) for a
 * duration. The daily looks and the guardrails need no more than these: a look's z is a
 * difference of means over standard errors of the cases ended by its cutoff, the running sums of
 * the days before it. Sums of a guardrail's days can therefore be kept as cases end and read in
 * O(days), instead of rescanning every case.
 *
 * Variances from sums lose precision when the values are far from zero compared with their
 * spread; the shift (the arm's first value of the metric) removes that: "computing the variance
 * with a shift", Chan, Golub & LeVeque, "Algorithms for computing the sample variance", The
 * American Statistician 37(3), 1983. A rate's shift is 0, so its sums are exact counts.
 */
import { METRICS, type MetricKey } from '../model/metrics.js';

const DAY_MS = 86_400_000;
const { ceil, log, max } = Math;

export interface MetricSums {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export interface DaySums {
  /** cases ended in the day, with or without the metrics */
  ended: number;
  metrics: Partial<Record<MetricKey, MetricSums>>;
}

export interface ArmDays {
  /** per metric, the x every sum of the arm is taken from */
  shifts: Partial<Record<MetricKey, number>>;
  days: Map<number, DaySums>;
}

/** Day sums over a span: the cumulative figures of one arm up to a cutoff. */
export interface ArmTotals {
  ended: number;
  shifts: Partial<Record<MetricKey, number>>;
  metrics: Partial<Record<MetricKey, MetricSums>>;
}

export const emptyArmDays = (): ArmDays => ({ shifts: {}, days: new Map() });

/** The day (1, 2, ...) of the look interval a case ended in; ends at or before the start count in day 1. */
export const endDay = (startedAt: number, endedAt: number): number => max(1, ceil((endedAt - startedAt) / DAY_MS));

/** The value a metric contributes to the sums: 1/0 for rates, the log duration (at least 1 ms) for durations. */
export const lookValue = (metric: MetricKey, value: number): number => (METRICS[metric].kind === 'proportion' ? (value > 0 ? 1 : 0) : log(max(value, 1)));

/** Adds one ended case: its end and the values it has of `metrics` (absent, null or not finite values are skipped). */
export function addEndedCase(arm: ArmDays, startedAt: number, endedAt: number, values: Readonly<Partial<Record<MetricKey, number | null>>>, metrics: readonly MetricKey[]): void {
  const day = endDay(startedAt, endedAt);
  let sums = arm.days.get(day);
  if (!sums) arm.days.set(day, (sums = { ended: 0, metrics: {} }));
  sums.ended += 1;
  for (const metric of metrics) {
    const value = values[metric];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const x = lookValue(metric, value);
    const shift = (arm.shifts[metric] ??= METRICS[metric].kind === 'proportion' ? 0 : x);
    const d = x - shift;
    const own = (sums.metrics[metric] ??= { n: 0, sum: 0, sumOfSquares: 0 });
    own.n += 1;
    own.sum += d;
    own.sumOfSquares += d * d;
  }
}

/** The arm's totals over the days up to `lastDay` (every day when omitted). */
export function armTotals(arm: ArmDays, lastDay = Number.POSITIVE_INFINITY): ArmTotals {
  const totals: ArmTotals = { ended: 0, shifts: arm.shifts, metrics: {} };
  for (const [day, sums] of arm.days) if (day <= lastDay) addDay(totals, sums);
  return totals;
}

export function addDay(totals: ArmTotals, sums: DaySums): void {
  totals.ended += sums.ended;
  for (const [metric, own] of Object.entries(sums.metrics) as Array<[MetricKey, MetricSums]>) {
    const total = (totals.metrics[metric] ??= { n: 0, sum: 0, sumOfSquares: 0 });
    total.n += own.n;
    total.sum += own.sum;
    total.sumOfSquares += own.sumOfSquares;
  }
}

/** Count, mean and sample variance (n - 1) of a metric's x over the totals; null without cases. */
export function moments(totals: ArmTotals, metric: MetricKey): { n: number; mean: number; variance: number } | null {
  const sums = totals.metrics[metric];
  if (!sums || sums.n === 0) return null;
  const { n, sum, sumOfSquares } = sums;
  const shift = totals.shifts[metric] ?? 0;
  return { n, mean: shift + sum / n, variance: n < 2 ? Number.NaN : max(0, (sumOfSquares - (sum * sum) / n) / (n - 1)) };
}
