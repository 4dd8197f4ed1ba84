import type { Session } from './auth-headers.js';
import { requestJson } from './http-client.js';

/** POST /api/auth/login: a wrong password or unknown user throws an ApiError 401 LOGIN_FAILED. */
export const login = (username: string, password: string): Promise<Session> =>
  requestJson<Session>('auth/login', { method: 'POST', body: { username, password }, signInOnUnauthorized: false });
