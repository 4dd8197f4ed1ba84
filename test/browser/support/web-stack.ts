import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ChromiumLocation } from '../../../bench/support/chromium.js';
import { startEngineProcess, type EngineProcess } from '../../../bench/support/engine-process.js';
import { designerSession, signedInState, type WebSession } from '../../../bench/support/web-session.js';
import { DEFAULT_APP_CONFIG } from '../../../apps/engine/src/common/config.js';
import { createTestDatabase } from '../../e2e/support/test-database.js';
import { Teardown } from '../../support/teardown.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { ensureEngineBuilt, ensureWebBuilt } from './web-build.js';

/** The environment variable that marks every process one stack starts (see test/support/tagged-processes.mjs). */
export const STACK_TAG = 'TANDEM_TEST_TAG';

/**
 * What a browser test drives: a real engine process (the builds of `npm run build` and
 * `npm run build:web`) on a database of its own, a designer's session, and a Chromium.
 */
export interface WebStack {
  engine: EngineProcess;
  /** The web app's origin (the API is under `/api`). */
  baseUrl: string;
  designer: WebSession;
  browser: Browser;
  close(): Promise<void>;
}

export interface WebStackOptions {
  /** Where the browser is; by default found from TANDEM_CHROMIUM or the PATH. */
  chromium?: ChromiumLocation;
  /** The value of STACK_TAG on the processes this stack starts; a fresh one by default. */
  tag?: string;
  /** More settings for the engine (TANDEM_CURRENCY, ...). */
  engineEnv?: Record<string, string>;
}

/**
 * Starts the stack; when any part fails to start, what was already started is stopped before the
 * error is thrown, so a failed set-up leaves no engine polling a database that is going away.
 */
export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  ensureEngineBuilt();
  await ensureWebBuilt();
  const started = new Teardown();
  try {
    const database = started.add(await createTestDatabase(), (it) => it.drop());
    // The web app is tried with the access-token lifetime it meets in production, unless a test chooses another.
    const env = { TANDEM_TOKEN_TTL_MINUTES: String(DEFAULT_APP_CONFIG.auth.tokenTtlMinutes), ...options.engineEnv, [STACK_TAG]: options.tag ?? randomUUID() };
    const engine = started.add(await startEngineProcess({ databaseUrl: database.url, env }), (it) => it.stop());
    const browser = started.add(await launchChromium(options.chromium), (it) => it.close());
    return {
      engine,
      baseUrl: engine.baseUrl.replace(/\/api$/, ''),
      designer: await designerSession(engine),
      browser,
      close: () => started.run(),
    };
  } catch (error) {
    await started.run();
    throw error;
  }
}

/** A fresh browser context with one page, signed in as `session`'s user (the designer by default) by a log-in of its own, its page errors collected. */
export async function openSignedInPage(
  stack: WebStack,
  viewport: { width: number; height: number },
  session: WebSession = stack.designer,
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await stack.browser.newContext({ viewport, storageState: await signedInState(stack.baseUrl, session) });
  const page = await context.newPage();
  return { context, page, pageErrors: collectPageErrors(page) };
}
