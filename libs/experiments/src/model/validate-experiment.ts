/**
 * Collects every problem of an experiment definition (never stops at the first), each naming
 * the field, so the API can answer 422 with the whole list.
 */
import { DomainError } from '#core';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';
import { METRICS, isMetricKey } from './metrics.js';
import type { Experiment } from './experiment.js';

export interface ExperimentProblem {
  /** path of the offending field, e.g. `arms[1].weight` */
  field: string;
  rule: string;
  message: string;
}

export function validateExperiment(experiment: Experiment): ExperimentProblem[] {
  const problems: ExperimentProblem[] = [];
  const problem = (field: string, rule: string, message: string) => problems.push({ field, rule, message });

  if (!experiment.processKey?.trim()) problem('processKey', 'required', 'an experiment needs the process key it routes');
  if (!Number.isSafeInteger(experiment.seed)) problem('seed', 'integer', 'the seed must be an integer');

  const arms = experiment.arms ?? [];
  if (arms.length < 2) problem('arms', 'arm-count', 'an experiment needs a baseline arm and at least one candidate arm');
  const baselines = arms.filter((arm) => arm.role === 'baseline').length;
  if (baselines !== 1) problem('arms', 'one-baseline', `exactly one arm must be the baseline, found ${baselines}`);
  const armIds = new Set<string>();
  const versionIds = new Set<string>();
  arms.forEach((arm, i) => {
    if (!arm.id?.trim()) problem(`arms[${i}].id`, 'required', 'every arm needs an id');
    else if (armIds.has(arm.id)) problem(`arms[${i}].id`, 'unique', `arm id "${arm.id}" is used twice`);
    armIds.add(arm.id);
    if (arm.role !== 'baseline' && arm.role !== 'candidate') problem(`arms[${i}].role`, 'enum', 'role must be baseline or candidate');
    if (!arm.processVersionId?.trim()) problem(`arms[${i}].processVersionId`, 'required', 'every arm runs one process version');
    else if (versionIds.has(arm.processVersionId)) problem(`arms[${i}].processVersionId`, 'unique', 'two arms run the same process version');
    versionIds.add(arm.processVersionId);
    if (!(Number.isFinite(arm.weight) && arm.weight > 0)) problem(`arms[${i}].weight`, 'positive', `weight must be a positive number, got ${arm.weight}`);
  });

  if (experiment.unit?.kind === 'variable' && !experiment.unit.name?.trim()) {
    problem('unit.name', 'required', 'a variable assignment unit names the variable (e.g. customerId)');
  } else if (!['instance', 'businessKey', 'variable'].includes(experiment.unit?.kind)) {
    problem('unit.kind', 'enum', 'the assignment unit is instance, businessKey or variable');
  }

  (experiment.segments ?? []).forEach((rule, i) => {
    if (!rule.variable?.trim()) problem(`segments[${i}].variable`, 'required', 'a segment rule names the variable it matches');
    if (!rule.values?.length) problem(`segments[${i}].values`, 'required', 'a segment rule lists at least one value');
    if (!armIds.has(rule.armId)) problem(`segments[${i}].armId`, 'known-arm', `no arm "${rule.armId}"`);
  });

  let previousRamp = Number.NEGATIVE_INFINITY;
  (experiment.ramp ?? []).forEach((step, i) => {
    const from = Date.parse(step.from);
    if (Number.isNaN(from)) problem(`ramp[${i}].from`, 'date', `"${step.from}" is not an ISO 8601 instant`);
    else if (from <= previousRamp) problem(`ramp[${i}].from`, 'ascending', 'ramp steps must come in date order');
    else previousRamp = from;
    if (!(step.candidateShare > 0 && step.candidateShare <= 1)) {
      problem(`ramp[${i}].candidateShare`, 'share', `candidate share must lie in (0, 1], got ${step.candidateShare}`);
    }
  });

  const startsAt = experiment.startsAt === undefined ? undefined : Date.parse(experiment.startsAt);
  const endsAt = experiment.endsAt === undefined ? undefined : Date.parse(experiment.endsAt);
  if (Number.isNaN(startsAt)) problem('startsAt', 'date', `"${experiment.startsAt}" is not an ISO 8601 instant`);
  if (Number.isNaN(endsAt)) problem('endsAt', 'date', `"${experiment.endsAt}" is not an ISO 8601 instant`);
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) problem('endsAt', 'after-start', 'the end must come after the start');

  const primary = experiment.primaryMetric;
  if (!isMetricKey(primary)) problem('primaryMetric', 'known-metric', `unknown metric "${primary}"`);
  (experiment.secondaryMetrics ?? []).forEach((metric, i) => {
    if (!isMetricKey(metric)) problem(`secondaryMetrics[${i}]`, 'known-metric', `unknown metric "${metric}"`);
    else if (metric === primary) problem(`secondaryMetrics[${i}]`, 'not-primary', 'the primary metric is not also a secondary one');
  });
  (experiment.guardrails ?? []).forEach((guardrail, i) => {
    if (!isMetricKey(guardrail.metric)) problem(`guardrails[${i}].metric`, 'known-metric', `unknown metric "${guardrail.metric}"`);
    if (!(guardrail.maxWorsening > 0)) problem(`guardrails[${i}].maxWorsening`, 'positive', 'the tolerated worsening must be positive');
  });

  const plan = experiment.plan;
  if (!plan) problem('plan', 'required', 'an experiment needs a plan (alpha, power, mde)');
  else {
    if (!(plan.alpha > 0 && plan.alpha <= 0.2)) problem('plan.alpha', 'range', `alpha must lie in (0, 0.2], got ${plan.alpha}`);
    if (!(plan.power >= 0.5 && plan.power < 1)) problem('plan.power', 'range', `power must lie in [0.5, 1), got ${plan.power}`);
    if (!(Number.isFinite(plan.mde) && plan.mde !== 0)) problem('plan.mde', 'non-zero', 'the minimum detectable effect must be a non-zero number');
    if (isMetricKey(primary) && METRICS[primary].kind === 'proportion') {
      const rate = plan.baselineRate;
      if (rate === undefined || !(rate > 0 && rate < 1)) problem('plan.baselineRate', 'range', 'a rate metric needs the baseline rate in (0, 1)');
      else if (!(rate + Math.abs(plan.mde) < 1 && rate - Math.abs(plan.mde) > 0)) problem('plan.mde', 'range', 'baseline rate +/- mde must stay within (0, 1)');
    }
    if (isMetricKey(primary) && METRICS[primary].kind === 'duration') {
      if (!(plan.logSd !== undefined && plan.logSd > 0)) problem('plan.logSd', 'positive', 'a duration metric needs the standard deviation of log durations');
      if (!(Math.abs(plan.mde) < 1)) problem('plan.mde', 'range', 'for durations the mde is a relative change below 1 (0.1 = 10 %)');
    }
  }
  return problems;
}

export function requireValidExperiment(experiment: Experiment): void {
  const problems = validateExperiment(experiment);
  if (problems.length > 0) {
    throw new DomainError(EXPERIMENT_ERRORS.invalid, `experiment has ${problems.length} problem(s): ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, {
      problems,
    });
  }
}
