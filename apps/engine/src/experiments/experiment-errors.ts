/** Domain error codes of the experiments API (the lib's own codes are in #experiments). */
export const EXPERIMENTS_API_ERRORS = {
  notFound: 'EXPERIMENT_NOT_FOUND',
  /** Another experiment of the process key is running or paused (details: processKey, experimentId): 409. */
  alreadyRunning: 'EXPERIMENT_ALREADY_RUNNING',
  /** A started experiment keeps its definition; only the plan may change (details: state, fields): 409. */
  definitionFixed: 'EXPERIMENT_DEFINITION_FIXED',
  /** Someone else changed the experiment's state meanwhile (details: state): 409. */
  stateChanged: 'EXPERIMENT_STATE_CHANGED',
  /** A draft has no cases to analyse (details: state): 409. */
  notStarted: 'EXPERIMENT_NOT_STARTED',
  /** Running cases are offered a migration only once a winner is promoted (details: state): 409. */
  notPromoted: 'EXPERIMENT_NOT_PROMOTED',
} as const;
