/**
 * A real engine process (the built `dist/apps/engine/src/main.js`) on a database of the caller's
 * choosing: for benchmarks and for the safety tests that kill and restart engines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EngineProcess {
  baseUrl: string;
  child: ChildProcess;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-work, as in a crash. */
  kill(): Promise<void>;
  /** The kernel's high-water mark of the process's resident memory, in MB. */
  peakRssMb(): number | undefined;
}

export interface EngineProcessOptions {
  databaseUrl: string;
  /** More environment for the engine (TANDEM_* settings). */
  env?: Record<string, string>;
  /** Extra node arguments, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Where the engine's stderr goes: inherited (default) or dropped. */
  stderr?: 'inherit' | 'ignore';
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
  const port = 40000 + Math.floor(Math.random() * 10000);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      TANDEM_DEPLOY_REFERENCE: 'false',
      TANDEM_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', options.stderr ?? 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${port}/api`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`engine exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) {
      child.kill('SIGKILL');
      throw new Error('engine did not become healthy in 60 s');
    }
    await sleep(100);
  }
  const signal = (name: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    baseUrl,
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
  };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
