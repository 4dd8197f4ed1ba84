/** Domain error codes raised by the DMN reader (mapped to HTTP in apps/engine/src/error-status.ts). */
export const DMN_ERRORS = {
  /** The text is not well-formed XML: 400. */
  malformed: 'DMN_MALFORMED',
  /** Well-formed XML, but not a DMN 1.3 `definitions` document: 400. */
  notDmn: 'DMN_NOT_DMN',
  /** A DOCTYPE (entity declarations, external entities) is never needed in DMN and is refused: 400. */
  doctypeForbidden: 'DMN_DOCTYPE_FORBIDDEN',
  /** Nested deeper than any decision needs (a stack-exhaustion attempt): 400. */
  tooDeep: 'DMN_TOO_DEEP',
  /** The decisions parsed but have validation errors: 422 with the problem list. */
  invalid: 'DMN_INVALID',
} as const;
