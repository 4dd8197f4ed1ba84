export type { ExperimentErrorCode } from './experiment-errors.js';
export { EXPERIMENT_ERRORS } from './experiment-errors.js';

export type { Random } from './random/seeded-random.js';
export { normalDraw, seededRandom } from './random/seeded-random.js';

export type { Arm, ArmRole, AssignmentUnit, Experiment, ExperimentState, Guardrail, Plan, RampStep, SegmentRule } from './model/experiment.js';
export { baselineArm, inWindow } from './model/experiment.js';
export type { MetricBetter, MetricDefinition, MetricKey, MetricKind } from './model/metrics.js';
export { METRICS, isMetricKey } from './model/metrics.js';
export { METRIC_DEFINITIONS } from './model/metric-definitions.js';
export type { ExperimentProblem } from './model/validate-experiment.js';
export { requireValidExperiment, validateExperiment } from './model/validate-experiment.js';
export type { PlanRequirements, Traffic } from './model/plan-requirements.js';
export { planRequirements } from './model/plan-requirements.js';
export type { ExperimentAction } from './model/experiment-state.js';
export { amendPlan, nextState, setArmPaused, transition } from './model/experiment-state.js';

export type { Assignment, AssignmentInput, AssignmentReason } from './routing/assign-arm.js';
export { assignArm, hashedCandidate, plannedShares } from './routing/assign-arm.js';
export { unitHash } from './routing/unit-hash.js';

export type { ProportionSample, TwoProportionResult } from './statistics/two-proportion.js';
export { twoProportionTest, wilsonInterval } from './statistics/two-proportion.js';
export type { MannWhitneyResult } from './statistics/mann-whitney.js';
export { mannWhitneyU } from './statistics/mann-whitney.js';
export type { HodgesLehmannResult } from './statistics/hodges-lehmann.js';
export { hodgesLehmann } from './statistics/hodges-lehmann.js';
export type { BootstrapOptions, BootstrapResult } from './statistics/bootstrap.js';
export { bootstrapQuantileDifference } from './statistics/bootstrap.js';
export type { WelchLogResult } from './statistics/welch-log.js';
export { welchLogTest } from './statistics/welch-log.js';
export type { SampleRatioResult } from './statistics/sample-ratio.js';
export { SAMPLE_RATIO_THRESHOLD, sampleRatioCheck } from './statistics/sample-ratio.js';
export type { DurationEstimateInput, DurationPlan, ProportionPlan } from './statistics/sample-size.js';
export { expectedDurationDays, powerLogNormalShift, powerTwoProportions, sampleSizeLogNormalShift, sampleSizeTwoProportions } from './statistics/sample-size.js';
export type { SequentialDirection, SequentialLook, SequentialResult } from './statistics/alpha-spending.js';
export { obrienFlemingSpending, sequentialTest, spendingBoundaries } from './statistics/alpha-spending.js';
export type { BenjaminiHochbergResult } from './statistics/benjamini-hochberg.js';
export { benjaminiHochberg } from './statistics/benjamini-hochberg.js';
export type { KaplanMeierResult, SurvivalObservation, SurvivalStep } from './statistics/kaplan-meier.js';
export { kaplanMeier } from './statistics/kaplan-meier.js';
export type { LogRankResult } from './statistics/log-rank.js';
export { logRankTest } from './statistics/log-rank.js';
export type { ArmLeadTime, CaseSpan, LeadTimeComparison } from './statistics/lead-time.js';
export { compareLeadTimes, leadTimeObservations } from './statistics/lead-time.js';

export type { GuardrailStatus, PrimaryEstimate, Verdict, VerdictInput, VerdictReason, VerdictReasonCode, VerdictReport } from './verdict/decide-verdict.js';
export { decideVerdict } from './verdict/decide-verdict.js';
export { canonicalJson, dataHash } from './verdict/data-hash.js';
export { VERDICT_ROW_HEADER, analysisRows, verdictRows } from './verdict/verdict-rows.js';

export type { DurationScenario, RateScenario, ScheduleScenario, OperatingCharacteristics } from './operating-characteristics/sequential-looks.js';
export { durationOperatingCharacteristics, rateOperatingCharacteristics } from './operating-characteristics/sequential-looks.js';

export type { AnalysisInput, ArmActivity, ArmAggregates, ArmCase, StageTime } from './analysis/analysis-input.js';
export type { BinnedDurations } from './analysis/binned-durations.js';
export { BINNED_RELATIVE_ERROR, DURATION_BUCKETS_PER_DOUBLING, binDurations, durationBucketOf } from './analysis/binned-durations.js';
export { BOOTSTRAP_MAX_CASES } from './analysis/metric-comparison.js';
export type { ArmSummary, CandidateAnalysis, ExperimentAnalysis, MetricResult, AnalysisLook } from './analysis/analyze-experiment.js';
export { ANALYSIS_STAGES, analyzeExperiment } from './analysis/analyze-experiment.js';
export type { GuardrailCheck, GuardrailSpan } from './analysis/guardrail-check.js';
export { GUARDRAIL_MIN_CASES, checkGuardrailOnDays } from './analysis/guardrail-check.js';
export type { ArmDays } from './analysis/arm-days.js';
export { addEndedCase, emptyArmDays } from './analysis/arm-days.js';
export type { ActivityDifference } from './analysis/activity-differences.js';
export type { DurationFigure, MetricComparison, RateFigure } from './analysis/metric-comparison.js';
export type { StageArmFigure, StageBreakdown } from './analysis/stage-breakdown.js';
export type { GuardrailScenario, GuardrailOperatingCharacteristics } from './operating-characteristics/guardrail-looks.js';
export { guardrailOperatingCharacteristics } from './operating-characteristics/guardrail-looks.js';
