import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../bench/support/engine-process.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const fixture = (name: string) => join(projectRoot(), 'test/e2e/fixtures/camunda-7', name);

/** Issue 22 in the modeler: a documentation-only drawing says so and can be made executable; a Camunda 7 model's JUEL is no error. */
describe('Camunda 7 models in the modeler', () => {
  let stack: WebStack;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let sut: ModelerDriver;

  beforeAll(async () => {
    stack = await startWebStack();
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1400, height: 900 }));
    // Each test opens another drawing over the one the last edited; the modeler asks before replacing edits, and the designer agrees.
    page.on('dialog', (dialog) => void dialog.accept());
    sut = new ModelerDriver(page);
    await sut.open(stack.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  const notice = () => sut.root.locator('[data-role="documentation-notice"]');

  it('shows the documentation-only notice, and Make executable clears it', async () => {
    // when a drawing whose only process is not executable is opened
    await sut.openFile(fixture('complaint-documentation.bpmn'));
    // then the notice says so, and nothing in the problem list is an error
    await notice().waitFor({ state: 'visible' });
    expect(await notice().textContent()).toContain('Documentation only');
    expect(await sut.root.locator('[data-role="problems"] li.problem-error').count()).toBe(0);
    // when the designer makes it executable
    await sut.click('make-executable');
    // then the notice goes, and the downloaded model is executable
    await notice().waitFor({ state: 'hidden' });
    const [download] = await Promise.all([page.waitForEvent('download'), sut.click('download')]);
    expect(await readFile((await download.path())!, 'utf8')).toContain('isExecutable="true"');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("the properties panel's Executable checkbox does the same", async () => {
    // given the drawing opened again
    await sut.openFile(fixture('complaint-documentation.bpmn'));
    await notice().waitFor({ state: 'visible' });
    // when the process is selected (a click on empty canvas) and its Executable box ticked
    const canvas = sut.root.locator('.canvas');
    const { width } = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: width - 20, y: 10 } });
    // (bpmn-js's General group starts closed)
    const executable = sut.root.locator('#bio-properties-panel-isExecutable');
    if (!(await executable.isVisible())) await sut.root.locator('[data-group-id="group-general"] .bio-properties-panel-group-header').click();
    await executable.waitFor();
    expect(await executable.isChecked()).toBe(false);
    await executable.check();
    // then the notice goes
    await notice().waitFor({ state: 'hidden' });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows no error for the JUEL of a Camunda 7 model that deploys', async () => {
    // when the refund model (JUEL conditions, camunda: attributes, input/output parameters) is opened
    await sut.openFile(fixture('refund.bpmn'));
    await sut.shape('Task_Check').waitFor();
    // then no problem is an error: the deploy translates the JUEL
    expect(await sut.root.locator('[data-role="problems"] li.problem-error').allTextContents()).toEqual([]);
    expect(await notice().isHidden()).toBe(true);
  }, 60_000);

  it('marks a deployed documentation-only version in the list, and opens it with the notice', async () => {
    // given the drawing deployed
    const deployed = await fetch(`${stack.engine.baseUrl}/deployments`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', ...stack.engine.authHeaders },
      body: await readFile(fixture('complaint-documentation.bpmn'), 'utf8'),
    });
    expect(deployed.status).toBe(201);
    const [version] = ((await deployed.json()) as { processVersions: Array<{ id: string; executable: boolean }> }).processVersions;
    expect(version!.executable).toBe(false);
    // when the designer opens the list of deployed versions
    await sut.click('open-deployed');
    const entry = sut.root.locator('[data-role="open-list"] li', { has: page.locator(`[data-version-id="${version!.id}"]`) });
    // then the version says it is documentation only, and choosing it shows the notice
    expect(await entry.locator('.documentation-only').textContent()).toBe('documentation only');
    await entry.locator(`[data-version-id="${version!.id}"]`).click();
    await notice().waitFor({ state: 'visible' });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
