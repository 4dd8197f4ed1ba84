import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../../bench/support/engine-process.js';

export { launchChromium } from '../../../bench/support/chromium.js';

const SCREENSHOTS = join(projectRoot(), 'artifacts', 'screenshots');

/** Saved for a person to look at (artifacts/ is gitignored). */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
};

/**
 * Errors the page throws or logs, for the test to assert there are none. Chromium's own line for an
 * HTTP error answer is left out: a refused deployment (422) is part of what the tests drive.
 */
export const collectPageErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  return errors;
};
