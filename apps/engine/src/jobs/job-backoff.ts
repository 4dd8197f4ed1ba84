/** The longest wait between two attempts, however many failures came before. */
export const MAX_JOB_BACKOFF_MS = 60 * 60 * 1000;

export interface JobAttempts {
  /** Failed attempts, this one included. */
  failures: number;
  /** Attempts allowed before an incident. */
  maxAttempts: number;
  /** The wait after the first failure; it doubles with every further one. */
  backoffMs: number;
}

/** When a failed job is tried again (exponential back-off), or null when it has no attempt left. */
export const nextAttemptAt = ({ failures, maxAttempts, backoffMs }: JobAttempts, now: Date): Date | null => {
  if (failures >= maxAttempts) return null;
  // The exponent is bounded too, so a long retry budget never computes an unrepresentable wait.
  return new Date(now.getTime() + Math.min(backoffMs * 2 ** Math.min(failures - 1, 30), MAX_JOB_BACKOFF_MS));
};
