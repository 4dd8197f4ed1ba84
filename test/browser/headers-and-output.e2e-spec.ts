import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser, deployXml, projectRoot, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { collectPageErrors } from './support/chromium.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const PASSWORD = 'headers-user-password';

/** A form whose text view shows case variables, as a designer would write it. */
const SUMMARY_FORM = {
  id: 'case-summary',
  name: 'Case summary',
  type: 'default',
  components: [
    { id: 'Text_Summary', type: 'text', text: 'Summary: {{summary}}' },
    { id: 'Text_Note', type: 'text', text: 'Note: {{note}}' },
    { id: 'Field_Answer', type: 'textfield', key: 'answer', label: 'Answer' },
  ],
};

const SUMMARY_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="summary-case" name="Summary case" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="read-summary" name="Read the summary" tandem:candidateGroups="first-line" tandem:formKey="form:case-summary">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="read-summary" />
    <bpmn:sequenceFlow id="f2" sourceRef="read-summary" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** Run in every document before its own scripts: keeps what the policy blocked, where. */
const RECORD_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(event.violatedDirective + ' blocked ' + event.blockedURI + ' at ' + event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber));
`;

/** A local HTTP server that counts every request but those for its framing page. */
interface Bait {
  origin: string;
  hits: string[];
  server: Server;
}

const startBait = async (appUrl: () => string): Promise<Bait> => {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    if (request.url === '/frame') {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><title>framer</title><iframe id="app" src="${appUrl()}/" width="800" height="600"></iframe>`);
      return;
    }
    hits.push(request.url ?? '');
    response.setHeader('content-type', 'image/gif');
    response.end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
};

/**
 * The web app under its Content Security Policy: every page, as the users who work on it, with no
 * violation reported and the page working; the app refuses to be framed; a form's text view shows
 * case variables as text, never as HTML that loads an image from another host.
 */
