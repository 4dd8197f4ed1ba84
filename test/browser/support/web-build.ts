/**
 * The browser tests run the built app. `npm test` builds both before jest; run alone, a test builds
 * the web app itself when dist/web is missing or older than its sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { engineEntry, projectRoot, sleep } from '../../../bench/support/engine-process.js';

/** What the web bundle is made of: the app and the libs it bundles. */
const WEB_SOURCES = ['apps/web', 'libs/bpmn/src', 'libs/core/src'];

const newestModification = (directory: string): number =>
  readdirSync(directory, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(directory, entry.name);
    const modified = entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
    return Math.max(newest, modified);
  }, 0);

export const webIndexPath = (): string => join(projectRoot(), 'dist/web/index.html');

const isWebBuildCurrent = (): boolean => {
  const index = webIndexPath();
  const sourcesModified = Math.max(...WEB_SOURCES.map((source) => newestModification(join(projectRoot(), source))));
  return existsSync(index) && statSync(index).mtimeMs >= sourcesModified;
};

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
    if (!isWebBuildCurrent()) execFileSync('npm', ['run', 'build:web'], { cwd: projectRoot(), stdio: ['ignore', 'ignore', 'inherit'] });
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
