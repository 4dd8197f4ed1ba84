import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEFAULT_APP_CONFIG } from '../../apps/engine/src/common/config.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../apps/engine/src/users/demo-identity.js';
import { createTestApp, logIn, TEST_ADMIN, TEST_PASSWORD, type TestApp } from './support/test-app.js';

const login = (sut: TestApp, username: unknown, password: unknown) => request(sut.anonymousServer).post('/api/auth/login').send({ username, password });

const me = (sut: TestApp, headers: Record<string, string>) => request(sut.anonymousServer).get('/api/auth/me').set(headers);

describe('signing in', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe('with username and password', () => {
    it('answers an access token that expires after the configured time and says who signed in', async () => {
      // when ana signs in (the username in any case)
      const before = Date.now();
      const response = await login(sut, 'ANA', TEST_PASSWORD);
      // then she gets a bearer token valid for the configured minutes
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        token: expect.any(String),
        tokenType: 'Bearer',
        expiresAt: expect.any(String),
        user: {
          kind: 'user',
          id: expect.any(String),
          name: 'ana',
          displayName: null,
          roles: ['agent'],
          groups: ['first-line'],
          // what the role table lets an agent call, for the web app to show only those actions
          endpoints: expect.arrayContaining(['GET /api/tasks', 'POST /api/tasks/{id}/claim']),
        },
      });
      const lifetimeMs = Date.parse(response.body.expiresAt) - before;
      expect(Math.abs(lifetimeMs - DEFAULT_APP_CONFIG.auth.tokenTtlMinutes * 60_000)).toBeLessThan(60_000);
      // and the token says the same on GET /auth/me
      const who = await me(sut, { Authorization: `Bearer ${response.body.token}` });
      expect(who.status).toBe(200);
      expect(who.body).toEqual(response.body.user);
    });

    it('answers the same 401 for a wrong password and an unknown user, without saying which part was wrong', async () => {
      // when ana gives a wrong password, and someone signs in as a user who does not exist
      const wrongPassword = await login(sut, 'ana', 'not-her-password');
      const unknownUser = await login(sut, 'nobody', TEST_PASSWORD);
      // then both get the same answer
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({ statusCode: 401, code: 'LOGIN_FAILED', message: 'Unknown username or wrong password' });
      expect(unknownUser.body).toEqual(wrongPassword.body);
    });

    it('answers 400 naming the field when a field is missing or not text', async () => {
      // when the password is missing, and the username is a number
      const noPassword = await login(sut, 'ana', undefined);
      const numericName = await login(sut, 42, TEST_PASSWORD);
      // then each names its field
      expect(noPassword.status).toBe(400);
      expect(noPassword.body.message).toContain('password');
      expect(numericName.status).toBe(400);
      expect(numericName.body.message).toContain('username');
    });
  });

  describe('with a token', () => {
    it('refuses a request without credentials, a tampered, a foreign, an expired token and an unknown scheme, each with 401', async () => {
      // given ana's valid token, and tokens that are not
      const token = await logIn(sut.anonymousServer, 'ana', TEST_PASSWORD);
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string; username: string };
      const promoted = Buffer.from(JSON.stringify({ ...claims, sub: (await me(sut, { Authorization: `Bearer ${sut.adminToken}` })).body.id })).toString('base64url');
      const tampered = `${header}.${promoted}.${signature}`;
      const foreign = new JwtService({ secret: 'x'.repeat(48) }).sign({ sub: claims.sub, username: 'ana' }, { issuer: 'tandem' });
      const expired = sut.app.get(JwtService).sign({ sub: claims.sub, username: 'ana', iat: Math.floor(Date.now() / 1000) - 3600 }, { expiresIn: 60 });
      // when each is sent
      const answers = await Promise.all([
        me(sut, {}),
        me(sut, { Authorization: `Bearer ${tampered}` }),
        me(sut, { Authorization: `Bearer ${foreign}` }),
        me(sut, { Authorization: `Bearer ${expired}` }),
        me(sut, { Authorization: 'Digest username="ana"' }),
      ]);
      // then none gets in, and each is told why
      expect(answers.map(({ status, body }) => `${status} ${body.code}: ${body.message}`)).toEqual([
        expect.stringMatching(/^401 AUTHENTICATION_REQUIRED: Sign in first/),
        '401 AUTHENTICATION_FAILED: The token is not valid',
        '401 AUTHENTICATION_FAILED: The token is not valid',
        '401 AUTHENTICATION_FAILED: The token has expired: sign in again',
        '401 AUTHENTICATION_FAILED: The Authorization header must read "Bearer <token>", "ApiKey <key>" or "Basic <base64 of username:password>"',
      ]);
      // while the valid one is taken
      expect((await me(sut, { Authorization: `Bearer ${token}` })).body.name).toBe('ana');
    });

    it('stops a disabled user at once: the token is refused, and the right password answers as a wrong one', async () => {
      // given bo has signed in
      const bo = await sut.signIn('bo', { roles: ['analyst'] });
      const { id } = (await bo.get('/api/auth/me').expect(200)).body as { id: string };
      // when an admin disables bo
      await request(sut.server).patch(`/api/users/${id}`).send({ disabled: true }).expect(200);
      // then the token no longer works, and signing in again gets the answer of a wrong password (test/e2e/sessions.e2e-spec.ts)
      const refused = await bo.get('/api/auth/me');
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'AUTHENTICATION_FAILED' });
      const again = await login(sut, 'bo', TEST_PASSWORD);
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'LOGIN_FAILED' });
    });

    it('is signed with the secret kept in the database, so another engine on it accepts the token, unless it has a secret of its own', async () => {
      // given ana's token from this engine
      const token = await logIn(sut.anonymousServer, 'ana', TEST_PASSWORD);
      const stored = await sut.app.get(DataSource).query('SELECT secret FROM auth_secret');
      expect(stored).toEqual([{ secret: expect.stringMatching(/^[\w-]{64}$/) }]);
      // when a second engine on the same database, and a third with TANDEM_AUTH_SECRET set, are asked who she is
      const replica = await createTestApp({}, { database: sut.database });
      const configured = await createTestApp({ auth: { ...DEFAULT_APP_CONFIG.auth, initialAdmin: TEST_ADMIN, secret: 's'.repeat(40) } }, { database: sut.database });
      try {
        // then the replica knows her, the engine with its own secret does not
        expect((await me(replica, { Authorization: `Bearer ${token}` })).body.name).toBe('ana');
        expect((await me(configured, { Authorization: `Bearer ${token}` })).status).toBe(401);
        expect((await me(configured, { Authorization: `Bearer ${await logIn(configured.anonymousServer, 'ana', TEST_PASSWORD)}` })).status).toBe(200);
      } finally {
        await replica.close();
        await configured.close();
      }
    });
  });

  describe('with an API key', () => {
    it('shows a new key once, stores only its hash, takes it in either header until it is revoked', async () => {
      // when an admin creates a key for the CRM worker
      const created = await request(sut.server).post('/api/api-keys').send({ name: 'crm-worker' });
      // then the key is in the answer, and only there
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'crm-worker',
        prefix: created.body.key.slice(0, 10),
        key: expect.stringMatching(/^tdk_[\w-]{43}$/),
        createdBy: TEST_ADMIN.username,
        createdAt: expect.any(String),
        revokedAt: null,
      });
      const listed = (await request(sut.server).get('/api/api-keys').expect(200)).body as Array<Record<string, unknown>>;
      expect(listed.find((key) => key.id === created.body.id)).toEqual({ ...created.body, key: undefined });
      const rows: Array<Record<string, unknown>> = await sut.app.get(DataSource).query('SELECT * FROM api_key WHERE id = $1', [created.body.id]);
      expect(JSON.stringify(rows)).not.toContain(created.body.key);

      // when the worker calls with it, in X-API-Key and in Authorization
      const byHeader = await me(sut, { 'X-API-Key': created.body.key });
      const byScheme = await request(sut.anonymousServer)
        .post('/api/external-tasks/fetch-and-lock')
        .set('Authorization', `ApiKey ${created.body.key}`)
        .send({ workerId: 'crm-1', maxTasks: 1, topics: [{ name: 'crm-sync', lockDurationMs: 1000 }] });
      // then it is the worker, and may fetch work
      expect(byHeader.body).toEqual({
        kind: 'apiKey',
        id: created.body.id,
        name: 'crm-worker',
        displayName: null,
        roles: ['worker'],
        groups: [],
        endpoints: expect.arrayContaining(['POST /api/external-tasks/fetch-and-lock']),
      });
      expect(byScheme.status).toBe(200);

      // when the key is revoked, then it is refused; an unknown key too
      await request(sut.server).delete(`/api/api-keys/${created.body.id}`).expect(200);
      expect((await me(sut, { 'X-API-Key': created.body.key })).body).toEqual(
        expect.objectContaining({ statusCode: 401, code: 'AUTHENTICATION_FAILED', message: 'The API key is unknown or revoked' }),
      );
      expect((await me(sut, { 'X-API-Key': 'tdk_made-up' })).status).toBe(401);
      // and revoking an unknown key is 404
      expect((await request(sut.server).delete('/api/api-keys/00000000-0000-4000-8000-000000000000')).body.code).toBe('API_KEY_NOT_FOUND');
    });
  });

  describe('passwords at rest', () => {
    it('keeps argon2id hashes only', async () => {
      // when the stored users are read
      const rows: Array<{ username: string; password_hash: string }> = await sut.app.get(DataSource).query('SELECT username, password_hash FROM identity_user');
      // then every password is an argon2id hash that does not contain it
      for (const row of rows) {
        expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        expect(row.password_hash).not.toContain(TEST_PASSWORD);
      }
    });
  });
});

