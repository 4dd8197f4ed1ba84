/**
 * The browser tests run the built app. `npm test` builds both before jest; run alone, a test builds
 * the web app itself when its sources changed since the last build (scripts/build-if-changed.mjs).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { engineEntry, projectRoot, sleep } from '../../../bench/support/engine-process.js';
import { buildIfChanged } from '../../../scripts/build-if-changed.mjs';

export const webIndexPath = (): string => join(projectRoot(), 'dist/web/index.html');

/** A lock directory (mkdir is atomic), so test files in parallel workers never build into dist/web at once. */
const LOCK_STALE_MS = 5 * 60_000;

const ageMs = (path: string): number => {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0; // released meanwhile
  }
};

export const ensureWebBuilt = async (): Promise<void> => {
  const lock = join(projectRoot(), 'dist', '.web-build.lock');
  mkdirSync(join(projectRoot(), 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // held by another worker; a lock left by a killed run is taken over
      if (ageMs(lock) > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    buildIfChanged('web');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
};

/** The engine build must include the module that serves the web app. */
export const ensureEngineBuilt = (): void => {
  if (!existsSync(join(projectRoot(), 'dist/apps/engine/src/web-app/web-app.module.js')) || !existsSync(engineEntry())) {
    throw new Error('The engine build is missing or predates the web app: run `npm run build` first');
  }
};
