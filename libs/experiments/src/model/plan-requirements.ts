/**
 * What a plan asks for: cases per arm for the primary metric, and the expected duration at the
 * observed arrival rate. Rates are sized for baseline rate +/- mde points; durations for a
 * geometric mean changed by mde in the metric's better direction (ratio 1 - mde for lead time).
 */
import { expectedDurationDays, sampleSizeLogNormalShift, sampleSizeTwoProportions } from '../statistics/sample-size.js';
import { statisticsInputError } from '../statistics/statistics-error.js';
import type { Experiment } from './experiment.js';
import { METRICS } from './metrics.js';

export interface Traffic {
  /** cases started per day for the process key (observed) */
  arrivalsPerDay: number;
  /** share of starts that enter the experiment, (0, 1] */
  trafficShare: number;
}

export interface PlanRequirements {
  perArm: number;
  /** days until the smallest arm has `perArm` cases; null without traffic figures */
  expectedDays: number | null;
}

export function planRequirements(experiment: Experiment, traffic?: Traffic): PlanRequirements {
  const { plan } = experiment;
  const metric = METRICS[experiment.primaryMetric];
  const effect = Math.abs(plan.mde);
  let perArm: number;
  if (metric.kind === 'proportion') {
    if (plan.baselineRate === undefined) throw statisticsInputError('plan.baselineRate', 'a rate metric needs the baseline rate');
    const signed = metric.better === 'higher' ? effect : -effect;
    perArm = sampleSizeTwoProportions({ baselineRate: plan.baselineRate, mde: signed, alpha: plan.alpha }, plan.power);
  } else {
    if (plan.logSd === undefined) throw statisticsInputError('plan.logSd', 'a duration metric needs the spread of log durations');
    const ratio = metric.better === 'lower' ? 1 - effect : 1 + effect;
    perArm = sampleSizeLogNormalShift({ logSd: plan.logSd, ratio, alpha: plan.alpha }, plan.power);
  }
  const expectedDays = traffic ? expectedDurationDays({ perArm, ...traffic, armWeights: experiment.arms.map((arm) => arm.weight) }) : null;
  return { perArm, expectedDays };
}
