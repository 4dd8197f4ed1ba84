import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request, { type Agent } from 'supertest';
import type { UserRole } from '#persistence';
import { configureApp } from '../../../apps/engine/src/app-setup.js';
import { AppModule } from '../../../apps/engine/src/app.module.js';
import { DEFAULT_APP_CONFIG, type AppConfig } from '../../../apps/engine/src/common/config.js';
import { CLOCK } from '../../../apps/engine/src/common/engine-ports.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TestClock } from './test-clock.js';

export interface TestApp {
  app: NestExpressApplication;
  /**
   * The HTTP server, signed in as TEST_ADMIN: a request without credentials of its own carries
   * the admin's token. For tests about what the engine does rather than who may do it.
   */
  server: Server;
  /** The same app with no credentials added: what a caller who has not signed in gets. */
  anonymousServer: Server;
  /** TEST_ADMIN's log-in token. */
  adminToken: string;
  /**
   * A client signed in as this user, whom it creates on first use (an admin unless `access` says
   * otherwise, with any group it names created too); the actor the engine records is the username.
   */
  signIn(username: string, access?: TestUserAccess): Promise<Agent>;
  clock: TestClock;
  database: TestDatabase;
  /** Stops the app and drops its database (unless the database was passed in). */
  close(): Promise<void>;
}

export interface TestUserAccess {
  roles?: UserRole[];
  groups?: string[];
}

/** Created at start through the same setting as TANDEM_ADMIN_USERNAME/TANDEM_ADMIN_PASSWORD. */
export const TEST_ADMIN = { username: 'test-admin', password: 'test-admin-password' } as const;

/** The password of every user signIn creates. */
export const TEST_PASSWORD = 'test-user-password';

export interface TestAppOptions {
  /** Run on this database instead of a fresh one: a restarted engine, or a second replica. */
  database?: TestDatabase;
  startAt?: Date;
}

/** Ten years. */
const SESSION_FOR_TESTS_MINUTES = 10 * 365 * 24 * 60;

/** A monday morning, so step timestamps read naturally. */
export const TEST_START = new Date('2026-01-05T09:00:00.000Z');

/**
 * The real app (every module, the real PostgreSQL, on a database of its own) with the engine's
 * clock under the test's control. The job runner polls every 20 ms, so a timer fires soon after
 * the test moves the clock past it.
 */
export const createTestApp = async (overrides: Partial<AppConfig> = {}, options: TestAppOptions = {}): Promise<TestApp> => {
  const database = options.database ?? (await createTestDatabase());
  const clock = new TestClock(options.startAt ?? TEST_START);
  const config: AppConfig = {
    ...DEFAULT_APP_CONFIG,
    poolSize: 5,
    jobPollMs: 20,
    // Tests move the engine's clock by days while holding one log-in; a session must outlive that
    // (sessions.e2e-spec.ts passes the real lifetimes, as any test that sets `auth` does).
    auth: { ...DEFAULT_APP_CONFIG.auth, initialAdmin: TEST_ADMIN, sessionIdleMinutes: SESSION_FOR_TESTS_MINUTES, sessionMaxMinutes: SESSION_FOR_TESTS_MINUTES },
    ...overrides,
    databaseUrl: database.url,
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  await app.init();
  const anonymousServer = app.getHttpServer() as Server;
  const adminToken = await logIn(anonymousServer, TEST_ADMIN.username, TEST_ADMIN.password);
  const admin = request.agent(anonymousServer).set('Authorization', `Bearer ${adminToken}`);
  const handle = app.getHttpAdapter().getInstance() as (req: IncomingMessage, res: ServerResponse) => void;
  const signedIn = new Map<string, Agent>();
  return {
    app,
    server: createServer((req, res) => {
      if (req.headers.authorization === undefined && req.headers['x-api-key'] === undefined) req.headers.authorization = `Bearer ${adminToken}`;
      handle(req, res);
    }),
    anonymousServer,
    adminToken,
    signIn: async (username, access = {}) => {
      const known = signedIn.get(username);
      if (known) return known;
      for (const group of access.groups ?? []) await expectStatus(admin.post('/api/groups').send({ id: group, name: group }), [201, 409]);
      // 409: created before, by this app or another one on the same database.
      await expectStatus(admin.post('/api/users').send({ username, password: TEST_PASSWORD, roles: access.roles ?? ['admin'], groups: access.groups ?? [] }), [201, 409]);
      const client = request.agent(anonymousServer).set('Authorization', `Bearer ${await logIn(anonymousServer, username, TEST_PASSWORD)}`);
      signedIn.set(username, client);
      return client;
    },
    clock,
    database,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
};

/** A log-in token for the user. */
export const logIn = async (server: Server, username: string, password: string): Promise<string> => {
  const response = await request(server).post('/api/auth/login').send({ username, password });
  if (response.status !== 200) throw new Error(`log-in of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token as string;
};

const expectStatus = async (pending: PromiseLike<{ status: number; body: unknown }>, statuses: number[]): Promise<void> => {
  const response = await pending;
  if (!statuses.includes(response.status)) throw new Error(`expected ${statuses.join(' or ')}, got ${response.status} ${JSON.stringify(response.body)}`);
};

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export const fixture = (name: string): Promise<string> => readFile(join(FIXTURES, name), 'utf8');

/** Deploys BPMN XML and returns the first process version. */
export const deploy = async (server: Server, xml: string) => {
  const response = await request(server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml);
  if (response.status !== 201) throw new Error(`deploy failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.processVersions[0] as { id: string; key: string; version: number; created: boolean };
};

/** Polls until `check` passes: for work done in the background (the job runner), never for timing. */
export const eventually = async <T>(probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
