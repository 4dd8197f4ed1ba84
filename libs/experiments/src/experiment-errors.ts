import type { ErrorCodeOf } from '#core';

/** Domain error codes raised by libs/experiments (mapped to HTTP in apps/engine/src/error-status.ts). */
export const EXPERIMENT_ERRORS = {
  /** The definition has problems (details: problems, each naming its field): 422. */
  invalid: 'EXPERIMENT_INVALID',
  /** The experiment's state does not allow the action or plan change (details: state): 409. */
  transitionInvalid: 'EXPERIMENT_TRANSITION_INVALID',
  /** A promote names no arm of the experiment (details: field): 422. */
  winnerUnknown: 'EXPERIMENT_WINNER_UNKNOWN',
  /** An arm paused or resumed is not a candidate arm (details: field armId): 422. */
  armNotCandidate: 'EXPERIMENT_ARM_NOT_CANDIDATE',
  /** The experiment routes no cases (not running, or no baseline arm): 409. */
  notRouting: 'EXPERIMENT_NOT_ROUTING',
  /** Input a statistic cannot be computed from (empty arm, count above total, ...; details: field): 422. */
  statisticsInputInvalid: 'STATISTICS_INPUT_INVALID',
} as const;

export type ExperimentErrorCode = ErrorCodeOf<typeof EXPERIMENT_ERRORS>;
