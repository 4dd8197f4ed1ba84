import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser, deployXml, projectRoot, type EngineProcess } from '../../bench/support/engine-process.js';
import { DESIGNER, signedInState, webSession } from '../../bench/support/web-session.js';
import { collectPageErrors, screenshot } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The web app's log-in page, the signed-in user in the header, a session that outlives a reload, signing out, and a session that ends while working. */
describe('signing in to the web app', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl, browser } = stack);
    await deployXml(engine, await readFile(join(projectRoot(), 'processes/customer-service/to-be.bpmn'), 'utf8'));
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(() => {
    pageErrors = [];
  });

  afterEach(async () => {
    await context?.close();
  });

  const open = async (state?: Awaited<ReturnType<typeof signedInState>>, viewport = { width: 1280, height: 800 }) => {
    context = await browser.newContext({ viewport, ...(state !== undefined && { storageState: state }) });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  };

  const loginPage = () => page.locator('[data-role="login-page"]');

  const fillIn = async (username: string, password: string) => {
    await loginPage().locator('[data-role="login-username"]').fill(username);
    await loginPage().locator('[data-role="login-password"]').fill(password);
    await loginPage().locator('[data-action="sign-in"]').click();
  };

  it('asks for username and password first, says when they are wrong, and lets the designer in', async () => {
    // given a browser that has never signed in
    await open();
    await page.goto(`${baseUrl}/#/modeler`);
    await loginPage().waitFor();
    await screenshot(page, 'sign-in-01-log-in-page');
    // when the designer mistypes the password
    await fillIn(DESIGNER.username, 'wrong password');
    // then the page says so, without saying which part was wrong, and stays
    const status = loginPage().locator('[data-role="login-status"]');
    await status.filter({ hasText: 'Unknown username or wrong password' }).waitFor();
    expect(await page.locator('body[data-ready="true"]').count()).toBe(0);
    await screenshot(page, 'sign-in-02-wrong-password');
    // when the right password is given
    await fillIn(DESIGNER.username, DESIGNER.password);
    // then the modeler opens, and the header names the designer
    await page.waitForSelector('body[data-ready="true"]');
    expect(await loginPage().count()).toBe(0);
    expect(await page.locator('[data-role="session-name"]').textContent()).toBe(DESIGNER.username);
    await screenshot(page, 'sign-in-03-signed-in');
    expect(pageErrors).toEqual([]);
  });

  it('fits the log-in page on a phone-width screen', async () => {
    // given a phone-width browser
    await open(undefined, { width: 390, height: 760 });
    await page.goto(`${baseUrl}/`);
    // then the form is fully within the screen
    const form = await loginPage().locator('[data-role="login-form"]').boundingBox();
    expect(form).not.toBeNull();
    expect(form!.x).toBeGreaterThanOrEqual(0);
    expect(form!.x + form!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'sign-in-04-phone-width');
  });

  /** Everything the page's scripts can read: both storages and the cookies not marked HttpOnly. */
  const readableByScripts = () => page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie })');

  it('keeps no token where a script could read it, stays signed in across a reload through the cookie, and signs out for good', async () => {
    // given the designer signs in through the form
    await open();
    await page.goto(`${baseUrl}/#/modeler`);
    await loginPage().waitFor();
    await fillIn(DESIGNER.username, DESIGNER.password);
    await page.waitForSelector('body[data-ready="true"]');
    // then no storage and no script-readable cookie holds a token (JWT) or the refresh token
    const readable = await readableByScripts();
    expect(readable).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(readable).not.toContain('tandem_refresh');
    // while the browser keeps the refresh cookie as the engine set it
    const [cookie] = await context.cookies();
    expect(cookie).toEqual(expect.objectContaining({ name: 'tandem_refresh', path: '/api/auth', httpOnly: true, secure: true, sameSite: 'Strict' }));
    // when the page is reloaded
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    // then the designer is still signed in, without the log-in page
    expect(await loginPage().count()).toBe(0);
    expect(await page.locator('[data-role="session-name"]').textContent()).toBe(DESIGNER.username);
    // when they sign out
    await page.locator('[data-action="sign-out"]').click();
    // then the log-in page is back, the cookie is gone, and a reload does not sign them in again
    await loginPage().waitFor();
    expect(await context.cookies()).toEqual([]);
    await page.reload();
    await loginPage().waitFor();
    expect(await page.locator('[data-role="session-name"]').count()).toBe(0);
    await screenshot(page, 'sign-in-05-signed-out');
    expect(pageErrors).toEqual([]);
  });

  it('brings the log-in page back when the engine ends the session, and then finishes what was asked', async () => {
    // given a designer signed in, whose account an admin then disables and enables again (which ends every session of theirs)
    const rita = { username: 'rita', password: 'rita-designer-password' };
    await createUser(engine, { ...rita, roles: ['designer'] });
    await open(await signedInState(baseUrl, await webSession(engine.baseUrl, rita)));
    await page.goto(`${baseUrl}/#/modeler`);
    await page.waitForSelector('body[data-ready="true"]');
    const users = (await (await fetch(`${engine.baseUrl}/users`, { headers: engine.authHeaders })).json()) as Array<{ id: string; username: string }>;
    const { id } = users.find(({ username }) => username === rita.username)!;
    for (const disabled of [true, false]) {
      const changed = await fetch(`${engine.baseUrl}/users/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...engine.authHeaders },
        body: JSON.stringify({ disabled }),
      });
      expect(changed.status).toBe(200);
    }
    // when the designer opens the deployed versions
    await page.goto(`${baseUrl}/#/versions`);
    // then the log-in page asks them to sign in again
    await loginPage().filter({ hasText: 'Your session has ended' }).waitFor();
    await screenshot(page, 'sign-in-06-session-ended');
    // when they do, then the versions are listed after all
    await fillIn(rita.username, rita.password);
    await page.locator('[data-role="version-list"] [data-version-id]').first().waitFor();
    expect(await loginPage().count()).toBe(0);
  });
});

