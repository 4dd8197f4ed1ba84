/** Domain error codes of the Camunda 7 REST API (mapped to HTTP in error-status.ts, beside app.module.ts). */
export const CAMUNDA_REST_ERRORS = {
  /** A body or query in a shape Camunda 7 would not take either (a missing field, a wrong type, an unknown variable type): 400, naming the field. */
  invalidRequest: 'CAMUNDA_INVALID_REQUEST',
} as const;
