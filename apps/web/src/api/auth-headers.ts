/**
 * The signed-in session and the headers every API request carries. The access token is kept in
 * memory only, never in localStorage or sessionStorage, where any script on the page could read
 * it; the refresh token is in the HttpOnly cookie the engine sets, which scripts cannot read. A
 * reload or a new tab gets a fresh access token from that cookie (POST /api/auth/refresh).
 */
import type { SessionView as Session } from '#api-types';

/** The engine's login answer (libs/api-types), kept as it came. */
export type { Session };

/** How long before the access token expires it is renewed. */
const RENEW_BEFORE_MS = 60_000;
/** The fewest milliseconds between two renewals, should a clock be off. */
const MIN_RENEW_DELAY_MS = 5_000;

let session: Session | null = null;
let renewal: ReturnType<typeof setTimeout> | undefined;

/** The session of this page, unless there is none or its token has expired. */
export const currentSession = (): Session | null => (session !== null && Date.parse(session.expiresAt) > Date.now() ? session : null);

/** Keeps the session and renews its token shortly before it expires, so a page left open stays signed in. */
export const startSession = (next: Session): void => {
  session = next;
  clearTimeout(renewal);
  renewal = setTimeout(() => void resumeSession(), Math.max(MIN_RENEW_DELAY_MS, Date.parse(next.expiresAt) - Date.now() - RENEW_BEFORE_MS));
};

export const clearSession = (): void => {
  session = null;
  clearTimeout(renewal);
};

export const authHeaders = (): Record<string, string> => {
  const current = currentSession();
  return current === null ? {} : { authorization: `Bearer ${current.token}` };
};

let refreshing: Promise<Session | null> | undefined;

/**
 * A new access token from the refresh cookie (which the engine replaces), or null when the session
 * has ended. Tabs take turns through a Web Lock: two tabs presenting one cookie at once would look
 * like a stolen cookie to the engine, which then ends the session.
 */
export const resumeSession = (): Promise<Session | null> => {
  const refresh = async (): Promise<Session | null> => {
    const response = await fetch('api/auth/refresh', { method: 'POST', headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const next = (await response.json()) as Session;
    startSession(next);
    return next;
  };
  refreshing ??= (navigator.locks === undefined ? refresh() : navigator.locks.request('tandem.session-refresh', refresh))
    .catch(() => null)
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
};

let signInAgain: (() => Promise<void>) | undefined;

/** What to do when the session has ended for good (revoked, expired): the app shows its log-in page. */
export const onSignInNeeded = (handler: () => Promise<void>): void => {
  signInAgain = handler;
};

/**
 * After a 401: a fresh token from the refresh cookie, or else the log-in page; once for every
 * request that meets a 401 at the same time. False when there is no way to sign in again.
 */
let pending: Promise<void> | undefined;
export const signInNeeded = async (): Promise<boolean> => {
  if (signInAgain === undefined) return false;
  clearSession();
  pending ??= resumeSession()
    .then(async (resumed) => {
      if (resumed === null) await signInAgain?.();
    })
    .finally(() => {
      pending = undefined;
    });
  await pending;
  return true;
};