/** An open page keeps its session: the access token is renewed from the cookie before it expires, and a refused one is replaced from it. */
describe('keeping a web session alive', () => {
  let stack: WebStack;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    // access tokens of one minute, so the web app renews them a few seconds after it opens
    stack = await startWebStack({ engineEnv: { TANDEM_TOKEN_TTL_MINUTES: '1' } });
    await deployXml(stack.engine, await readFile(join(projectRoot(), 'processes/customer-service/to-be.bpmn'), 'utf8'));
  }, 180_000);

  afterEach(async () => {
    await context?.close();
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** A signed-in page with every answer of the API recorded as `<status> <path>`. */
  const openRecorded = async () => {
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: await signedInState(stack.baseUrl, stack.designer) });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    const answers: string[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/api/')) answers.push(`${response.status()} ${pathname}`);
    });
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await page.waitForSelector('body[data-ready="true"]');
    return { page, pageErrors, answers };
  };

  it('renews the access token from the cookie before it expires, without a 401 first', async () => {
    // given a signed-in page
    const { page, pageErrors, answers } = await openRecorded();
    const loaded = answers.filter((answer) => answer === '200 /api/auth/refresh').length;
    // when it stays open until the app renews its token
    await page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'), { timeout: 60_000 });
    // then the renewal was accepted, no request was refused, and the page goes on working
    await page.goto(`${stack.baseUrl}/#/versions`);
    await page.locator('[data-role="version-list"] [data-version-id]').first().waitFor();
    expect(answers.filter((answer) => answer === '200 /api/auth/refresh').length).toBeGreaterThan(loaded);
    expect(answers.filter((answer) => answer.startsWith('401'))).toEqual([]);
    expect(await page.locator('[data-role="login-page"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('keeps two tabs opened at the same moment signed in: they take turns with the one cookie instead of presenting it twice', async () => {
    // given a browser signed in, with two tabs
    const { page: first, pageErrors } = await openRecorded();
    const second = await context!.newPage();
    const tabs = [first, second];
    const refreshes: number[] = [];
    for (const tab of tabs) tab.on('response', (response) => response.url().endsWith('/api/auth/refresh') && refreshes.push(response.status()));
    // when both load at once, twice
    for (let round = 0; round < 2; round += 1) {
      // A query of its own per round, so each is a new document load, not a hash change.
      await Promise.all(tabs.map((tab) => tab.goto(`${stack.baseUrl}/?round=${round}#/modeler`, { waitUntil: 'commit' })));
      await Promise.all(tabs.map((tab) => tab.waitForSelector('body[data-ready="true"]')));
    }
    // then every refresh was accepted (four loads, and any renewal on the way), and both tabs show the designer, not the log-in page
    expect(refreshes.length).toBeGreaterThanOrEqual(4);
    expect(refreshes.filter((status) => status !== 200)).toEqual([]);
    for (const tab of tabs) {
      expect(await tab.locator('[data-role="login-page"]').count()).toBe(0);
      expect(await tab.locator('[data-role="session-name"]').textContent()).toBe(DESIGNER.username);
    }
    expect(pageErrors).toEqual([]);
  });

  it('answers a refused access token with a new one from the cookie and sends the request again, without the log-in page', async () => {
    // given a signed-in page whose next request for the versions carries a token the engine refuses
    const { page, pageErrors, answers } = await openRecorded();
    let tampered = false;
    await page.route('**/api/process-versions**', async (route) => {
      if (tampered) return route.continue();
      tampered = true;
      return route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer not-a-token' } });
    });
    // when the designer opens the versions
    await page.goto(`${stack.baseUrl}/#/versions`);
    // then the refused request is followed by a refresh and the same request again, and the versions are listed
    await page.locator('[data-role="version-list"] [data-version-id]').first().waitFor();
    const refused = answers.findIndex((answer) => answer.startsWith('401 /api/process-versions'));
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(answers.slice(refused + 1)).toEqual(expect.arrayContaining(['200 /api/auth/refresh', expect.stringMatching(/^200 \/api\/process-versions/)]));
    expect(await page.locator('[data-role="login-page"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
