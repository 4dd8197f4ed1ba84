import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, projectRoot, sleep } from '../../bench/support/engine-process.js';
import { processesTagged } from '../support/tagged-processes.mjs';

const QUICKSTART_TAG = 'TANDEM_QUICKSTART';

/** The shell blocks of the README's quickstart, in order: what a new user copies and pastes. */
const quickstartBlocks = (): string[] => {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
  const section = /<!-- quickstart -->([\s\S]*?)<!-- \/quickstart -->/.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no <!-- quickstart --> section');
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
};

/** Lines of output until `pattern` shows, or the process ends. */
const waitForOutput = (child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> =>
  new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        done(output);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code} before ${pattern}:\n${output}`));
    });
  });

describe('the README quickstart', () => {
  let engine: ChildProcess | undefined;
  /** Marks npm, the engine and its PostgreSQL, to wait until the engine's own shutdown has stopped them all. */
  const tag = randomUUID();
  const stopEngine = async () => {
    if (engine?.pid === undefined) return;
    try {
      process.kill(-engine.pid, 'SIGINT'); // Ctrl-C, as the quickstart says
    } catch {
      // already gone
    }
    for (let waited = 0; processesTagged(QUICKSTART_TAG, tag).length > 0 && waited < 30_000; waited += 200) await sleep(200);
  };

  afterAll(async () => {
    await stopEngine();
    // Ctrl-C stops the engine, and the engine its database: nothing of the quickstart is left running.
    expect(processesTagged(QUICKSTART_TAG, tag)).toEqual([]);
  });

  it('given a checkout, when a person runs its commands as written, then a case runs and its step times show', async () => {
    const [startBlock, ...afterStart] = quickstartBlocks();
    expect(startBlock?.trim().split('\n')).toEqual(['npm install', 'npm start']);
    expect(afterStart.length).toBeGreaterThanOrEqual(3);
    const [port, databasePort] = [String(await freePort()), String(await freePort())];
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-quickstart-'));
    chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own OS user when we are root
    // The embedded database, as on a fresh machine: no DATABASE_URL; a free port for engine and database.
    const env = { ...process.env, [QUICKSTART_TAG]: tag, DATABASE_URL: '', PORT: port, TANDEM_PG_PORT: databasePort, TANDEM_DATA_DIR: join(dataDir, 'pg') };

    const install = spawnSync('bash', ['-euo', 'pipefail', '-c', 'npm install --no-audit --no-fund'], { cwd: projectRoot(), env, encoding: 'utf8' });
    expect(install.status).toBe(0);
    engine = spawn('bash', ['-euo', 'pipefail', '-c', 'npm start'], { cwd: projectRoot(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const startLog = await waitForOutput(engine, /Tandem is ready/, 90_000);
    const session = spawnSync('bash', ['-euo', 'pipefail', '-c', afterStart.join('\n')], { cwd: projectRoot(), env, encoding: 'utf8', timeout: 90_000 });

    expect(startLog).toMatch(/Sign in +dora \(designer\)/);
    expect(session.stderr).toBe('');
    expect(session.status).toBe(0);
    expect(session.stdout).toContain('deployed first-steps v1');
    expect(session.stdout).toMatch(/^Check the request: waited \d+(\.\d)? s, worked \d+(\.\d)? s$/m);
    expect(session.stdout).toMatch(/^Approve the refund: waited \d+(\.\d)? s, worked \d+(\.\d)? s$/m);
    // The quickstart's own pauses: 2 s in the queue, 3 s of work per step.
    const figures = [...session.stdout.matchAll(/waited (\d+(?:\.\d)?) s, worked (\d+(?:\.\d)?) s/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(figures).toHaveLength(2);
    for (const [waited, worked] of figures) {
      expect(waited).toBeGreaterThanOrEqual(1.9);
      expect(worked).toBeGreaterThanOrEqual(2.9);
    }
  });
});
