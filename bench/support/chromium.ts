import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt), driven by playwright-core: no browser download. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
