/**
 * What an experiment's analysis reads: the routed cases with their per-case metric values and the
 * activity instances of the ended ones. The app derives these from the step ledger (with the
 * analytics lib's definitions); this lib only compares arms, so it needs no ledger of its own.
 */
import type { Experiment } from '../model/experiment.js';
import type { MetricKey } from '../model/metrics.js';
import type { AssignmentReason } from '../routing/assign-arm.js';
import type { BinnedDurations } from './binned-durations.js';

/** The time a case spent in one stage of the service process (inquiry, diagnosis, solution, follow-up). */
export interface StageTime {
  waitingMs: number;
  processingMs: number;
}

export interface ArmCase {
  instanceId: string;
  armId: string;
  /** why the router chose the arm, and the key its hash used (for the sample-ratio check) */
  reason: AssignmentReason;
  unitKey: string;
  /** epoch milliseconds */
  startedAt: number;
  endedAt: number | null;
  /**
   * Per metric: 1 or 0 for a rate (the case met it or not), milliseconds for a duration; null when
   * the metric does not apply to the case (e.g. no human step for the first-response SLA), absent
   * while the case runs.
   */
  values: Partial<Record<MetricKey, number | null>>;
  /** Ended cases: time per stage, summed over the case's activities. */
  stages: Readonly<Record<string, StageTime>>;
}

/** One ended activity instance of a routed case. */
export interface ArmActivity {
  armId: string;
  elementId: string;
  /** ready -> ended: waiting plus working */
  durationMs: number;
}

/**
 * Above the exact path's threshold (BOOTSTRAP_MAX_CASES ended cases in an arm) the database sums
 * what the per-case rows carried: the duration metrics as log-bucket counts, the stage times as
 * sums, the activities as log-bucket counts per element. The cases then carry no stages, and the
 * activities list is empty.
 */
export interface ArmAggregates {
  /** per arm id, per duration metric: the ended cases' values binned */
  durations: Readonly<Record<string, Partial<Record<MetricKey, BinnedDurations>>>>;
  /** per arm id, per stage: the sums over the arm's ended cases */
  stages: Readonly<Record<string, Readonly<Record<string, StageTime>>>>;
  /** per element id, per arm id: the ended activity instances' durations binned */
  activities: Readonly<Record<string, Readonly<Record<string, BinnedDurations>>>>;
}

export interface AnalysisInput {
  experiment: Experiment;
  /** epoch milliseconds: the analysis instant (the clock's now) */
  now: number;
  startedAt: number;
  stoppedAt: number | null;
  cases: readonly ArmCase[];
  activities: readonly ArmActivity[];
  /** Present above the exact path's threshold: the metrics, stages and activities from aggregates. */
  aggregates?: ArmAggregates;
  /** Plan violations the caller found in the data (e.g. a case run on a version not its arm's). */
  planViolations: readonly string[];
}
