import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { deployXml, projectRoot, type EngineProcess } from '../../bench/support/engine-process.js';
import { screenshot } from './support/chromium.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const reference = (file: string) => readFile(join(projectRoot(), 'processes/customer-service', file), 'utf8');

/** The diff page: two deployed versions side by side, changes marked, NVA figures compared. */
describe('comparing two versions in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let asIs: { id: string };
  let toBe: { id: string };

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl } = stack);
    asIs = await deployXml(engine, await reference('as-is.bpmn'));
    toBe = await deployXml(engine, await reference('to-be.bpmn'));
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1600, height: 1000 }));
  });

  afterEach(async () => {
    await context?.close();
  });

  const diffPage = (): Locator => page.locator('[data-role="diff-page"]');
  const side = (name: 'before' | 'after'): Locator => diffPage().locator(`.diff-side[data-side="${name}"]`);
  const diffBadge = (name: 'before' | 'after', elementId: string, change: string): Locator =>
    side(name).locator(`.tandem-diff-badge[data-element="${elementId}"][data-change="${change}"]`);
  const figure = (name: string): Locator => diffPage().locator(`[data-role="diff-figures"] [data-figure="${name}"]`);

  it('shows the as-is and the to-be side by side with added, removed and changed steps and the NVA delta', async () => {
    // given the as-is (version 1) and the to-be (version 2) of customer-service, and the compare page
    await page.goto(`${baseUrl}/#/diff`);
    await page.waitForSelector('body[data-ready="true"]');
    // when the designer picks the as-is before and the to-be after and compares
    await diffPage().locator('[data-role="before-select"]').selectOption(asIs.id);
    await diffPage().locator('[data-role="after-select"]').selectOption(toBe.id);
    await diffPage().locator('[data-action="compare"]').click();
    // then the removed NVA steps are marked red on the as-is, the new steps green on the to-be
    await diffBadge('before', 'Task_RekeyIntoCrm', 'removed').waitFor();
    expect(await diffBadge('before', 'Task_RekeyIntoCrm', 'removed').textContent()).toBe('− NVA');
    expect(await side('before').locator('.djs-element.tandem-diff-removed[data-element-id="Task_HandOffNote"]').count()).toBe(1);
    expect(await diffBadge('after', 'Task_SyncRequestToCrm', 'added').textContent()).toBe('+ BVA');
    expect(await side('after').locator('.djs-element.tandem-diff-added[data-element-id="Task_SyncRequestToCrm"]').count()).toBe(1);
    // and a kept step with a new name and fewer minutes is amber on both sides
    await diffBadge('before', 'Task_FirstLineDiagnosis', 'changed').waitFor();
    await diffBadge('after', 'Task_FirstLineDiagnosis', 'changed').waitFor();
    // and nothing is marked added on the as-is or removed on the to-be
    expect(await side('before').locator('.tandem-diff-badge[data-change="added"]').count()).toBe(0);
    expect(await side('after').locator('.tandem-diff-badge[data-change="removed"]').count()).toBe(0);
    // and 9 NVA steps with 64 standard minutes went down to 1 step with 0 minutes
    expect(await figure('nva-steps').getAttribute('data-delta')).toBe('-8');
    expect((await figure('nva-steps').textContent())?.replace(/\s+/g, ' ').trim()).toBe('NVA steps 9 → 1 −8');
    expect((await figure('nva-minutes').textContent())?.replace(/\s+/g, ' ').trim()).toBe('NVA standard minutes 64 → 0 −64');
    // and the lists name each change
    const changes = diffPage().locator('[data-role="diff-changes"]');
    expect(await changes.locator('[data-list="value-classes"] li[data-change="removed"]').count()).toBe(10);
    expect(await changes.locator('[data-list="value-classes"] li[data-element="Task_HandOffNote"]').textContent()).toContain('NVA → none');
    const firstLine = changes.locator('[data-list="changed"] li[data-element="Task_FirstLineDiagnosis"]');
    expect(await firstLine.locator('[data-property="standardMinutes"]').textContent()).toBe('standardMinutes: 12 → 8');
    expect(await page.locator('[data-nav="diff"]').getAttribute('class')).toContain('active');
    await screenshot(page, '09-diff-as-is-to-be');

    // when the designer clicks a removed step in the list
    await changes.locator('[data-list="removed"] li[data-element="Task_TeamLeadApproval"]').click();
    // then it is highlighted on the side that has it, close enough to read
    await side('before').locator('.djs-element.tandem-diff-focus[data-element-id="Task_TeamLeadApproval"]').waitFor();
    await diffBadge('before', 'Task_TeamLeadApproval', 'removed').waitFor({ state: 'visible' });
    await screenshot(page, '10-diff-focused-step');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('designs a process, deploys two versions and compares the new one with the previous one', async () => {
    // given a designer's process deployed as version 1 with one NVA step of 12 minutes
    const sut = new ModelerDriver(page);
    await sut.open(baseUrl);
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Re-key order');
    await sut.replaceWith(taskId, 'replace-with-user-task');
    await sut.append(taskId, 'append.end-event');
    await sut.select(taskId);
    await sut.field('valueClass').selectOption('NVA');
    await sut.field('standardMinutes').fill('12');
    await sut.root.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="NVA"]`).waitFor();
    await sut.deploy();
    await sut.root.locator('[data-role="status"][data-kind="success"]').waitFor();
    // when the step is reclassified VA and deployed again as version 2
    await sut.field('valueClass').selectOption('VA');
    await sut.root.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="VA"]`).waitFor();
    await sut.deploy();
    await sut.status().filter({ hasText: 'version 2' }).waitFor();
    // and the designer opens version 2 and compares it with version 1
    await sut.status().locator('a').click();
    const compare = page.locator('[data-role="versions-page"] [data-action="compare-previous"]');
    await compare.filter({ hasText: 'Compare with version 1' }).waitFor();
    await compare.click();
    // then the step is amber on both sides, reclassified NVA -> VA, and the NVA figures drop by one step and 12 minutes
    await diffBadge('after', taskId, 'changed').waitFor();
    expect(await diffBadge('after', taskId, 'changed').textContent()).toBe('~ VA');
    expect(await diffBadge('before', taskId, 'changed').textContent()).toBe('~ VA');
    expect(await figure('nva-steps').getAttribute('data-delta')).toBe('-1');
    expect(await figure('nva-minutes').getAttribute('data-delta')).toBe('-12');
    const item = diffPage().locator(`[data-list="value-classes"] li[data-element="${taskId}"]`);
    expect((await item.textContent())?.replace(/\s+/g, ' ')).toContain('NVA → VA reclassified');
    expect(await diffPage().locator('[data-list="added"] li').count()).toBe(0);
    expect(await diffPage().locator('[data-list="removed"] li').count()).toBe(0);
    await screenshot(page, '11-diff-reclassified-step');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
