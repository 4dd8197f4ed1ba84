/**
 * A browser signed in to the web app without its log-in page: the session the app keeps in
 * localStorage, put there before the first page loads (Playwright's storageState). Tests of the
 * log-in page itself sign in through the form instead.
 */
import { createUser, type EngineProcess } from './engine-process.js';

/** Where the web app keeps its session (apps/web/src/api/auth-headers.ts). */
export const WEB_SESSION_KEY = 'tandem.session';

/** The designer the browser tests and the web benchmark work as. */
export const DESIGNER = { username: 'dora', password: 'dora-designer-password' } as const;

export interface WebSession {
  token: string;
  expiresAt: string;
  user: { name: string; displayName: string | null; roles: string[]; groups: string[] };
}

/** Creates the designer (once per database) and answers their session, as POST /api/auth/login gives it. */
export async function designerSession(engine: EngineProcess): Promise<WebSession> {
  await createUser(engine, { ...DESIGNER, roles: ['designer'] });
  const response = await fetch(`${engine.baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DESIGNER) });
  if (!response.ok) throw new Error(`log-in of ${DESIGNER.username} failed: ${response.status}`);
  return (await response.json()) as WebSession;
}

/** `browser.newContext({ storageState: signedInState(baseUrl, session) })`: every page of the context starts signed in. */
export const signedInState = (baseUrl: string, session: WebSession) => ({
  cookies: [],
  origins: [{ origin: new URL(baseUrl).origin, localStorage: [{ name: WEB_SESSION_KEY, value: JSON.stringify(session) }] }],
});
