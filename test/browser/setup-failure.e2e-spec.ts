import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { CHROMIUM_MISSING, findChromium } from '../../scripts/find-chromium.mjs';
import { processesTagged } from '../support/tagged-processes.mjs';
import { STACK_TAG, startWebStack } from './support/web-stack.js';

describe('a browser suite whose set-up fails', () => {
  it('given no browser on the machine, when the stack starts, then it fails with the install line and stops the engine it had started', async () => {
    const tag = randomUUID();
    // The stack starts the database and the engine before the browser, so the engine is up when the launch fails.
    const noBrowser = findChromium({ PATH: '/nonexistent' });

    await expect(startWebStack({ chromium: noBrowser, tag })).rejects.toThrow(CHROMIUM_MISSING);

    expect(processesTagged(STACK_TAG, tag)).toEqual([]);
  });

  it('given a browser that cannot start, then the launch error comes through and nothing is left running', async () => {
    const tag = randomUUID();

    await expect(startWebStack({ chromium: { path: '/bin/false' }, tag })).rejects.toThrow(/Failed to launch|exited|closed/i);

    expect(processesTagged(STACK_TAG, tag)).toEqual([]);
  });
});
