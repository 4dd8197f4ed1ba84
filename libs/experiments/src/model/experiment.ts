/**
 * The Experiment: a dual-track run of one process key (shared/DESIGN.md section 6). Plain data,
 * JSON-friendly (instants are ISO 8601 strings), so the service can store it as it is.
 */
import type { MetricKey } from './metrics.js';

export type ExperimentState = 'draft' | 'running' | 'paused' | 'stopped' | 'promoted';

export type ArmRole = 'baseline' | 'candidate';

export interface Arm {
  id: string;
  role: ArmRole;
  processVersionId: string;
  /** traffic weight, any positive scale (50/50, 1/1, 90/10) */
  weight: number;
  /** set by a guardrail breach or by hand: new cases of this candidate go to the baseline */
  paused?: boolean;
}

/** Which key keeps a case on its arm: each case, its business key, or a variable such as the customer id. */
export type AssignmentUnit = { kind: 'instance' } | { kind: 'businessKey' } | { kind: 'variable'; name: string };

/** A pilot by segment: cases whose `variable` has one of `values` go to `armId` (first matching rule wins). */
export interface SegmentRule {
  variable: string;
  values: ReadonlyArray<string | number | boolean>;
  armId: string;
}

/** From `from` on, candidates together get `candidateShare` of the traffic (split by their weights). */
export interface RampStep {
  from: string;
  candidateShare: number;
}

/** A limit on how much worse than the baseline a candidate may get before it is paused. */
export interface Guardrail {
  id: string;
  metric: MetricKey;
  /** tolerated worsening: points (0.05 = five points) for rates, a relative change (0.1 = 10 %) for durations */
  maxWorsening: number;
}

/**
 * The statistical plan, fixed once running. `mde` is an absolute difference for rates (0.05 = five
 * points; sign is ignored, direction comes from the metric) and a relative change of the
 * geometric mean for durations (0.1 = 10 %). The baseline's history gives `baselineRate` (rates)
 * or `logSd` (durations: standard deviation of log durations).
 */
export interface Plan {
  alpha: number;
  power: number;
  mde: number;
  baselineRate?: number;
  logSd?: number;
}

export interface Experiment {
  id: string;
  processKey: string;
  state: ExperimentState;
  /** seeds the assignment hash and every resample of the analysis */
  seed: number;
  arms: Arm[];
  unit: AssignmentUnit;
  segments: SegmentRule[];
  ramp: RampStep[];
  guardrails: Guardrail[];
  primaryMetric: MetricKey;
  secondaryMetrics: MetricKey[];
  plan: Plan;
  /** bumped when the plan changes after the start: earlier analyses stay reproducible under their version */
  analysisVersion: number;
  startsAt?: string;
  endsAt?: string;
  /** set on promote: every new case goes to this arm */
  winnerArmId?: string;
}

export const baselineArm = (experiment: Experiment): Arm | undefined => experiment.arms.find((arm) => arm.role === 'baseline');

/**
 * Whether a running or paused experiment routes at `at`: from its start date (inclusive) up to its
 * end date (exclusive), each optional. A promoted one routes to its winner whatever the dates.
 */
export const inWindow = (experiment: Experiment, at: number): boolean =>
  experiment.state === 'promoted' ||
  ((experiment.startsAt === undefined || Date.parse(experiment.startsAt) <= at) && (experiment.endsAt === undefined || at < Date.parse(experiment.endsAt)));
