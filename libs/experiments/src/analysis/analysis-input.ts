/**
 * What an experiment's analysis reads: the routed cases with their per-case metric values and the
 * activity instances of the ended ones. The app derives these from the step ledger (with the
 * analytics lib's definitions); this lib only compares arms, so it needs no ledger of its own.
 */
import type { Experiment } from '../model/experiment.js';
import type { MetricKey } from '../model/metrics.js';
import type { AssignmentReason } from '../routing/assign-arm.js';

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

export interface AnalysisInput {
  experiment: Experiment;
  /** epoch milliseconds: the analysis instant (the clock's now) */
  now: number;
  startedAt: number;
  stoppedAt: number | null;
  cases: readonly ArmCase[];
  activities: readonly ArmActivity[];
  /** Plan violations the caller found in the data (e.g. a case run on a version not its arm's). */
  planViolations: readonly string[];
}
