/** Domain error codes of the simulations API (the lib's own are in #simulation). */
export const SIMULATIONS_API_ERRORS = {
  /** The version has no recorded cases to calibrate from (details: processVersionId): 422. */
  noHistory: 'SIMULATION_NO_HISTORY',
  /** A prediction asks for more simulated cases than one request may run (details: field, limit): 422. */
  tooLarge: 'SIMULATION_TOO_LARGE',
} as const;
