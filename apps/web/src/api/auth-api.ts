import { apiErrorOf } from './api-error.js';
import { authHeaders, type Session } from './auth-headers.js';
import { requestJson } from './http-client.js';

/** POST /api/auth/login: a wrong password, an unknown user or a disabled account throws an ApiError 401 LOGIN_FAILED. */
export const login = (username: string, password: string): Promise<Session> =>
  requestJson<Session>('auth/login', { method: 'POST', body: { username, password }, signInOnUnauthorized: false });

/** POST /api/auth/logout: ends the session, so neither its token nor its refresh cookie works any more (204, no body). */
export const logout = async (): Promise<void> => {
  const response = await fetch('api/auth/logout', { method: 'POST', headers: authHeaders() });
  if (!response.ok) throw await apiErrorOf(response);
};
