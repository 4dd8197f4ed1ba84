/**
 * Chooses the arm of a new case. Precedence: a promoted experiment sends everything to the
 * winner; a paused one to the baseline; then the first matching segment rule; then the hash.
 * The hash point u in [0, 1) decides "candidate or baseline" by u < candidate share, so a unit
 * that met a candidate at a 10 % ramp step still meets it at 25 % (ramps only grow the region);
 * a second hash picks among several candidates by weight, independent of the ramp. A paused
 * candidate's cases go to the baseline (reason `guardrail`).
 */
import { DomainError } from '#core';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';
import { baselineArm, type Arm, type Experiment } from '../model/experiment.js';
import { unitHash } from './unit-hash.js';

export type AssignmentReason = 'weight' | 'segment' | 'sticky' | 'ramp' | 'guardrail' | 'paused' | 'promoted';

export interface AssignmentInput {
  instanceKey: string;
  businessKey?: string;
  variables: Readonly<Record<string, unknown>>;
  /** the start instant, epoch milliseconds (from the caller's clock) */
  at: number;
}

export interface Assignment {
  armId: string;
  processVersionId: string;
  reason: AssignmentReason;
  /** the key the hash used (instance key, business key or the variable's value) */
  unitKey: string;
  /** the hash point in [0, 1), for audits; absent when no hash was used */
  hash?: number;
  /** index of the ramp step in force, when a ramp applies */
  rampStep?: number;
  /** the candidate share the hash was compared with */
  candidateShare?: number;
}

export function assignArm(experiment: Experiment, input: AssignmentInput, seed: number = experiment.seed): Assignment {
  const baseline = baselineArm(experiment);
  if (!baseline) throw new DomainError(EXPERIMENT_ERRORS.notRouting, `experiment ${experiment.id} has no baseline arm`, { field: 'arms' });
  const unit = unitKey(experiment, input);
  if (experiment.state === 'promoted') {
    return assigned(experiment.arms.find((arm) => arm.id === experiment.winnerArmId) ?? baseline, 'promoted', unit);
  }
  if (experiment.state === 'paused') return assigned(baseline, 'paused', unit);
  if (experiment.state !== 'running') {
    throw new DomainError(EXPERIMENT_ERRORS.notRouting, `experiment ${experiment.id} is ${experiment.state} and routes no cases`, { state: experiment.state });
  }

  const segment = experiment.segments.find((rule) => rule.values.some((value) => value === input.variables[rule.variable]));
  if (segment) {
    const arm = experiment.arms.find((a) => a.id === segment.armId) ?? baseline;
    return arm.paused ? assigned(baseline, 'guardrail', unit) : assigned(arm, 'segment', unit);
  }

  const candidates = experiment.arms.filter((arm) => arm.role === 'candidate');
  const rampStep = activeRampStep(experiment, input.at);
  const candidateShare = rampStep === undefined ? weightShare(candidates, experiment.arms) : experiment.ramp[rampStep].candidateShare;
  const hash = unitHash(seed, unit);
  const details = { hash, candidateShare, ...(rampStep === undefined ? {} : { rampStep }) };
  const sticky = !unit.startsWith('instance:');
  const hashReason = sticky ? 'sticky' : rampStep !== undefined ? 'ramp' : 'weight';
  if (hash >= candidateShare) return { ...assigned(baseline, hashReason, unit), ...details };
  const candidate = hashedCandidate(experiment, unit, seed);
  if (candidate.paused) return { ...assigned(baseline, 'guardrail', unit), ...details };
  return { ...assigned(candidate, hashReason, unit), ...details };
}

/** The candidate a hashed unit meets when the hash sends it to the candidates (paused or not). */
export function hashedCandidate(experiment: Experiment, unitKey: string, seed: number = experiment.seed): Arm {
  return byWeight(
    experiment.arms.filter((arm) => arm.role === 'candidate'),
    unitHash(seed, `candidate:${unitKey}`),
  );
}

/** The traffic share each arm is planned to receive at `at` (for the sample-ratio check), pauses ignored. */
export function plannedShares(experiment: Experiment, at: number): Map<string, number> {
  const candidates = experiment.arms.filter((arm) => arm.role === 'candidate');
  const rampStep = activeRampStep(experiment, at);
  const candidateShare = rampStep === undefined ? weightShare(candidates, experiment.arms) : experiment.ramp[rampStep].candidateShare;
  const candidateWeight = candidates.reduce((sum, arm) => sum + arm.weight, 0);
  return new Map(experiment.arms.map((arm) => [arm.id, arm.role === 'baseline' ? 1 - candidateShare : (candidateShare * arm.weight) / candidateWeight]));
}

/** The last ramp step whose date has come; before the first step the first one applies. */
function activeRampStep(experiment: Experiment, at: number): number | undefined {
  if (experiment.ramp.length === 0) return undefined;
  let active = 0;
  experiment.ramp.forEach((step, i) => {
    if (Date.parse(step.from) <= at) active = i;
  });
  return active;
}

function weightShare(part: readonly Arm[], all: readonly Arm[]): number {
  const total = all.reduce((sum, arm) => sum + arm.weight, 0);
  return part.reduce((sum, arm) => sum + arm.weight, 0) / total;
}

function byWeight(arms: readonly Arm[], point: number): Arm {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  let cumulative = 0;
  for (const arm of arms) {
    cumulative += arm.weight / total;
    if (point < cumulative) return arm;
  }
  return arms[arms.length - 1];
}

/** The unit's key; a case without the business key or variable falls back to its own key. */
function unitKey(experiment: Experiment, input: AssignmentInput): string {
  const unit = experiment.unit;
  if (unit.kind === 'businessKey' && input.businessKey) return `businessKey:${input.businessKey}`;
  if (unit.kind === 'variable') {
    const value = input.variables[unit.name];
    if (value !== undefined && value !== null && value !== '') return `${unit.name}:${String(value)}`;
  }
  return `instance:${input.instanceKey}`;
}

function assigned(arm: Arm, reason: AssignmentReason, unit: string): Assignment {
  return { armId: arm.id, processVersionId: arm.processVersionId, reason, unitKey: unit };
}
