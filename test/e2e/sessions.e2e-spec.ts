import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import request, { type Response } from 'supertest';
import { DataSource } from 'typeorm';
import { DEFAULT_APP_CONFIG } from '../../apps/engine/src/common/config.js';
import { createTestApp, TEST_ADMIN, TEST_PASSWORD, TEST_START, type TestApp } from './support/test-app.js';

const COOKIE = 'tandem_refresh';
const MINUTE_MS = 60_000;

interface Signed {
  token: string;
  /** The refresh cookie as the browser would send it back: `tandem_refresh=<value>`. */
  cookie: string;
}

/** The refresh cookie an answer sets, with its attributes; undefined when it sets none. */
const setCookieOf = (response: Response): string | undefined => ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((line) => line.startsWith(`${COOKIE}=`));

const signedOf = (response: Response): Signed => {
  const line = setCookieOf(response);
  if (response.status !== 200 || line === undefined) throw new Error(`no session: ${response.status} ${JSON.stringify(response.body)}`);
  return { token: response.body.token as string, cookie: line.split(';')[0] };
};

describe('sessions', () => {
  let sut: TestApp;

  const login = (username: string, password = TEST_PASSWORD) => request(sut.anonymousServer).post('/api/auth/login').send({ username, password });
  const signIn = async (username: string) => signedOf(await login(username));
  // The cookie is sent by hand: supertest's agent would not send a Secure cookie over plain HTTP.
  const refresh = (cookie?: string) =>
    request(sut.anonymousServer)
      .post('/api/auth/refresh')
      .set(cookie === undefined ? {} : { Cookie: cookie });
  const logout = (headers: Record<string, string>) => request(sut.anonymousServer).post('/api/auth/logout').set(headers);
  const me = (token: string) => request(sut.anonymousServer).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const answer = (response: Response) => `${response.status} ${response.body.code}: ${response.body.message}`;
  const userId = async (username: string) =>
    ((await request(sut.server).get('/api/users').expect(200)).body as Array<{ id: string; username: string }>).find((user) => user.username === username)!.id;
  const change = async (username: string, changes: Record<string, unknown>) =>
    request(sut.server)
      .patch(`/api/users/${await userId(username)}`)
      .send(changes)
      .expect(200);

  beforeAll(async () => {
    sut = await createTestApp({ auth: { ...DEFAULT_APP_CONFIG.auth, initialAdmin: TEST_ADMIN, loginMaxFailures: 3 } });
    for (const username of ['ana', 'ben', 'cy', 'dee', 'eli', 'fay', 'gus']) await sut.signIn(username, { roles: ['agent', 'analyst'], groups: ['first-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe('log-in', () => {
    it('answers a short-lived access token and sets the refresh token in an HttpOnly, Secure, SameSite=Strict cookie for /api/auth only', async () => {
      // when ana signs in
      const before = Date.now();
      const response = await login('ana');
      // then the access token lives for the configured 15 minutes
      expect(response.status).toBe(200);
      expect(Math.abs(Date.parse(response.body.expiresAt) - before - 15 * MINUTE_MS)).toBeLessThan(MINUTE_MS);
      // and the refresh token is in a cookie scripts cannot read, sent only over HTTPS, only to /api/auth, never from another site
      const attributes = setCookieOf(response)!
        .split(';')
        .map((part) => part.trim());
      expect(attributes[0]).toMatch(new RegExp(`^${COOKIE}=[0-9a-f-]{36}\\.[\\w-]{43}$`));
      expect(attributes.slice(1).sort()).toEqual(
        [
          'Path=/api/auth',
          `Expires=${new Date(sut.clock.now().getTime() + DEFAULT_APP_CONFIG.auth.sessionMaxMinutes * MINUTE_MS).toUTCString()}`,
          'HttpOnly',
          'Secure',
          'SameSite=Strict',
        ].sort(),
      );
      // and the session keeps only the refresh token's hash
      const rows: Array<{ refresh_hash: string }> = await sut.app.get(DataSource).query('SELECT refresh_hash FROM auth_session');
      expect(JSON.stringify(rows)).not.toContain(attributes[0].split('=')[1].split('.')[1]);
    });

    it('answers a disabled account exactly as a wrong password, whatever the password, and counts both as failures', async () => {
      // given gus is disabled
      await change('gus', { disabled: true });
      // when he signs in with his password, and with a wrong one
      const right = await login('gus');
      const wrong = await login('gus', 'a-guess');
      // then both answers are the same, status, code and message, and neither sets a cookie
      expect(right.status).toBe(401);
      expect(right.body).toEqual({ statusCode: 401, code: 'LOGIN_FAILED', message: 'Unknown username or wrong password' });
      expect(wrong.body).toEqual(right.body);
      expect([setCookieOf(right), setCookieOf(wrong)]).toEqual([undefined, undefined]);
      // and the throttle counted both: the third try is refused as throttled
      await login('gus');
      expect((await login('gus')).body.code).toBe('LOGIN_THROTTLED');
    });
  });

  describe('refresh', () => {
    it('gives a new access token and replaces the cookie; presenting a replaced cookie again ends the session for everyone', async () => {
      // given ben's session
      const first = await signIn('ben');
      // when the browser refreshes with the cookie
      const rotated = await refresh(first.cookie);
      // then it gets a new access token that works, and a new cookie
      const second = signedOf(rotated);
      expect(second.cookie).not.toBe(first.cookie);
      expect((await me(second.token)).body.name).toBe('ben');
      expect(rotated.body.user).toEqual(expect.objectContaining({ name: 'ben', roles: ['agent', 'analyst'] }));
      // when a thief replays the first cookie
      const replayed = await refresh(first.cookie);
      // then it is refused, and the session is ended: the legitimate cookie and both access tokens too
      expect(answer(replayed)).toBe('401 AUTHENTICATION_FAILED: This session cookie was used before, so someone else may hold it: the session is ended, sign in again');
      expect(answer(await refresh(second.cookie))).toMatch(/^401 AUTHENTICATION_FAILED: The session has ended/);
      expect(answer(await me(second.token))).toMatch(/^401 AUTHENTICATION_FAILED: The session of this token has ended/);
      expect((await me(first.token)).status).toBe(401);
      // while another session of ben's is not touched
      expect((await me((await signIn('ben')).token)).status).toBe(200);
    });

    it('lets exactly one of ten simultaneous refreshes with one cookie through, and ends the session as reused', async () => {
      // given a session of ben's
      const session = await signIn('ben');
      // when ten refreshes present its cookie at once
      const answers = await Promise.all(Array.from({ length: 10 }, () => refresh(session.cookie)));
      // then one gets a new cookie; the other nine are refused: the first of them as a reuse, which ends the session, the rest as ended
      const winners = answers.filter(({ status }) => status === 200);
      const refused = answers.filter(({ status }) => status !== 200).map(answer);
      expect(winners).toHaveLength(1);
      expect(refused).toHaveLength(9);
      expect(refused.every((text) => text.startsWith('401 AUTHENTICATION_FAILED: '))).toBe(true);
      expect(refused.filter((text) => text.includes('This session cookie was used before'))).toHaveLength(1);
      // and the session is over, the winner's new cookie included
      expect((await refresh(signedOf(winners[0]).cookie)).status).toBe(401);
    });

    it('refuses a missing, a malformed and a made-up cookie', async () => {
      // given a real cookie's shape
      const { cookie } = await signIn('ben');
      const madeUp = cookie.replace(/\.[\w-]+$/, `.${'A'.repeat(43)}`).replace(/=[0-9a-f]{8}/, '=00000000');
      // when each is sent
      const answers = await Promise.all([refresh(), refresh(`${COOKIE}=not-a-token`), refresh(madeUp)]);
      // then none gets a token
      expect(answers.map(answer)).toEqual([
        '401 REFRESH_COOKIE_MISSING: No session cookie: sign in first (POST /api/auth/login)',
        '401 AUTHENTICATION_FAILED: The session has ended (signed out, expired, or the account changed): sign in again',
        '401 AUTHENTICATION_FAILED: The session has ended (signed out, expired, or the account changed): sign in again',
      ]);
    });

    it('ends a session left idle for 12 hours, and any session 7 days after its log-in however often it was refreshed', async () => {
      // given two sessions of cy's
      const idle = await signIn('cy');
      let busy = await signIn('cy');
      // when one is refreshed every 11 hours and the other is left alone
      let refused: Response | undefined;
      for (let hours = 11; hours <= 7 * 24 + 11 && refused === undefined; hours += 11) {
        sut.clock.advance(11 * 60 * MINUTE_MS);
        const response = await refresh(busy.cookie);
        if (response.status === 200) busy = signedOf(response);
        else refused = response;
        if (hours === 22) expect((await refresh(idle.cookie)).status).toBe(401);
      }
      // then the busy one ends only past its 7 days
      expect(answer(refused!)).toMatch(/^401 AUTHENTICATION_FAILED: The session has ended/);
      expect(sut.clock.now().getTime()).toBeGreaterThan(TEST_START.getTime() + 7 * 24 * 60 * MINUTE_MS);
    });
  });

  describe('log-out', () => {
    it('ends the session: its access token and its cookie are refused from then on, the cookie is cleared, other sessions go on', async () => {
      // given two sessions of dee's
      const signedOut = await signIn('dee');
      const other = await signIn('dee');
      // when she signs out of one
      const response = await logout({ Authorization: `Bearer ${signedOut.token}`, Cookie: signedOut.cookie });
      // then the answer clears the cookie
      expect(response.status).toBe(204);
      expect(setCookieOf(response)).toMatch(/^tandem_refresh=; Path=\/api\/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict$/);
      // and that session's access token and cookie are refused
      expect(answer(await me(signedOut.token))).toMatch(/^401 AUTHENTICATION_FAILED: The session of this token has ended/);
      expect((await refresh(signedOut.cookie)).status).toBe(401);
      // while the other session works
      expect((await me(other.token)).status).toBe(200);
      expect((await refresh(other.cookie)).status).toBe(200);
    });

    it('answers 204 to a log-out with a malformed Authorization header, a forged token or a malformed cookie, and ends nothing', async () => {
      // given a session of dee's
      const live = await signIn('dee');
      const forged = `${live.token.slice(0, -4)}AAAA`;
      // when log-outs come with credentials that name no session
      const answers = await Promise.all([logout({ Authorization: 'Basic ZGVlOnB3' }), logout({ Authorization: `Bearer ${forged}` }), logout({ Cookie: `${COOKIE}=junk` })]);
      // then each answers 204, and her session goes on
      expect(answers.map(({ status }) => status)).toEqual([204, 204, 204]);
      expect((await me(live.token)).status).toBe(200);
      expect((await refresh(live.cookie)).status).toBe(200);
    });

    it('ends the session with the cookie alone, or with the access token alone, and answers 204 without either', async () => {
      // given two more sessions
      const byCookie = await signIn('dee');
      const byToken = await signIn('dee');
      // when one is ended with its cookie only, the other with its token only, and a third call sends nothing
      const answers = await Promise.all([logout({ Cookie: byCookie.cookie }), logout({ Authorization: `Bearer ${byToken.token}` }), logout({})]);
      // then all answer 204, and both sessions are over
      expect(answers.map(({ status }) => status)).toEqual([204, 204, 204]);
      expect([(await me(byCookie.token)).status, (await refresh(byToken.cookie)).status]).toEqual([401, 401]);
    });
  });

  describe('revocation when the account changes', () => {
    it('refuses every earlier token and cookie after a password change', async () => {
      // given eli's session
      const before = await signIn('eli');
      // when an admin sets a new password
      await change('eli', { password: 'a-brand-new-password' });
      // then the old access token and cookie are refused, and the new password opens a new session
      expect(answer(await me(before.token))).toMatch(/^401 AUTHENTICATION_FAILED: The session of this token has ended/);
      expect((await refresh(before.cookie)).status).toBe(401);
      expect((await login('eli')).status).toBe(401);
      expect((await me(signedOf(await login('eli', 'a-brand-new-password')).token)).status).toBe(200);
    });

    it('refuses earlier tokens after a disable, and still after the account is enabled again', async () => {
      // given fay's session
      const before = await signIn('fay');
      // when an admin disables her and enables her again
      await change('fay', { disabled: true });
      expect((await me(before.token)).status).toBe(401);
      await change('fay', { disabled: false });
      // then the old token and cookie stay dead, while a new log-in works
      expect(answer(await me(before.token))).toMatch(/^401 AUTHENTICATION_FAILED: The session of this token has ended/);
      expect((await refresh(before.cookie)).status).toBe(401);
      expect((await me((await signIn('fay')).token)).status).toBe(200);
    });

    it('refuses earlier tokens when a role is taken away, not when one is added or a group changes', async () => {
      // given ana's session
      const before = await signIn('ana');
      // when an admin adds a role and changes her groups
      await change('ana', { roles: ['agent', 'analyst', 'designer'], groups: [] });
      // then her token goes on, with the new role
      expect((await me(before.token)).body.roles).toEqual(['agent', 'analyst', 'designer']);
      // when a role is taken away
      await change('ana', { roles: ['agent', 'designer'] });
      // then the token and cookie of before are refused
      expect(answer(await me(before.token))).toMatch(/^401 AUTHENTICATION_FAILED: The session of this token has ended/);
      expect((await refresh(before.cookie)).status).toBe(401);
    });
  });

  describe('forged access tokens', () => {
    it('refuses a token signed with the real secret but without exp, without a version or without a session, each with 401', async () => {
      // given the engine's own secret, and ana's real claims
      const [{ secret }] = (await sut.app.get(DataSource).query('SELECT secret FROM auth_secret')) as Array<{ secret: string }>;
      const signer = new JwtService({ secret });
      const real = await signIn('ana');
      const claims = signer.decode<{ sub: string; username: string; ver: number; sid: string }>(real.token);
      const { sub, username, ver, sid } = claims;
      const forged = {
        noExp: signer.sign({ sub, username, ver, sid }, { issuer: 'tandem' }),
        noVersion: signer.sign({ sub, username, sid }, { issuer: 'tandem', expiresIn: 600 }),
        noSession: signer.sign({ sub, username, ver }, { issuer: 'tandem', expiresIn: 600 }),
        otherSession: signer.sign({ sub, username, ver, sid: '00000000-0000-4000-8000-000000000000' }, { issuer: 'tandem', expiresIn: 600 }),
      };
      // when each is sent
      const answers = await Promise.all(Object.values(forged).map(me));
      // then none gets in, while the same claims with exp do
      expect(answers.map(answer)).toEqual([
        '401 AUTHENTICATION_FAILED: The token is not valid',
        '401 AUTHENTICATION_FAILED: The token is not valid',
        '401 AUTHENTICATION_FAILED: The token is not valid',
        '401 AUTHENTICATION_FAILED: The session of this token has ended (signed out, or the password or roles changed): sign in again',
      ]);
      expect((await me(signer.sign({ sub, username, ver, sid }, { issuer: 'tandem', expiresIn: 600 }))).status).toBe(200);
    });
  });
});
