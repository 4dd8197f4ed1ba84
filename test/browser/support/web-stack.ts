import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEngineProcess, type EngineProcess } from '../../../bench/support/engine-process.js';
import { designerSession, signedInState, type WebSession } from '../../../bench/support/web-session.js';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { ensureEngineBuilt, ensureWebBuilt } from './web-build.js';

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

export async function startWebStack(): Promise<WebStack> {
  ensureEngineBuilt();
  await ensureWebBuilt();
  const database: TestDatabase = await createTestDatabase();
  const engine = await startEngineProcess({ databaseUrl: database.url });
  const browser = await launchChromium();
  return {
    engine,
    baseUrl: engine.baseUrl.replace(/\/api$/, ''),
    designer: await designerSession(engine),
    browser,
    async close() {
      await browser.close();
      await engine.stop();
      await database.drop();
    },
  };
}

/** A fresh browser context with one page, signed in as `session` (the designer by default), its page errors collected. */
export async function openSignedInPage(
  stack: WebStack,
  viewport: { width: number; height: number },
  session: WebSession = stack.designer,
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await stack.browser.newContext({ viewport, storageState: signedInState(stack.baseUrl, session) });
  const page = await context.newPage();
  return { context, page, pageErrors: collectPageErrors(page) };
}
