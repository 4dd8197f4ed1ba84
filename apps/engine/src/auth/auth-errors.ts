/** Domain error codes of signing in and access control (mapped to HTTP in error-status.ts, beside app.module.ts). */
export const AUTH_ERRORS = {
  /** The request carries no credentials and the endpoint needs them: 401. */
  authenticationRequired: 'AUTHENTICATION_REQUIRED',
  /**
   * A malformed, badly signed or expired token, one without exp, one of an ended session (signed
   * out, password or roles changed), an unknown or revoked API key, a disabled user's token, or a
   * refresh cookie of an ended session or presented again after it was replaced: 401.
   */
  authenticationFailed: 'AUTHENTICATION_FAILED',
  /** Unknown username, wrong password or disabled account; which of them is not said: 401. */
  loginFailed: 'LOGIN_FAILED',
  /** POST /api/auth/refresh without the refresh cookie: no session to renew, sign in: 401. */
  refreshCookieMissing: 'REFRESH_COOKIE_MISSING',
  /** Too many failed log-ins for the username or from the address in the current window: 429 with Retry-After. */
  loginThrottled: 'LOGIN_THROTTLED',
  /** The caller has none of the roles the endpoint needs: 403. */
  accessDenied: 'ACCESS_DENIED',
  /** An agent reading or working a task that is neither assigned nor offered to them: 403. */
  taskNotCandidate: 'TASK_NOT_CANDIDATE',
  /** An agent reading a case (a task's form, history, comments, the case's task list) after their part in it ended: 403. */
  caseAccessEnded: 'CASE_ACCESS_ENDED',
  apiKeyNotFound: 'API_KEY_NOT_FOUND',
  /** GET /api/tasks/events without a valid ticket (missing, expired, of an ended session, or an access token given as one): 401. */
  eventTicketInvalid: 'EVENT_TICKET_INVALID',
} as const;
