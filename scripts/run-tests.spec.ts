import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processesTagged } from '../test/support/tagged-processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const run = (env: Record<string, string>): Promise<{ code: number | null; stderr: string }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, [join(here, 'run-tests.mjs'), '--config', join(here, 'fixtures/hanging-suite/jest.config.mjs')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => done({ code, stderr }));
  });

describe('run-tests: no test run can hang', () => {
  it('given a test file that never ends, when it passes its time limit, then the run fails naming it and nothing it started is left running', async () => {
    const runId = randomUUID();

    const sut = await run({ TANDEM_TEST_RUN: runId, TANDEM_SUITE_TIMEOUT_MINUTES: '0.1' });

    expect(sut.code).toBe(1);
    expect(sut.stderr).toMatch(/run-tests: a test file ran past 0\.1 min: scripts\/fixtures\/hanging-suite\/never-ends\.hangs\.mjs \(running \d+ s\)/);
    expect(sut.stderr).toMatch(/ended pid \d+: sleep 600/);
    expect(processesTagged('TANDEM_TEST_RUN', runId)).toEqual([]);
  });

  it('given a run past its deadline, then it stops with the deadline and the files still running', async () => {
    const runId = randomUUID();

    const sut = await run({ TANDEM_TEST_RUN: runId, TANDEM_TEST_TIMEOUT_MINUTES: '0.1' });

    expect(sut.code).toBe(1);
    expect(sut.stderr).toContain('run-tests: the test run timed out after 0.1 min; still running: scripts/fixtures/hanging-suite/never-ends.hangs.mjs');
    expect(processesTagged('TANDEM_TEST_RUN', runId)).toEqual([]);
  });
});
