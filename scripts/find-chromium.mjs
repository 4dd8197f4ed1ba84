/**
 * Where the browser tests' Chromium is: `TANDEM_CHROMIUM` when set, else the first Chromium or
 * Chrome on the PATH. Plain JavaScript so `npm test` can check for it before any
 * build, and the TypeScript test support imports the same rule.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The names Debian, Ubuntu, Fedora, Arch and Google's packages install the browser under. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** The one line `npm test` prints, and a browser test fails with, when no browser is found. */
export const CHROMIUM_MISSING =
  'No Chromium for the browser tests: install it (Debian/Ubuntu: `sudo apt-get install -y chromium`; Fedora: `sudo dnf install -y chromium`; macOS: install Google Chrome) or set TANDEM_CHROMIUM=/path/to/chrome';

const isExecutableFile = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ path: string } | { error: string }}
 */
export const findChromium = (env = process.env) => {
  const chosen = env.TANDEM_CHROMIUM;
  if (chosen) {
    return isExecutableFile(chosen) ? { path: chosen } : { error: `TANDEM_CHROMIUM=${chosen} is not an executable file. ${CHROMIUM_MISSING}` };
  }
  const directories = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const directory of directories) {
      const path = join(directory, name);
      if (isExecutableFile(path)) return { path };
    }
  }
  return { error: CHROMIUM_MISSING };
};
