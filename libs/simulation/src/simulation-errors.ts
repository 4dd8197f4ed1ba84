import type { ErrorCodeOf } from '#core';

/** Domain error codes raised by libs/simulation (mapped to HTTP in apps/engine/src/error-status.ts). */
export const SIMULATION_ERRORS = {
  /** The parameters do not fit the model (details: problems, each naming its field): 422. */
  parametersInvalid: 'SIMULATION_PARAMETERS_INVALID',
  /** The engine refused a command the simulation sent: the model and the parameters do not fit (e.g. a gateway no branch leaves): 422. */
  engineRefused: 'SIMULATION_ENGINE_REFUSED',
  /** A task was re-queued (escalated) to groups no pool works: 422. */
  noPool: 'SIMULATION_NO_POOL',
  /**
   * A case ran more activities than any real case would: a loop the parameters never leave (e.g. a
   * gateway whose conditions read what an agent enters, with no branch shares given): 422.
   */
  runawayCase: 'SIMULATION_RUNAWAY_CASE',
} as const;

export type SimulationErrorCode = ErrorCodeOf<typeof SIMULATION_ERRORS>;
