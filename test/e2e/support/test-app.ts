import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { configureApp } from '../../../apps/engine/src/app-setup.js';
import { AppModule } from '../../../apps/engine/src/app.module.js';
import { DEFAULT_APP_CONFIG, type AppConfig } from '../../../apps/engine/src/common/config.js';
import { CLOCK } from '../../../apps/engine/src/common/engine-ports.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TestClock } from './test-clock.js';

export interface TestApp {
  app: NestExpressApplication;
  server: Server;
  clock: TestClock;
  database: TestDatabase;
  /** Stops the app and drops its database (unless the database was passed in). */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Run on this database instead of a fresh one: a restarted engine, or a second replica. */
  database?: TestDatabase;
  startAt?: Date;
}

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
  const config: AppConfig = { ...DEFAULT_APP_CONFIG, poolSize: 5, jobPollMs: 20, ...overrides, databaseUrl: database.url };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  await app.init();
  return {
    app,
    server: app.getHttpServer() as Server,
    clock,
    database,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
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
