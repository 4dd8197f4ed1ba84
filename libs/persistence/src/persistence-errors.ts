/** Domain error codes raised by the persistence layer (mapped to HTTP in apps/engine/src/common). */
export const PERSISTENCE_ERRORS = {
  /** Another command changed the instance since it was loaded: 409, nothing was written. */
  revisionConflict: 'REVISION_CONFLICT',
  /** A message with that `messageId` was published before (and is still remembered): 409, nothing was written. */
  messageIdTaken: 'MESSAGE_ID_TAKEN',
  /** The buffered message was taken by another subscription, or has expired: 409, nothing was written. */
  messageNotBuffered: 'MESSAGE_NOT_BUFFERED',
} as const;
