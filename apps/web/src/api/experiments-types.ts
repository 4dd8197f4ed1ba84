/*
 * The experiments API as the dashboard reads it. The shapes mirror the engine's views and
 * libs/experiments' ExperimentAnalysis (analyse-experiment.ts and the files it names): the web app
 * does not import the libs, so a change there must be copied here. Instants in the analysis are
 * epoch milliseconds unless named ISO; durations are milliseconds.
 */

import type { VerdictReasonCode } from '#experiments';

export type { VerdictReasonCode };

export type ExperimentState = 'draft' | 'running' | 'paused' | 'stopped' | 'promoted';
export type Verdict = 'SHIP' | 'KEEP_BASELINE' | 'CONTINUE' | 'INCONCLUSIVE' | 'INVALID';
export type ArmRole = 'baseline' | 'candidate';

export interface ExperimentArm {
  id: string;
  role: ArmRole;
  processVersionId: string;
  weight: number;
  paused?: boolean;
  assigned?: number;
  running?: number;
  finished?: number;
  required?: number;
}

export interface Guardrail {
  id: string;
  metric: string;
  maxWorsening: number;
}

export interface Plan {
  alpha: number;
  power: number;
  mde: number;
  baselineRate?: number;
  logSd?: number;
}

/** GET /api/experiments and /api/experiments/{id} (the latter with the arms' counts and the requirements). */
export interface ExperimentView {
  id: string;
  processKey: string;
  state: ExperimentState;
  seed: number;
  analysisVersion: number;
  arms: ExperimentArm[];
  guardrails: Guardrail[];
  primaryMetric: string;
  secondaryMetrics: string[];
  plan: Plan;
  requirements?: { perArm: number; expectedDays: number | null };
  winnerArmId?: string;
  createdAt: string;
  createdBy?: string;
  startedAt?: string;
  stoppedAt?: string;
}

/** GET /api/experiments/{id}/events: creation, state changes (a guardrail's pause among them), plan amendments. */
export interface ExperimentEvent {
  id: string;
  at: string;
  actor?: string;
  action: string;
  fromState?: string;
  toState: string;
  reason?: string;
  details?: Record<string, unknown>;
}

export interface VerdictReason {
  /** the lib's own union: the dashboard's sentence per code fails to compile when one is missing */
  code: VerdictReasonCode;
  message: string;
  numbers: Record<string, number | string | null>;
}

export interface VerdictReport {
  verdict: Verdict;
  reasons: VerdictReason[];
  sampleRatio: { chiSquare: number; df: number; pValue: number; expected: number[]; mismatch: boolean };
  sequential: { crossed: { look: number; direction: 'upper' | 'lower' } | null; boundaries: number[]; alphaSpent: number; planReached: boolean };
  estimate?: { difference: number; interval: [number, number] | null; pValue: number };
  dataHash: string;
  seed: number;
}

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

export type MetricKind = 'proportion' | 'duration';

export interface MetricResult {
  metric: string;
  kind: MetricKind;
  better: 'higher' | 'lower';
  candidateArmId: string;
  baseline: RateFigure | DurationFigure;
  candidate: RateFigure | DurationFigure;
  /** rates: candidate - baseline in points (0.05 = five points); durations: the Hodges-Lehmann shift in ms */
  difference: number | null;
  interval: [number, number] | null;
  pValue: number | null;
  z: number | null;
  ratio?: { estimate: number; interval: [number, number] };
  direction: 'better' | 'worse' | 'none' | 'unknown';
  test: 'two-proportion' | 'mann-whitney' | 'none';
  /** What the metric counts (waiting and processing are the desk's); absent from analyses made before definitions were sent. */
  definition?: string;
  primary: boolean;
  /** secondaries: Benjamini-Hochberg adjusted; the primary's own p */
  adjustedP: number | null;
  significant: boolean;
}

export interface ArmLeadTime {
  finished: number;
  running: number;
  /** Kaplan-Meier median in ms; null while under half have finished */
  median: number | null;
}

export interface LeadTimeComparison {
  baseline: ArmLeadTime;
  candidate: ArmLeadTime;
  logRank: { z: number; chiSquare: number; pValue: number };
}

export type GuardrailStatus = 'ok' | 'breached' | 'missing' | 'collecting';

export interface GuardrailCheck {
  id: string;
  metric: string;
  candidateArmId: string;
  status: GuardrailStatus;
  /** worsening at the last look: points for rates, a relative change for durations */
  observed?: number;
  limit: number;
  z: number | null;
  boundary: number | null;
  /** epoch ms of the look that crossed */
  breachedAt: number | null;
  looks: number;
}

export interface SequentialLook {
  /** epoch ms: the data ended up to this instant */
  at: number;
  informationFraction: number;
  z: number;
  boundary: number | null;
}

export interface ActivityDifference {
  elementId: string;
  candidateArmId: string;
  baseline: { armId: string; n: number; medianMs: number | null };
  candidate: { armId: string; n: number; medianMs: number | null };
  differenceMs: number | null;
  pValue: number | null;
  adjustedP: number | null;
  significant: boolean;
}

export interface CandidateAnalysis {
  armId: string;
  alpha: number;
  metrics: MetricResult[];
  leadTime: LeadTimeComparison | null;
  guardrails: GuardrailCheck[];
  looks: SequentialLook[];
  activities: ActivityDifference[];
  verdict: VerdictReport;
}

export interface ArmSummary {
  armId: string;
  role: ArmRole;
  processVersionId: string;
  weight: number;
  paused: boolean;
  assigned: number;
  running: number;
  finished: number;
}

export interface StageBreakdown {
  stage: string;
  arms: Array<{ armId: string; cases: number; meanWaitingMs: number | null; meanProcessingMs: number | null }>;
}

export interface AnalysisPlan extends Plan {
  perArm: number;
  expectedDays: number | null;
  primaryMetric: string;
  casesSoFar: number;
  informationFraction: number;
}

/** GET /api/experiments/{id}/analysis */
export interface ExperimentAnalysis {
  experimentId: string;
  processKey: string;
  state: ExperimentState;
  analysisVersion: number;
  /** ISO instant of the analysis */
  at: string;
  seed: number;
  dataHash: string;
  plan: AnalysisPlan;
  arms: ArmSummary[];
  verdict: Verdict;
  reasons: VerdictReason[];
  candidates: CandidateAnalysis[];
  stages: StageBreakdown[];
}

/** One instance of a migration batch: moved, (dry run) movable, or left where it was and why. */
export interface InstanceMigration {
  instanceId: string;
  status: 'migrated' | 'wouldMigrate' | 'failed';
  error?: { code: string; message: string };
}

/** POST /api/experiments/{id}/migrate-running: per losing arm, its running cases checked (dry run) or moved to the winner's version. */
export interface RunningMigration {
  experimentId: string;
  winnerArmId: string;
  dryRun: boolean;
  arms: Array<{ armId: string; sourceProcessVersionId: string; targetProcessVersionId: string; migrated: number; failed: number; results: InstanceMigration[] }>;
}
