/** Domain error codes of forms (mapped to HTTP by the engine app). */
export const FORM_ERRORS = {
  /** Submitted variables do not fit the task's form: 400, `details.problems` = `[{ field, problem }]`. */
  invalid: 'FORM_INVALID',
  /** A `.form` file, or an embedded `tandem:form`, is not a form-js schema: 422 with the problems. */
  schemaInvalid: 'FORM_SCHEMA_INVALID',
  /** A `.form` file is not JSON: 400. */
  malformed: 'FORM_MALFORMED',
  /** A form version that does not exist, or a task without a form: 404. */
  notFound: 'FORM_NOT_FOUND',
} as const;
