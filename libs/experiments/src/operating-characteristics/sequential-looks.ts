/**
 * Seeded Monte-Carlo run of many experiments looked at every day with the sequential test, as the
 * dashboard and the job runner do. With equal arms (A/A) the share of experiments that cross a
 * boundary is the false-positive rate, which must stay at or below alpha; with the candidate
 * better by the planned effect, the share crossing in its favor is the achieved power. For
 * contrast it also counts "naive" peeking: a fixed-sample test at p < alpha on any daily look,
 * the inflation the sequential test exists to prevent.
 */
import { normalDraw, type Random } from '../random/seeded-random.js';
import { sequentialTest, spendingBoundaries, type SequentialLook } from '../statistics/alpha-spending.js';
import { twoProportionTest } from '../statistics/two-proportion.js';
import { welchLogTest } from '../statistics/welch-log.js';
import { statisticsInputError } from '../statistics/statistics-error.js';
import type { MetricBetter } from '../model/metrics.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and draws run per case.
const { ceil, exp, log, min } = Math;

export interface ScheduleScenario {
  /** planned cases per arm (from the sample size) */
  perArm: number;
  casesPerArmPerDay: number;
  alpha: number;
}

export interface RateScenario extends ScheduleScenario {
  baselineRate: number;
  candidateRate: number;
}

export interface DurationScenario extends ScheduleScenario {
  /** standard deviation of log durations (both arms) */
  logSd: number;
  /** true ratio of geometric means, candidate / baseline (1 for A/A) */
  ratio: number;
}

export interface OperatingCharacteristics {
  experiments: number;
  looksPerExperiment: number;
  /** crossed in the candidate's favor */
  inFavor: number;
  /** crossed against the candidate */
  against: number;
  /** (inFavor + against) / experiments: the false-positive rate under A/A */
  crossingRate: number;
  /** inFavor / experiments: the power when the candidate is truly better */
  favorRate: number;
  /** share of experiments a fixed-sample test would have called at some daily look */
  naivePeekingRate: number;
  /** mean information fraction at which experiments stopped (crossing or plan reached) */
  meanStopFraction: number;
}

/** Rate metric, higher is better (FCR, SLA attainment); the test is the pooled two-proportion z. */
export function rateOperatingCharacteristics(scenario: RateScenario, experiments: number, random: Random): OperatingCharacteristics {
  return sequentialLooks(scenario, experiments, random, {
    better: 'higher',
    drawBaseline: (r) => (r.next() < scenario.baselineRate ? 1 : 0),
    drawCandidate: (r) => (r.next() < scenario.candidateRate ? 1 : 0),
    test: (baseline, candidate) => twoProportionTest({ successes: sum(baseline), total: baseline.length }, { successes: sum(candidate), total: candidate.length }, scenario.alpha),
  });
}

/** Log-normal durations, lower is better (lead time); the test is Welch's t on logs, read as z. */
export function durationOperatingCharacteristics(scenario: DurationScenario, experiments: number, random: Random): OperatingCharacteristics {
  const shift = log(scenario.ratio);
  return sequentialLooks(scenario, experiments, random, {
    better: 'lower',
    drawBaseline: (r) => exp(scenario.logSd * normalDraw(r)),
    drawCandidate: (r) => exp(shift + scenario.logSd * normalDraw(r)),
    test: (baseline, candidate) => {
      const result = welchLogTest(baseline, candidate, scenario.alpha);
      return { z: result.t, pValue: result.pValue };
    },
  });
}

interface Model {
  better: MetricBetter;
  drawBaseline(random: Random): number;
  drawCandidate(random: Random): number;
  /** z > 0 when the candidate's value is higher */
  test(baseline: number[], candidate: number[]): { z: number; pValue: number };
}

function sequentialLooks(scenario: ScheduleScenario, experiments: number, random: Random, model: Model): OperatingCharacteristics {
  if (!Number.isInteger(experiments) || experiments < 1) throw statisticsInputError('experiments', 'must be a positive integer');
  if (!(scenario.casesPerArmPerDay >= 2 && scenario.perArm >= scenario.casesPerArmPerDay)) {
    throw statisticsInputError('casesPerArmPerDay', 'needs at least two cases a day and no more than the plan');
  }
  const days = ceil(scenario.perArm / scenario.casesPerArmPerDay);
  const fractions = Array.from({ length: days }, (_, day) => ((day + 1) * scenario.casesPerArmPerDay) / scenario.perArm);
  const boundaries = spendingBoundaries(fractions, scenario.alpha);
  const favorDirection = model.better === 'higher' ? 'upper' : 'lower';
  let inFavor = 0;
  let against = 0;
  let naive = 0;
  let stopSum = 0;
  for (let e = 0; e < experiments; e++) {
    const looks: SequentialLook[] = [];
    const baseline: number[] = [];
    const candidate: number[] = [];
    let peeked = false;
    for (let day = 0; day < days; day++) {
      for (let i = 0; i < scenario.casesPerArmPerDay; i++) {
        baseline.push(model.drawBaseline(random));
        candidate.push(model.drawCandidate(random));
      }
      const { z, pValue } = model.test(baseline, candidate);
      looks.push({ informationFraction: fractions[day], z });
      if (pValue < scenario.alpha) peeked = true;
    }
    const result = sequentialTest(looks, scenario.alpha, boundaries);
    if (result.crossed) {
      if (result.crossed.direction === favorDirection) inFavor++;
      else against++;
    }
    if (peeked) naive++;
    stopSum += min(1, result.crossed ? fractions[result.crossed.look] : 1);
  }
  return {
    experiments,
    looksPerExperiment: days,
    inFavor,
    against,
    crossingRate: (inFavor + against) / experiments,
    favorRate: inFavor / experiments,
    naivePeekingRate: naive / experiments,
    meanStopFraction: stopSum / experiments,
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
