/** Domain error codes of the job table (the job runner handles them; they never reach HTTP). */
export const JOB_ERRORS = {
  /** The job is no longer held by the claiming process: its lease ran out, or it was replaced or removed. */
  jobNotHeld: 'JOB_NOT_HELD',
} as const;
