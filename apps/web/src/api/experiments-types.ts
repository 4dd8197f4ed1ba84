/*
 * The experiments API as the dashboard reads it: the analysis is libs/experiments' own
 * ExperimentAnalysis (type-only imports: no statistics code reaches the bundle), so a change there
 * that the dashboard does not follow fails `typecheck:web`. Instants in the analysis are epoch
 * milliseconds unless named ISO; durations are milliseconds. Analyses stored before metric
 * definitions were sent lack `MetricResult.definition`; the metrics table shows none then.
 */

import type { ExperimentAnalysis } from '#experiments';

export type {
  AnalysisLook,
  ActivityDifference,
  ArmLeadTime,
  ArmRole,
  ArmSummary,
  CandidateAnalysis,
  DurationFigure,
  ExperimentAnalysis,
  ExperimentState,
  Guardrail,
  GuardrailCheck,
  GuardrailStatus,
  LeadTimeComparison,
  MetricKind,
  MetricResult,
  Plan,
  RateFigure,
  StageBreakdown,
  Verdict,
  VerdictReason,
  VerdictReasonCode,
  VerdictReport,
} from '#experiments';

/** The analysis's plan: the experiment's, with what it requires and how far the cases have come. */
export type AnalysisPlan = ExperimentAnalysis['plan'];

/** The engine's views, from the shared API shapes (libs/api-types). */
export type {
  ExperimentArmView as ExperimentArm,
  ExperimentEventView as ExperimentEvent,
  ExperimentView,
  InstanceMigrationView as InstanceMigration,
  RunningMigrationView as RunningMigration,
} from '#api-types';
