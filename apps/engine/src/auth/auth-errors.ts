/** Domain error codes of signing in and access control (mapped to HTTP in common/error-status.ts). */
export const AUTH_ERRORS = {
  /** The request carries no credentials and the endpoint needs them: 401. */
  authenticationRequired: 'AUTHENTICATION_REQUIRED',
  /** A malformed, badly signed or expired token, an unknown or revoked API key, or a disabled user's token: 401. */
  authenticationFailed: 'AUTHENTICATION_FAILED',
  /** Unknown username or wrong password; which of the two is not said: 401. */
  loginFailed: 'LOGIN_FAILED',
  /** Too many failed log-ins for the username or from the address in the current window: 429 with Retry-After. */
  loginThrottled: 'LOGIN_THROTTLED',
  /** The right password for an account an admin has disabled: 403. */
  accountDisabled: 'ACCOUNT_DISABLED',
  /** The caller has none of the roles the endpoint needs: 403. */
  accessDenied: 'ACCESS_DENIED',
  /** An agent reading or working a task that is neither assigned nor offered to them: 403. */
  taskNotCandidate: 'TASK_NOT_CANDIDATE',
  /** An agent reading a case (a task's form, history, comments, the case's task list) after their part in it ended: 403. */
  caseAccessEnded: 'CASE_ACCESS_ENDED',
  apiKeyNotFound: 'API_KEY_NOT_FOUND',
} as const;