describe('the web app under its security headers', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let bait: Bait;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const sessions: Record<string, WebSession> = {};
  let versions: { asIs: string; toBe: string };

  const signInAs = async (username: string, roles: string[], groups: string[] = []): Promise<void> => {
    await createUser(engine, { username, password: PASSWORD, roles, groups });
    sessions[username] = await webSession(engine.baseUrl, { username, password: PASSWORD });
  };

  const api = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${engine.baseUrl}/${path}`, { ...init, headers: { 'content-type': 'application/json', ...engine.authHeaders, ...init.headers } });

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl } = stack);
    bait = await startBait(() => baseUrl);
    const group = await api('groups', { method: 'POST', body: JSON.stringify({ id: 'first-line', name: 'first-line' }) });
    if (group.status !== 201) throw new Error(`group: ${group.status}`);
    await signInAs('ana', ['agent'], ['first-line']);
    await signInAs('ali', ['analyst']);
    const reference = (file: string) => readFile(join(projectRoot(), 'processes/customer-service', file), 'utf8');
    versions = { asIs: (await deployXml(engine, await reference('as-is.bpmn'))).id, toBe: (await deployXml(engine, await reference('to-be.bpmn'))).id };
    const body = new FormData();
    body.append('file', new Blob([JSON.stringify(SUMMARY_FORM)]), 'case-summary.form');
    body.append('file', new Blob([SUMMARY_PROCESS]), 'summary-case.bpmn');
    const deployed = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: engine.authHeaders, body });
    if (deployed.status !== 201) throw new Error(`deploy failed: ${deployed.status} ${await deployed.text()}`);
    // The payloads: an <img> in one variable, a markdown image and link in another, an <img> in a comment.
    const variables = { summary: `<img src="${bait.origin}/pixel">`, note: `![pixel](${bait.origin}/markdown-pixel) [link](${bait.origin}/link)` };
    const started = await api('processes/summary-case/instances', { method: 'POST', body: JSON.stringify({ businessKey: 'summary-1', variables }) });
    if (started.status !== 201) throw new Error(`start failed: ${started.status} ${await started.text()}`);
    const { id: instanceId } = (await started.json()) as { id: string };
    const [task] = (await (await api(`tasks?view=all&instanceId=${instanceId}&status=open`)).json()) as Array<{ id: string }>;
    const comment = await api(`tasks/${task.id}/comments`, { method: 'POST', body: JSON.stringify({ text: `<img src="${bait.origin}/comment-pixel">` }) });
    if (comment.status !== 201) throw new Error(`comment failed: ${comment.status} ${await comment.text()}`);
  }, 180_000);

  afterAll(async () => {
    await new Promise((resolve) => bait?.server.close(resolve));
    await stack?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  /** A page that records every CSP violation its documents report, from before any script of theirs runs. */
  const open = async (session?: WebSession): Promise<void> => {
    if (session) ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1400, height: 900 }, session));
    else {
      context = await stack.browser.newContext({ viewport: { width: 1400, height: 900 } });
      page = await context.newPage();
      pageErrors = collectPageErrors(page);
    }
    await page.addInitScript(RECORD_VIOLATIONS);
  };

  const visit = async (hash: string, ready: string): Promise<void> => {
    await page.goto(`${baseUrl}/${hash}`);
    await page.waitForSelector(ready);
  };

  const violations = (): Promise<string[]> => page.evaluate<string[]>('window.cspViolations');

  /** No violation reported, and no console line about the policy (pageErrors holds every console error). */
  const expectNoViolations = async (): Promise<void> => {
    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  };

  it('serves the app, its assets and Swagger UI with the headers', async () => {
    // when the page, its script and the docs are fetched as a browser would
    const index = await fetch(`${baseUrl}/`);
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    const asset = await fetch(`${baseUrl}/${script}`);
    const docs = await fetch(`${baseUrl}/api/docs/`);
    // then each carries the policy, no framing, nosniff, no referrer and no X-Powered-By
    for (const response of [index, asset, docs]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('shows the sign-in page without a violation', async () => {
    await open();
    await visit('', '[data-role="login-username"]');
    await expectNoViolations();
  });

  it("runs the designer's pages without a violation: modeler with its properties panel, versions, compare", async () => {
    // given the designer
    await open(stack.designer);
    // when they open the modeler and select an element, the deployed versions, and the compare page
    await visit('#/modeler', '[data-role="canvas"] .djs-container');
    await page.locator('[data-role="canvas"] .djs-shape').first().click();
    await page.waitForSelector('[data-role="properties"] .bio-properties-panel-group');
    await visit(`#/versions/${versions.toBe}`, '[data-role="viewer-canvas"] .djs-shape');
    await visit(`#/diff/${versions.asIs}/${versions.toBe}`, '.tandem-diff-badge');
    // then every page worked and the policy blocked nothing
    await expectNoViolations();
  });

  it("runs the analyst's pages without a violation: insights, experiments, prediction", async () => {
    await open(sessions.ali);
    await visit('#/insights', '[data-role="insights-page"][data-loaded="true"]');
    await visit('#/insights/experiments', '[data-role="experiments-page"][data-loaded="true"]');
    await visit('#/insights/predict', '[data-role="prediction-page"][data-loaded="true"]');
    await expectNoViolations();
  });

  it("shows the agent's form text with the case's variables, and the case's comments, as text: no image, no request to the other host", async () => {
    // given ana's queue, with the case whose summary is an <img>, whose note is a markdown image, and whose comment is an <img>
    await open(sessions.ana);
    await visit('#/tasklist', '[data-role="tasklist-page"]');
    await page.locator('[data-queue="queue"]').click();
    // when she opens the task
    await page.locator('[data-role="task-row"]', { hasText: 'summary-1' }).click();
    const form = page.locator('[data-role="form-container"]');
    await form.getByText('Summary:').waitFor();
    // then the form shows the literal text of both variables
    await expect(form.locator('.fjs-form-field-text').allInnerTexts()).resolves.toEqual([
      `Summary: <img src="${bait.origin}/pixel">`,
      `Note: ![pixel](${bait.origin}/markdown-pixel) [link](${bait.origin}/link)`,
    ]);
    // and neither became an image or a link
    expect(await form.locator('.fjs-form-field-text').locator('img, a').count()).toBe(0);
    // and the case's comment with the same payload is text as well
    const comment = page.locator('[data-role="comments"] .comment-text');
    await comment.waitFor();
    expect(await comment.innerText()).toBe(`<img src="${bait.origin}/comment-pixel">`);
    expect(await page.locator('[data-role="comments"] img').count()).toBe(0);
    // and the page settles without asking the other host for anything, and without a violation
    await page.waitForLoadState('networkidle');
    expect(bait.hits).toEqual([]);
    await expectNoViolations();
  });

  it('opens Swagger UI without a violation', async () => {
    await open();
    await visit('api/docs', '.swagger-ui .info .title');
    await expectNoViolations();
  });

  it('refuses to be framed by another site', async () => {
    // given a page on another origin that frames the app
    await open();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('frame-ancestors')) refusals.push(message.text());
    });
    // when it loads
    await page.goto(`${bait.origin}/frame`);
    await page.waitForLoadState('load');
    // then Chromium refuses the frame under frame-ancestors 'none', and the app never runs in it
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.locator('[data-role="pages"]').count()).toBe(0);
    expect(refusals).toEqual([expect.stringContaining("frame-ancestors 'none'")]);
  });
});
