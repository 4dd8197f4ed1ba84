import type { ErrorCodeOf } from '#core';
import type { DMN_ERRORS } from './dmn/dmn-errors.js';
import type { FORM_ERRORS } from './forms/form-errors.js';

/** Domain error codes raised by libs/bpmn (mapped to HTTP in apps/engine/src/error-status.ts). */
export const BPMN_ERRORS = {
  /** The text is not well-formed XML: 400. */
  malformed: 'BPMN_MALFORMED',
  /** Well-formed XML, but not a BPMN 2.0 `definitions` document: 400. */
  notBpmn: 'BPMN_NOT_BPMN',
  /** A DOCTYPE (entity declarations, external entities) is never needed in BPMN and is refused: 400. */
  doctypeForbidden: 'BPMN_DOCTYPE_FORBIDDEN',
  /** Nested deeper than any model needs (a stack-exhaustion attempt): 400. */
  tooDeep: 'BPMN_TOO_DEEP',
  /** The model parsed but has validation errors: 422 with the problem list. */
  invalid: 'BPMN_INVALID',
} as const;

/** Every code libs/bpmn raises: the BPMN and DMN readers' and the forms'. */
export type BpmnErrorCode = ErrorCodeOf<typeof BPMN_ERRORS> | ErrorCodeOf<typeof DMN_ERRORS> | ErrorCodeOf<typeof FORM_ERRORS>;
