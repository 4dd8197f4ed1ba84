/** Domain error codes of the analytics API. */
export const ANALYTICS_ERRORS = {
  /** A query parameter is missing, unknown or malformed (details: field): 400. */
  queryInvalid: 'ANALYTICS_QUERY_INVALID',
} as const;
