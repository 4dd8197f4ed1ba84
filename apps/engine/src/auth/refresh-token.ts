import { randomBytes } from 'node:crypto';

/** The refresh token's cookie: sent only to /api/auth, only over HTTPS (or localhost), never to scripts. */
export const REFRESH_COOKIE = 'tandem_refresh';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET = /^[\w-]{43}$/;

/**
 * `<session id>.<256 random bits>`: the session id finds the row, the secret must be the one last
 * handed out. A known session with another secret is an old token presented again.
 */
export const newRefreshToken = (sessionId: string): string => `${sessionId}.${randomBytes(32).toString('base64url')}`;

/** The session a refresh token names, or null when it is not one. */
export const sessionIdOf = (refreshToken: string): string | null => {
  const [sessionId, secret, ...rest] = refreshToken.split('.');
  return rest.length === 0 && UUID.test(sessionId) && secret !== undefined && SECRET.test(secret) ? sessionId : null;
};
