/** Domain error codes of the Idempotency-Key header (IDEMPOTENCY_KEY_IN_PROGRESS is the persistence layer's: a start's commit raises it too). */
export const IDEMPOTENCY_ERRORS = {
  /** The Idempotency-Key header is empty, longer than 255 characters or holds other than visible ASCII (details: header): 400. */
  keyInvalid: 'IDEMPOTENCY_KEY_INVALID',
  /** The key was used before by the same caller for another request (method, path or body; details: key): 422. */
  keyReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;
