/** Domain error codes of the KPI baselines and targets. */
export const KPI_TARGET_ERRORS = {
  /** The body names an unknown KPI, or a baseline/target that is not a number (details: field): 400. */
  invalid: 'KPI_TARGETS_INVALID',
} as const;