describe('the users who exist from the start', () => {
  it('has only the configured admin on a database that is not the embedded one', async () => {
    // given an engine started like one on an external database (no demo users), with an admin configured
    const sut = await createTestApp();
    try {
      // then the admin may sign in, and no demo user exists
      expect((await login(sut, TEST_ADMIN.username, TEST_ADMIN.password)).status).toBe(200);
      expect((await login(sut, 'ana', DEMO_PASSWORD)).status).toBe(401);
      const users = (await request(sut.server).get('/api/users').expect(200)).body as Array<{ username: string }>;
      expect(users.map(({ username }) => username)).toEqual([TEST_ADMIN.username]);
    } finally {
      await sut.close();
    }
  });

  it('seeds the demo tiers and one user per role on the embedded database, once, and leaves changes alone on the next start', async () => {
    // given an engine started as on the embedded database
    const demo = { auth: { ...DEFAULT_APP_CONFIG.auth, demoUsers: true, initialAdmin: TEST_ADMIN } };
    const first = await createTestApp(demo);
    try {
      // then every demo user signs in with the documented password, with their role and tier
      for (const user of DEMO_USERS) {
        const session = await login(first, user.username, DEMO_PASSWORD);
        expect({ name: session.body.user?.name, roles: session.body.user?.roles, groups: session.body.user?.groups }).toEqual({
          name: user.username,
          roles: user.roles,
          groups: user.groups,
        });
      }
      const groups = (await request(first.server).get('/api/groups').expect(200)).body as Array<{ id: string; tier: number | null; members: string[] }>;
      expect(groups.map(({ id, tier, members }) => ({ id, tier, members }))).toEqual([
        { id: 'first-line', tier: 1, members: ['ana'] },
        { id: 'second-line', tier: 2, members: ['ben'] },
        { id: 'experts', tier: 3, members: ['eva'] },
        { id: 'supervisors', tier: null, members: ['ben'] },
      ]);

      // when an admin changes ana's password, and the engine starts again on the same database
      const ana = ((await request(first.server).get('/api/users').expect(200)).body as Array<{ id: string; username: string }>).find(({ username }) => username === 'ana')!;
      await request(first.server).patch(`/api/users/${ana.id}`).send({ password: 'anas-own-password' }).expect(200);
      const second = await createTestApp(demo, { database: first.database });
      try {
        // then nothing was seeded twice, and ana's own password stands
        expect((await request(second.server).get('/api/users').expect(200)).headers['x-total-count']).toBe(String(DEMO_USERS.length + 1));
        expect((await login(second, 'ana', DEMO_PASSWORD)).status).toBe(401);
        expect((await login(second, 'ana', 'anas-own-password')).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});

describe('log-in throttling', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ auth: { ...DEFAULT_APP_CONFIG.auth, initialAdmin: TEST_ADMIN, loginMaxFailures: 3, loginMaxFailuresPerAddress: 6, loginWindowMinutes: 15 } });
    await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    await sut.signIn('ben', { roles: ['agent'], groups: ['second-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('refuses a username with 429 and Retry-After once its failures reach the limit, even with the right password, until the window ends', async () => {
    // given three wrong passwords for ana (the username in another case once)
    for (const username of ['ana', 'ANA', 'ana']) expect((await login(sut, username, 'guess')).status).toBe(401);
    // when ana then gives the right password
    const refused = await login(sut, 'ana', TEST_PASSWORD);
    // then she is refused for the rest of the window, and told when to come back
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('LOGIN_THROTTLED');
    expect(refused.body.message).toBe('Too many failed log-ins for this username: try again in 900 s');
    expect(refused.headers['retry-after']).toBe('900');
    // and another user is not affected
    expect((await login(sut, 'ben', TEST_PASSWORD)).status).toBe(200);
    // when the window has passed
    sut.clock.advance(15 * 60_000 + 1);
    // then ana signs in, which clears her count
    expect((await login(sut, 'ana', TEST_PASSWORD)).status).toBe(200);
    expect((await login(sut, 'ana', 'guess')).status).toBe(401);
    expect((await login(sut, 'ana', TEST_PASSWORD)).status).toBe(200);
  });

  it('refuses an address that tries many usernames, whatever the username', async () => {
    // given a fresh window, and six failures from one address over six made-up usernames
    sut.clock.advance(15 * 60_000 + 1);
    for (let attempt = 0; attempt < 6; attempt += 1) expect((await login(sut, `someone-${attempt}`, 'guess')).status).toBe(401);
    // when a real user signs in from that address
    const refused = await login(sut, 'ben', TEST_PASSWORD);
    // then the address is refused
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^Too many failed log-ins for this address: try again in \d+ s$/);
  });
});

describe('log-in throttling behind a load balancer', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({
      trustProxy: 1,
      auth: { ...DEFAULT_APP_CONFIG.auth, initialAdmin: TEST_ADMIN, loginMaxFailures: 100, loginMaxFailuresPerAddress: 2, loginWindowMinutes: 15 },
    });
    await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('counts failures by the client address the proxy forwards, not by the proxy', async () => {
    const from = (address: string, password: string) => request(sut.anonymousServer).post('/api/auth/login').set('X-Forwarded-For', address).send({ username: 'ana', password });
    // given two failures from one client behind the proxy
    expect((await from('203.0.113.7', 'guess')).status).toBe(401);
    expect((await from('203.0.113.7', 'guess')).status).toBe(401);
    // then that client is refused, while another client through the same proxy signs in
    expect((await from('203.0.113.7', TEST_PASSWORD)).status).toBe(429);
    expect((await from('198.51.100.4', TEST_PASSWORD)).status).toBe(200);
  });
});
