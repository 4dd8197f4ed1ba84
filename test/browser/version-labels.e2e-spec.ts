import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { createUser, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const ANALYST = { username: 'lena', password: 'labels-password-1' } as const;

/** The smallest model a case ends on at once (start, end), with a diagram for the heatmap; each edition has its own name. */
const model = (edition: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="label-demo-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="label-demo" name="Label demo (${edition})" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>flow</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="flow" sourceRef="received" targetRef="done" />
    <bpmn:endEvent id="done"><bpmn:incoming>flow</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="label-demo">
      <bpmndi:BPMNShape id="received_di" bpmnElement="received"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="done_di" bpmnElement="done"><dc:Bounds x="250" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="flow_di" bpmnElement="flow"><di:waypoint x="136" y="118" /><di:waypoint x="250" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** Labels: two versions of one key told apart in every picker, and the insights opening on the one with the cases. */
describe('version labels in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let analyst: WebSession;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let asIs: { id: string; version: number };
  let toBe: { id: string; version: number };

  const call = async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const authorization = init.token ? { authorization: `Bearer ${init.token}` } : engine.authHeaders;
    const response = await fetch(`${engine.baseUrl}/${path}`, { ...init, headers: { 'content-type': 'application/json', ...authorization, ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  /** Deployed by the designer, so the label names them. */
  const deploy = async (xml: string, tag: string): Promise<{ id: string; version: number }> =>
    (
      await call<{ processVersions: Array<{ id: string; version: number }> }>(`deployments?tag=${encodeURIComponent(tag)}`, {
        method: 'POST',
        body: xml,
        headers: { 'content-type': 'application/xml' },
        token: stack.designer.token,
      })
    ).processVersions[0]!;

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl } = stack);
    await createUser(engine, { ...ANALYST, roles: ['analyst'] });
    analyst = await webSession(engine.baseUrl, ANALYST);
    // v1 (as-is) gets three ended cases; then v2 (to-be) is deployed, and nothing ends on it
    asIs = await deploy(model('as-is'), 'as-is');
    for (let i = 0; i < 3; i++) await call('processes/label-demo/instances', { method: 'POST', body: JSON.stringify({ variables: {} }) });
    toBe = await deploy(model('to-be'), 'to-be');
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  const insights = (): Locator => page.locator('[data-role="insights-page"]');
  const loaded = () => page.waitForSelector('[data-role="insights-page"][data-loaded="true"]');
  const versionSelect = (): Locator => insights().locator('[data-role="version-select"]');
  const labelPattern = (version: number, tag: string): RegExp => new RegExp(`^label-demo · v${version} · ${tag} · deployed \\d{1,2} \\w{3} by ${stack.designer.user.name}$`);

  it('opens the insights on the version with the most ended cases, not the newest, and labels both', async () => {
    // given the API counts the cases as the test made them
    const ended = async (id: string) => (await call<{ sampleSize: { cases: number } }>(`analytics/kpis?processVersionId=${id}`, { token: analyst.token })).sampleSize.cases;
    expect([await ended(asIs.id), await ended(toBe.id)]).toEqual([3, 0]);
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1280, height: 800 }, analyst));

    // when the analyst opens the insights and picks the process
    await page.goto(`${baseUrl}/#/insights`);
    await page.waitForSelector('body[data-ready="true"]');
    await loaded();
    // the next load is the one the process choice starts
    await insights().evaluate((node) => node.setAttribute('data-loaded', 'false'));
    await insights().locator('[data-role="process-select"]').selectOption('label-demo');
    await loaded();

    // then v1, where the cases ended, is chosen, and the status says so
    await expect(versionSelect().inputValue()).resolves.toBe(asIs.id);
    await expect(insights().locator('[data-role="status"]').textContent()).resolves.toContain('3 ended cases');
    // both versions are labeled with key, number, tag, day and deployer, and carry their own names
    const options = versionSelect().locator('option');
    expect(await options.allTextContents()).toEqual([expect.stringMatching(labelPattern(2, 'to-be')), expect.stringMatching(labelPattern(1, 'as-is'))]);
    await expect(options.nth(0).getAttribute('title')).resolves.toBe('Label demo (to-be)');
    await expect(options.nth(1).getAttribute('title')).resolves.toBe('Label demo (as-is)');
    // and the view is in the URL
    expect(new URL(page.url()).hash).toContain(`version=${asIs.id}`);
    expect(pageErrors).toEqual([]);
  });

  it('restores the view a URL holds after a reload', async () => {
    // given a URL naming the to-be version, p90 waiting, a window and a segment
    const hash = `#/insights?process=label-demo&version=${toBe.id}&measure=processing&statistic=p90&from=2026-01-01&to=2030-12-31&segmentVariable=channel&segmentValue=phone`;
    await page.goto(`${baseUrl}/${hash}`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await loaded();
    // then every input shows it
    const value = (role: string) => insights().locator(`[data-role="${role}"]`).inputValue();
    await expect(value('process-select')).resolves.toBe('label-demo');
    await expect(value('version-select')).resolves.toBe(toBe.id);
    await expect(value('measure-select')).resolves.toBe('processing');
    await expect(value('statistic-select')).resolves.toBe('p90');
    await expect(value('from')).resolves.toBe('2026-01-01');
    await expect(value('to')).resolves.toBe('2030-12-31');
    await expect(value('segment-variable')).resolves.toBe('channel');
    await expect(value('segment-value')).resolves.toBe('phone');
    // and the URL still holds it
    expect(new URL(page.url()).hash).toBe(hash);
    expect(pageErrors).toEqual([]);
  });

  it('labels the versions in the compare page and the prediction pickers the same way', async () => {
    // when the compare page opens
    await page.goto(`${baseUrl}/#/diff`);
    const after = page.locator('[data-role="after-select"] option', { hasText: 'label-demo' });
    await after.first().waitFor({ state: 'attached' });
    // then its options carry the label
    expect(await after.allTextContents()).toEqual([expect.stringMatching(labelPattern(2, 'to-be')), expect.stringMatching(labelPattern(1, 'as-is'))]);
    // and so do the prediction's pickers
    await page.goto(`${baseUrl}/#/insights/predict`);
    const baseline = page.locator('[data-role="baseline-select"] option', { hasText: 'label-demo' });
    await baseline.first().waitFor({ state: 'attached' });
    // (in the order the page lists them)
    expect((await baseline.allTextContents()).sort()).toEqual([expect.stringMatching(labelPattern(1, 'as-is')), expect.stringMatching(labelPattern(2, 'to-be'))]);
    expect(pageErrors).toEqual([]);
  });

  it('lets the designer retag a version on the versions page, and every label follows', async () => {
    // given the designer on the as-is version's page
    const designer = await openSignedInPage(stack, { width: 1280, height: 800 });
    try {
      await designer.page.goto(`${baseUrl}/#/versions/${asIs.id}`);
      const versions = designer.page.locator('[data-role="versions-page"]');
      await versions.locator(`[data-role="version-title"][data-version-id="${asIs.id}"]`).waitFor();
      await expect(versions.locator('[data-role="tag-input"]').inputValue()).resolves.toBe('as-is');
      // when the tag is changed and saved
      await versions.locator('[data-role="tag-input"]').fill('as-is 2025');
      await versions.locator('[data-action="save-tag"]').click();
      // then the status, the title and the list say so, and the API has it
      await versions.locator('[data-role="status"]', { hasText: 'tagged as-is 2025' }).waitFor();
      await expect(versions.locator('[data-role="version-title"]').textContent()).resolves.toMatch(/^Label demo \(as-is\) · version 1 · as-is 2025 · deployed /);
      await expect(versions.locator(`.version-link[data-version-id="${asIs.id}"]`).textContent()).resolves.toMatch(labelPattern(1, 'as-is 2025'));
      const stored = await call<{ tag: string | null }>(`process-versions/${asIs.id}`);
      expect(stored.tag).toBe('as-is 2025');
      expect(designer.pageErrors).toEqual([]);
    } finally {
      await designer.context.close();
    }
  });

  it('shows an analyst no tag form: the role table lets only designers retag', async () => {
    // given the analyst on the as-is version's page
    await page.goto(`${baseUrl}/#/versions/${asIs.id}`);
    const versions = page.locator('[data-role="versions-page"]');
    await versions.locator(`[data-role="version-title"][data-version-id="${asIs.id}"]`).waitFor();
    // then there is no tag to edit, and the tag is unchanged
    expect(await versions.locator('[data-role="tag-form"]').isVisible()).toBe(false);
    expect(await versions.locator('[data-action="save-tag"]').isVisible()).toBe(false);
    expect((await call<{ tag: string | null }>(`process-versions/${asIs.id}`)).tag).toBe('as-is 2025');
  });
});
