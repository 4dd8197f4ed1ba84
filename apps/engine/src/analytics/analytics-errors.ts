/** Domain error codes of the analytics API. */
export const ANALYTICS_ERRORS = {
  /** A query parameter is missing, unknown or malformed (details: field): 400. */
  queryInvalid: 'ANALYTICS_QUERY_INVALID',
  /** A report that scans the ledger would read more cases than one request may (details: cases, limit): 422. */
  scopeTooLarge: 'ANALYTICS_SCOPE_TOO_LARGE',
} as const;
