import type { ErrorCodeOf } from '#core';
import type { JOB_ERRORS } from './jobs/job-errors.js';

/** Domain error codes raised by the persistence layer (mapped to HTTP in apps/engine/src/error-status.ts). */
export const PERSISTENCE_ERRORS = {
  /** Another command changed the instance since it was loaded: 409, nothing was written. */
  revisionConflict: 'REVISION_CONFLICT',
  /** A message with that `messageId` was published before (and is still remembered): 409, nothing was written. */
  messageIdTaken: 'MESSAGE_ID_TAKEN',
  /** The buffered message was taken by another subscription, or has expired: 409, nothing was written. */
  messageNotBuffered: 'MESSAGE_NOT_BUFFERED',
  /** A start of a process marked tandem:uniqueBusinessKey with a business key another case of it holds: 409, nothing written (details: processKey, businessKey, instanceId). */
  businessKeyTaken: 'BUSINESS_KEY_TAKEN',
  /** A request with the same Idempotency-Key is still running (or took the key over): 409 with Retry-After, nothing done. */
  idempotencyKeyInProgress: 'IDEMPOTENCY_KEY_IN_PROGRESS',
} as const;

/** Every code libs/persistence raises. */
export type PersistenceErrorCode = ErrorCodeOf<typeof PERSISTENCE_ERRORS> | ErrorCodeOf<typeof JOB_ERRORS>;
