/**
 * The experiments API's answers beyond the lib's analysis: the engine's view classes implement
 * these, and the dashboard reads them, so the two fail to compile together.
 */
import type { Arm, Experiment, ExperimentState, PlanRequirements } from '#experiments';

/** An arm, with its cases counted and the plan's requirement (GET /api/experiments/{id} only). */
export interface ExperimentArmView extends Arm {
  assigned?: number;
  running?: number;
  finished?: number;
  required?: number;
}

/** GET /api/experiments and /api/experiments/{id}; instants are ISO strings. */
export interface ExperimentView extends Pick<
  Experiment,
  'id' | 'processKey' | 'seed' | 'analysisVersion' | 'unit' | 'segments' | 'ramp' | 'guardrails' | 'plan' | 'startsAt' | 'endsAt' | 'winnerArmId'
> {
  state: ExperimentState;
  arms: ExperimentArmView[];
  primaryMetric: string;
  secondaryMetrics: string[];
  /** GET /api/experiments/{id} only */
  requirements?: PlanRequirements;
  createdAt: string;
  createdBy?: string;
  startedAt?: string;
  stoppedAt?: string;
  /** the last guardrail check's results per candidate */
  guardrailChecks?: unknown[];
  guardrailsCheckedAt?: string;
  guardrailCheckRuns?: number;
}

/** GET /api/experiments/{id}/events: creation, state changes (a guardrail's pause among them), plan amendments. */
export interface ExperimentEventView {
  id: string;
  at: string;
  actor?: string;
  action: string;
  fromState?: string;
  toState: string;
  reason?: string;
  details?: Record<string, unknown>;
}
