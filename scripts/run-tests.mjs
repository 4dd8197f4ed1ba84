/**
 * Runs jest (ESM mode) so that no test run can hang: the whole run has a deadline
 * (TANDEM_TEST_TIMEOUT_MINUTES, default 30), each test file one of its own
 * (TANDEM_SUITE_TIMEOUT_MINUTES, default 10), and jest must exit within a minute of its last test.
 * Past any of them it names the test files still running, ends jest and every process the run
 * started (they all carry TANDEM_TEST_RUN in their environment), and exits 1.
 * Arguments are passed on to jest.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTagged } from '../test/support/tagged-processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const minutes = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number of minutes, got ${process.env[name]}`);
  return value * 60_000;
};
const runTimeoutMs = minutes('TANDEM_TEST_TIMEOUT_MINUTES', 30);
const suiteTimeoutMs = minutes('TANDEM_SUITE_TIMEOUT_MINUTES', 10);
const exitGraceMs = 60_000;

const runId = process.env.TANDEM_TEST_RUN ?? randomUUID();
const scratch = mkdtempSync(join(tmpdir(), 'tandem-test-run-'));
const progressFile = join(scratch, 'progress.json');

const jest = spawn(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    // Memory bounds in tests measure what is held, collected first (test/e2e/hardening-deployments).
    '--expose-gc',
    join(root, 'node_modules/jest/bin/jest.js'),
    ...process.argv.slice(2),
    // After the caller's arguments: jest would read test paths that follow as more reporters.
    '--reporters=default',
    `--reporters=${join(root, 'test/support/suite-progress-reporter.mjs')}`,
  ],
  // Its own process group, so everything under it can be ended at once.
  { cwd: root, stdio: 'inherit', detached: true, env: { ...process.env, TANDEM_TEST_RUN: runId, TANDEM_TEST_PROGRESS_FILE: progressFile } },
);

const readProgress = () => {
  try {
    return JSON.parse(readFileSync(progressFile, 'utf8'));
  } catch {
    return { complete: false, running: {} };
  }
};

const describeRunning = (running, now) =>
  Object.entries(running)
    .map(([file, since]) => `${file} (running ${Math.round((now - since) / 1000)} s)`)
    .join(', ') || 'none (jest itself)';

const startedAt = Date.now();
let completedAt;
let stopped = false;

const stopEverything = (reason) => {
  stopped = true;
  console.error(`\nrun-tests: ${reason}`);
  for (const leftover of killTagged('TANDEM_TEST_RUN', runId)) console.error(`run-tests: ended pid ${leftover.pid}: ${leftover.command}`);
  try {
    process.kill(-jest.pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

const watchdog = setInterval(() => {
  const now = Date.now();
  const progress = readProgress();
  if (progress.complete) completedAt ??= now;
  const overdue = Object.entries(progress.running).filter(([, since]) => now - since > suiteTimeoutMs);
  if (now - startedAt > runTimeoutMs) {
    stopEverything(`the test run timed out after ${runTimeoutMs / 60_000} min; still running: ${describeRunning(progress.running, now)}`);
  } else if (overdue.length > 0) {
    stopEverything(`a test file ran past ${suiteTimeoutMs / 60_000} min: ${describeRunning(Object.fromEntries(overdue), now)}`);
  } else if (completedAt !== undefined && now - completedAt > exitGraceMs) {
    stopEverything(`jest finished its tests ${exitGraceMs / 1000} s ago but did not exit (an open handle: a server, timer or process left running)`);
  }
}, 1000);

const forward = (signal) => () => stopEverything(`stopped by ${signal}`);
process.once('SIGINT', forward('SIGINT'));
process.once('SIGTERM', forward('SIGTERM'));

jest.once('exit', (code, signal) => {
  clearInterval(watchdog);
  // Anything a test started and did not stop is ended here, and named, so it cannot outlive the run.
  for (const leftover of killTagged('TANDEM_TEST_RUN', runId)) console.error(`run-tests: a process outlived its test and was ended: pid ${leftover.pid}: ${leftover.command}`);
  if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
  process.exit(stopped ? 1 : (code ?? (signal ? 1 : 0)));
});
