/** Domain error codes raised by the persistence layer (mapped to HTTP in apps/engine/src/common). */
export const PERSISTENCE_ERRORS = {
  /** Another command changed the instance since it was loaded: 409, nothing was written. */
  revisionConflict: 'REVISION_CONFLICT',
} as const;
