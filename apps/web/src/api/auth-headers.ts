/**
 * The signed-in session and the headers every API request carries: the one place the token is
 * kept (localStorage, so a reload or a second tab stays signed in until the token expires).
 */
export interface Session {
  token: string;
  expiresAt: string;
  user: { name: string; displayName: string | null; roles: string[]; groups: string[] };
}

const STORAGE_KEY = 'tandem.session';

/** The stored session, unless there is none or its token has expired. */
export const currentSession = (): Session | null => {
  let session: Session | null = null;
  try {
    session = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
  } catch {
    // not ours, or damaged: as good as none
  }
  if (session === null || typeof session.token !== 'string' || !(Date.parse(session.expiresAt) > Date.now())) return null;
  return session;
};

export const saveSession = (session: Session): void => localStorage.setItem(STORAGE_KEY, JSON.stringify(session));

export const clearSession = (): void => localStorage.removeItem(STORAGE_KEY);

export const authHeaders = (): Record<string, string> => {
  const session = currentSession();
  return session === null ? {} : { authorization: `Bearer ${session.token}` };
};

let signInAgain: (() => Promise<void>) | undefined;

/** What to do when the engine answers 401 (the token expired or was revoked): the app shows its log-in page. */
export const onSignInNeeded = (handler: () => Promise<void>): void => {
  signInAgain = handler;
};

/** Runs the handler once for every request that meets a 401 at the same time; false when there is none. */
let pending: Promise<void> | undefined;
export const signInNeeded = async (): Promise<boolean> => {
  if (signInAgain === undefined) return false;
  clearSession();
  pending ??= signInAgain().finally(() => {
    pending = undefined;
  });
  await pending;
  return true;
};
