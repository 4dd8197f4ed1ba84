/**
 * Sample size and power by the normal approximation (two-sided alpha, equal arms).
 *
 * Two proportions, baseline rate p1, candidate rate p2 = p1 + mde (Fleiss, no continuity correction):
 *   n = ( z(1-a/2) sqrt(2 pbar qbar) + z(1-b) sqrt(p1 q1 + p2 q2) )^2 / mde^2,   pbar = (p1 + p2)/2
 *   power(n) = Phi( (|mde| sqrt(n) - z(1-a/2) sqrt(2 pbar qbar)) / sqrt(p1 q1 + p2 q2) )
 * Log-normal durations, sd of log durations s, planned ratio of geometric means r (0.9 = 10 % faster):
 *   n = 2 s^2 (z(1-a/2) + z(1-b))^2 / ln(r)^2,   power(n) = Phi( |ln r| sqrt(n / (2 s^2)) - z(1-a/2) )
 * Cases per arm are rounded up. The expected duration divides each arm's need by its daily arrivals
 * (arrival rate x experiment traffic share x arm share) and takes the slowest arm.
 */
import { normalCdf, normalQuantile } from './distributions.js';
import { requireAlpha, statisticsInputError } from './statistics-error.js';

export interface ProportionPlan {
  baselineRate: number;
  /** candidate rate - baseline rate, absolute (0.05 = five points) */
  mde: number;
  alpha: number;
}

export interface DurationPlan {
  /** standard deviation of log durations (from history) */
  logSd: number;
  /** planned ratio of geometric means, candidate / baseline */
  ratio: number;
  alpha: number;
}

export function sampleSizeTwoProportions(plan: ProportionPlan, power: number): number {
  const { zAlpha, pooledSd, separateSd } = proportionTerms(plan);
  requirePower(power);
  const n = (zAlpha * pooledSd + normalQuantile(power) * separateSd) ** 2 / plan.mde ** 2;
  return Math.ceil(n);
}

export function powerTwoProportions(plan: ProportionPlan, perArm: number): number {
  const { zAlpha, pooledSd, separateSd } = proportionTerms(plan);
  return normalCdf((Math.abs(plan.mde) * Math.sqrt(perArm) - zAlpha * pooledSd) / separateSd);
}

export function sampleSizeLogNormalShift(plan: DurationPlan, power: number): number {
  const { zAlpha, shift } = durationTerms(plan);
  requirePower(power);
  return Math.ceil((2 * plan.logSd ** 2 * (zAlpha + normalQuantile(power)) ** 2) / shift ** 2);
}

export function powerLogNormalShift(plan: DurationPlan, perArm: number): number {
  const { zAlpha, shift } = durationTerms(plan);
  return normalCdf(Math.abs(shift) * Math.sqrt(perArm / (2 * plan.logSd ** 2)) - zAlpha);
}

export interface DurationEstimateInput {
  perArm: number;
  /** cases started per day for the process key */
  arrivalsPerDay: number;
  /** share of starts that enter the experiment, (0, 1] */
  trafficShare: number;
  /** each arm's share of the experiment's traffic (weights, any scale) */
  armWeights: readonly number[];
}

/** Days until every arm has `perArm` cases at the observed arrival rate. */
export function expectedDurationDays(input: DurationEstimateInput): number {
  if (!(input.arrivalsPerDay > 0)) throw statisticsInputError('arrivalsPerDay', 'must be positive');
  if (!(input.trafficShare > 0 && input.trafficShare <= 1)) throw statisticsInputError('trafficShare', 'must lie in (0, 1]');
  if (input.armWeights.length === 0 || input.armWeights.some((w) => !(w > 0))) throw statisticsInputError('armWeights', 'every arm needs a positive weight');
  const weightSum = input.armWeights.reduce((a, b) => a + b, 0);
  const slowest = Math.min(...input.armWeights) / weightSum;
  return input.perArm / (input.arrivalsPerDay * input.trafficShare * slowest);
}

function proportionTerms(plan: ProportionPlan) {
  requireAlpha(plan.alpha);
  const p1 = plan.baselineRate;
  const p2 = p1 + plan.mde;
  if (!(p1 > 0 && p1 < 1)) throw statisticsInputError('baselineRate', `must lie in (0, 1), got ${p1}`);
  if (plan.mde === 0 || !(p2 > 0 && p2 < 1)) throw statisticsInputError('mde', `must be non-zero and keep the candidate rate in (0, 1), got ${plan.mde}`);
  const pbar = (p1 + p2) / 2;
  return {
    zAlpha: normalQuantile(1 - plan.alpha / 2),
    p1,
    p2,
    pooledSd: Math.sqrt(2 * pbar * (1 - pbar)),
    separateSd: Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)),
  };
}

function durationTerms(plan: DurationPlan) {
  requireAlpha(plan.alpha);
  if (!(plan.logSd > 0)) throw statisticsInputError('logSd', `must be positive, got ${plan.logSd}`);
  if (!(plan.ratio > 0) || plan.ratio === 1) throw statisticsInputError('ratio', `must be positive and not 1, got ${plan.ratio}`);
  return { zAlpha: normalQuantile(1 - plan.alpha / 2), shift: Math.log(plan.ratio) };
}

function requirePower(power: number): void {
  if (!(power > 0 && power < 1)) throw statisticsInputError('power', `must lie in (0, 1), got ${power}`);
}
