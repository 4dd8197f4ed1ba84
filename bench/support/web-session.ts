/**
 * A browser signed in to the web app without its log-in page: a log-in of its own, whose refresh
 * cookie is put in the browser context before the first page loads (Playwright's storageState);
 * the app then gets its access token from that cookie, as after a reload. Each context gets a
 * log-in of its own, since one refresh cookie used in two places looks stolen to the engine.
 * Tests of the log-in page itself sign in through the form instead.
 */
import { createUser, type EngineProcess } from './engine-process.js';

/** The designer the browser tests and the web benchmark work as. */
export const DESIGNER = { username: 'dora', password: 'dora-designer-password' } as const;

export interface WebCredentials {
  username: string;
  password: string;
}

/** A log-in's answer (its access token works as a bearer token for API calls), and who signed in. */
export interface WebSession {
  token: string;
  expiresAt: string;
  user: { name: string; displayName: string | null; roles: string[]; groups: string[] };
  credentials: WebCredentials;
}

/** POST /api/auth/login at the engine API (`<origin>/api`): the answer, and the refresh cookie it sets. */
const logIn = async (apiUrl: string, credentials: WebCredentials): Promise<{ body: Omit<WebSession, 'credentials'>; setCookie: string }> => {
  const response = await fetch(`${apiUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (!response.ok) throw new Error(`log-in of ${credentials.username} failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('tandem_refresh='));
  if (setCookie === undefined) throw new Error(`log-in of ${credentials.username} set no refresh cookie`);
  return { body: (await response.json()) as Omit<WebSession, 'credentials'>, setCookie };
};

/** The session of a user who exists, signed in at the engine API (`<origin>/api`). */
export async function webSession(apiUrl: string, credentials: WebCredentials): Promise<WebSession> {
  return { ...(await logIn(apiUrl, credentials)).body, credentials };
}

/** Creates the designer (once per database) and answers their session. */
export async function designerSession(engine: EngineProcess): Promise<WebSession> {
  await createUser(engine, { ...DESIGNER, roles: ['designer'] });
  return webSession(engine.baseUrl, DESIGNER);
}

/**
 * `browser.newContext({ storageState: await signedInState(baseUrl, session) })`: every page of the
 * context starts signed in as the session's user, through a refresh cookie of a new log-in, set
 * with the attributes the engine gave it.
 */
export async function signedInState(baseUrl: string, session: WebSession) {
  const { setCookie } = await logIn(`${baseUrl}/api`, session.credentials);
  const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
  const attribute = (name: string) => attributes.find((part) => part.toLowerCase().startsWith(`${name.toLowerCase()}=`))?.split('=')[1];
  const has = (name: string) => attributes.some((part) => part.toLowerCase() === name.toLowerCase());
  const separator = pair.indexOf('=');
  return {
    cookies: [
      {
        name: pair.slice(0, separator),
        value: pair.slice(separator + 1),
        domain: new URL(baseUrl).hostname,
        path: attribute('Path') ?? '/',
        expires: Date.parse(attribute('Expires') ?? '') / 1000,
        httpOnly: has('HttpOnly'),
        secure: has('Secure'),
        sameSite: (attribute('SameSite') ?? 'Lax') as 'Strict' | 'Lax' | 'None',
      },
    ],
    origins: [],
  };
}
