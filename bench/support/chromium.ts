import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

/** Where the browser is, or the line that says what to install (scripts/find-chromium.mjs). */
export type ChromiumLocation = ReturnType<typeof findChromium>;

/**
 * The system's Chromium (or TANDEM_CHROMIUM), driven by playwright-core: no browser download.
 * Without one it fails at once with the line that says what to install.
 */
export const launchChromium = (location: ChromiumLocation = findChromium()): Promise<Browser> => {
  if ('error' in location) return Promise.reject(new Error(location.error));
  return chromium.launch({ executablePath: location.path, args: ['--no-sandbox', '--disable-gpu'] });
};
