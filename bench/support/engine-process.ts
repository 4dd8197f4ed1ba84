/**
 * A real engine process (the built `dist/apps/engine/src/main.js`) on a database of the caller's
 * choosing: for benchmarks and for the safety tests that kill and restart engines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The admin every engine started here creates (TANDEM_ADMIN_USERNAME/TANDEM_ADMIN_PASSWORD) unless
 * the options' env names another: an external database gets no demo users.
 */
export const ENGINE_ADMIN = { username: 'engine-admin', password: 'engine-admin-password' } as const;

export interface EngineProcess {
  baseUrl: string;
  /** Signs a request in as the admin: `fetch(url, { headers: { ...engine.authHeaders } })`. */
  authHeaders: { authorization: string };
  child: ChildProcess;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-work, as in a crash. */
  kill(): Promise<void>;
  /** The kernel's high-water mark of the process's resident memory, in MB. */
  peakRssMb(): number | undefined;
  /** The data directory of the engine's own embedded PostgreSQL (started when no databaseUrl is given). */
  embeddedDataDir?: string;
  /** The URL of that embedded PostgreSQL's database, for checks from outside the engine. */
  embeddedDatabaseUrl?: string;
  /** Removes the embedded PostgreSQL's data directory (after stop or kill). */
  removeEmbeddedData(): void;
}

export interface EngineProcessOptions {
  /** An existing database; when absent the engine starts its own embedded PostgreSQL in a fresh directory. */
  databaseUrl?: string;
  /** More environment for the engine (TANDEM_* settings). */
  env?: Record<string, string>;
  /** Extra node arguments, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Where the engine's stderr goes: inherited (default) or dropped. */
  stderr?: 'inherit' | 'ignore';
  /** Where its stdout (the log) goes: dropped (default) or inherited. */
  stdout?: 'inherit' | 'ignore';
  /** The HTTP port; one the kernel says is free by default. */
  port?: number;
}

export const projectRoot = (): string => {
  for (let directory = dirname(fileURLToPath(import.meta.url)); directory !== dirname(directory); directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
  }
  throw new Error('package.json not found above bench/support');
};

export const engineEntry = (): string => join(projectRoot(), 'dist/apps/engine/src/main.js');

export async function startEngineProcess(options: EngineProcessOptions): Promise<EngineProcess> {
  const entry = engineEntry();
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const port = options.port ?? (await freePort());
  const embedded = options.databaseUrl === undefined ? await embeddedDatabase() : undefined;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      PORT: String(port),
      // Empty: the engine starts its embedded PostgreSQL (a DATABASE_URL inherited from the test run must not leak in).
      DATABASE_URL: options.databaseUrl ?? '',
      ...(embedded && { TANDEM_DATA_DIR: embedded.dataDir, TANDEM_PG_PORT: String(embedded.port), TANDEM_DEMO_USERS: 'false' }),
      TANDEM_DEPLOY_REFERENCE: 'false',
      TANDEM_LOG_LEVEL: 'warn',
      TANDEM_ADMIN_USERNAME: ENGINE_ADMIN.username,
      TANDEM_ADMIN_PASSWORD: ENGINE_ADMIN.password,
      // Benchmarks and safety tests hold one log-in token for their whole run (a soak lasts as long as asked).
      TANDEM_TOKEN_TTL_MINUTES: '480',
      ...options.env,
    },
    stdio: ['ignore', options.stdout ?? 'ignore', options.stderr ?? 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  const baseUrl = `http://127.0.0.1:${port}/api`;
  const admin = { username: options.env?.TANDEM_ADMIN_USERNAME ?? ENGINE_ADMIN.username, password: options.env?.TANDEM_ADMIN_PASSWORD ?? ENGINE_ADMIN.password };
  let token: string;
  try {
    await waitUntilHealthy(baseUrl, child);
    token = await signIn(baseUrl, admin.username, admin.password);
  } catch (error) {
    // A process that did not come up is not left running behind the caller's failed set-up.
    await signal('SIGKILL')();
    embedded?.remove();
    throw error;
  }
  return {
    baseUrl,
    authHeaders: { authorization: `Bearer ${token}` },
    child,
    stop: signal('SIGTERM'),
    kill: signal('SIGKILL'),
    peakRssMb: () => {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb === undefined ? undefined : Number(kb) / 1024;
      } catch {
        return undefined;
      }
    },
    ...(embedded && { embeddedDataDir: embedded.dataDir, embeddedDatabaseUrl: `postgres://postgres:postgres@127.0.0.1:${embedded.port}/tandem` }),
    removeEmbeddedData: () => embedded?.remove(),
  };
}

/**
 * A fresh data directory and port for an engine's embedded PostgreSQL. Its parent is made
 * traversable: run as root, the server runs as the `postgres` user (mkdtemp makes 0700).
 */
const embeddedDatabase = async (): Promise<{ dataDir: string; port: number; remove(): void }> => {
  const parent = mkdtempSync(join(tmpdir(), 'tandem-embedded-pg-'));
  chmodSync(parent, 0o755);
  return { dataDir: join(parent, 'data'), port: await freePort(), remove: () => rmSync(parent, { recursive: true, force: true }) };
};

const waitUntilHealthy = async (baseUrl: string, child: ChildProcess): Promise<void> => {
  for (let attempt = 0; attempt <= 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('engine did not become healthy in 60 s');
};

/** A log-in token for the user (POST /api/auth/login). */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`log-in of ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Creates a user as the engine's admin and answers their log-in token (a user who exists already just signs in). */
export async function createUser(engine: EngineProcess, user: { username: string; password: string; roles: string[]; groups?: string[] }): Promise<string> {
  const response = await fetch(`${engine.baseUrl}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...engine.authHeaders },
    body: JSON.stringify({ groups: [], ...user }),
  });
  if (response.status !== 201 && response.status !== 409) throw new Error(`creating ${user.username} failed: ${response.status} ${await response.text()}`);
  return signIn(engine.baseUrl, user.username, user.password);
}

/** POSTs JSON as the engine's admin and answers the JSON answer; any non-2xx answer throws, naming the path. */
export async function postAsAdmin<T>(engine: EngineProcess, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${engine.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...engine.authHeaders },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Deploys BPMN XML as the engine's admin; answers the first process version (201 expected). */
export async function deployXml(engine: EngineProcess, xml: string): Promise<{ id: string; version: number }> {
  const response = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: { 'content-type': 'application/xml', ...engine.authHeaders }, body: xml });
  if (response.status !== 201) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { processVersions: { id: string; version: number }[] }).processVersions[0]!;
}

/** A port the kernel says is free now (bound to port 0, then released): parallel tests' engines do not collide on a guess. */
export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
