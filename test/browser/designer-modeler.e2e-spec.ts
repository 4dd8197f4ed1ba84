import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot, type EngineProcess } from '../../bench/support/engine-process.js';
import { screenshot } from './support/chromium.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

/** Waits until the locator's whole text is `text`: the page updates after the designer's input. */
const textOf = async (locator: Locator, text: string): Promise<string | null> => {
  await locator.filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).waitFor();
  return (await locator.textContent())?.trim() ?? null;
};

/**
 * The designers' web app in a real Chromium, served by a real engine process (the builds of
 * `npm run build` and `npm run build:web`) on a database of its own.
 */
describe('designing a process in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let sut: ModelerDriver;

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl } = stack);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1400, height: 900 }));
    sut = new ModelerDriver(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  it('draws a user task, classifies it NVA, flags and fixes an error, deploys and reopens the version', async () => {
    // given a new diagram
    await sut.open(baseUrl);
    // when the designer appends a task to the start event, makes it a user task and ends the path
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Re-enter customer data');
    await sut.replaceWith(taskId, 'replace-with-user-task');
    await sut.append(taskId, 'append.end-event');
    // then the task is flagged as unclassified and nothing counts as NVA yet
    await sut.root.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="unclassified"]`).waitFor();
    expect(await textOf(sut.figure('unclassified'), '1')).toBe('1');
    expect(await textOf(sut.figure('nva-steps'), '0')).toBe('0');

    // when the task is classified NVA with 12 standard minutes
    await sut.select(taskId);
    await sut.field('valueClass').selectOption('NVA');
    await sut.field('standardMinutes').fill('12');
    // then its marker turns NVA and the summary counts it
    await sut.root.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="NVA"]`).waitFor();
    expect(await textOf(sut.figure('nva-steps'), '1')).toBe('1');
    expect(await textOf(sut.figure('nva-minutes'), '12')).toBe('12');
    expect(await textOf(sut.figure('unclassified'), '0')).toBe('0');
    expect(await sut.shape(taskId).getAttribute('class')).toContain('tandem-value-nva');
    await screenshot(page, '01-modeler-nva-task');

    // when the due-in is not a duration
    await sut.field('dueIn').fill('tomorrow');
    // then the task carries an error badge and the list names it, with the server's rule
    await sut.root.locator(`.tandem-problem-badge[data-element="${taskId}"][data-severity="error"]`).waitFor();
    const dueInProblem = sut.root.locator(`[data-role="problems"] li.problem[data-rule="task-attributes"][data-element="${taskId}"]`);
    expect(await dueInProblem.textContent()).toContain('tandem:dueIn "tomorrow"');
    await screenshot(page, '02-modeler-due-in-error');

    // when it is deployed anyway
    await sut.click('deploy');
    // then the engine refuses it and its list of problems is shown the same way
    await sut.root.locator('[data-role="status"][data-kind="error"]').waitFor();
    await sut.root.locator('[data-role="problems"][data-origin="deploy"]').waitFor();
    expect(await dueInProblem.count()).toBe(1);
    expect(await sut.status().textContent()).toContain('Deploy refused');
    await screenshot(page, '03-modeler-deploy-refused');

    // when the designer clicks the problem in the list
    await sut.root.locator('.canvas').click({ position: { x: 700, y: 560 } });
    await dueInProblem.click();
    // then the task is selected
    await sut.root.locator(`.djs-shape.selected[data-element-id="${taskId}"]`).waitFor();

    // when the due-in is fixed
    await sut.field('dueIn').fill('PT4H');
    // then no error is left, on the canvas or in the list
    await sut.root.locator('[data-role="problems"][data-origin="live"][data-errors="0"]').waitFor();
    expect(await sut.root.locator('.tandem-problem-badge[data-severity="error"]').count()).toBe(0);

    // when it is deployed, tagged to-be
    await sut.deploy('to-be');
    // then the engine answers with version 1
    await sut.root.locator('[data-role="status"][data-kind="success"]').waitFor();
    const status = await sut.status().textContent();
    expect(status).toMatch(/Deployed process-\w+ version 1\./);
    await screenshot(page, '04-modeler-deployed');
    const versionLink = sut.status().locator('a');
    const versionId = (await versionLink.getAttribute('href'))?.replace('#/versions/', '');
    expect(versionId).toMatch(/^[0-9a-f-]{36}$/);

    // when the designer opens the deployed version from the status line
    await versionLink.click();
    // then it shows read-only with the same marker and figures
    const versions = page.locator('[data-role="versions-page"]');
    await versions.locator(`[data-role="version-title"][data-version-id="${versionId}"]`).waitFor();
    expect(await versions.locator('[data-role="version-title"]').textContent()).toMatch(/ · version 1 · to-be · deployed .+ by dora$/);
    await versions.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="NVA"]`).waitFor();
    expect(await textOf(versions.locator('[data-figure="nva-steps"] .figure-value'), '1')).toBe('1');
    expect(await textOf(versions.locator('[data-figure="nva-minutes"] .figure-value'), '12')).toBe('12');
    expect(await versions.locator('[data-role="read-only"]').isVisible()).toBe(true);
    expect(await versions.locator('.djs-palette').count()).toBe(0);
    expect(await versions.locator(`.version-link[data-version-id="${versionId}"]`).count()).toBe(1);
    await screenshot(page, '05-version-read-only');

    // and the engine stored our attributes as the designer set them
    const stored = (await (await fetch(`${engine.baseUrl}/process-versions/${versionId}`, { headers: engine.authHeaders })).json()) as { key: string; xml: string };
    expect(stored.xml).toContain('tandem:valueClass="NVA"');
    expect(stored.xml).toContain('tandem:standardMinutes="12"');
    expect(stored.xml).toContain('tandem:dueIn="PT4H"');

    // when the designer takes the version back into the modeler
    await versions.locator('[data-action="edit-copy"]').click();
    // then it opens there as an editable copy
    await textOf(sut.root.locator('[data-role="origin"]'), `${stored.key} version 1 (editing a copy)`);
    await sut.root.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="NVA"]`).waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('marks a process as one case per business key, which the engine then enforces', async () => {
    // given a new diagram whose start event leads to an end
    await sut.open(baseUrl);
    await sut.append('StartEvent_1', 'append.end-event');
    // when the designer, with nothing selected, sets the process's unique business key and deploys
    await sut.field('uniqueBusinessKey').selectOption('true');
    await sut.deploy();
    await sut.root.locator('[data-role="status"][data-kind="success"]').waitFor();
    const versionId = (await sut.status().locator('a').getAttribute('href'))?.replace('#/versions/', '');
    // then the stored model carries the attribute, and a second case with one business key is refused
    const stored = (await (await fetch(`${engine.baseUrl}/process-versions/${versionId}`, { headers: engine.authHeaders })).json()) as { key: string; xml: string };
    expect(stored.xml).toMatch(/<bpmn:process [^>]*tandem:uniqueBusinessKey="true"/);
    const start = () =>
      fetch(`${engine.baseUrl}/processes/${stored.key}/instances`, {
        method: 'POST',
        headers: { ...engine.authHeaders, 'Content-Type': 'application/json' },
        body: JSON.stringify({ businessKey: 'B-1' }),
      });
    expect([(await start()).status, (await start()).status]).toEqual([201, 409]);
    expect(pageErrors).toEqual([]);
  });

  it('opens a model file with its value classes, and keeps it when a broken file is opened', async () => {
    // given the modeler
    await sut.open(baseUrl);
    // when the as-is reference process is opened from a file
    await sut.root.locator('[data-role="file-input"]').setInputFiles(join(projectRoot(), 'processes/customer-service/as-is.bpmn'));
    // then its steps show their classes: 9 NVA steps with 6+8+0+10+5+10+10+10+5 = 64 standard minutes (hand count)
    await textOf(sut.root.locator('[data-role="origin"]'), 'as-is.bpmn');
    expect(await textOf(sut.figure('nva-steps'), '9')).toBe('9');
    expect(await textOf(sut.figure('nva-minutes'), '64')).toBe('64');
    expect(await textOf(sut.figure('va'), '4')).toBe('4');
    expect(await textOf(sut.figure('bva'), '4')).toBe('4');
    expect(await sut.root.locator('.tandem-value-badge[data-value-class="NVA"]').count()).toBe(9);
    await screenshot(page, '06-modeler-as-is');

    // when the designer downloads the XML
    const [download] = await Promise.all([page.waitForEvent('download'), sut.click('download')]);
    // then the file is named after the process and keeps every tandem: attribute of the original
    expect(download.suggestedFilename()).toBe('customer-service.bpmn');
    const original = await readFile(join(projectRoot(), 'processes/customer-service/as-is.bpmn'), 'utf8');
    const downloaded = await readFile((await download.path())!, 'utf8');
    const tandemAttributes = (xml: string) => (xml.match(/tandem:\w+="[^"]*"/g) ?? []).sort();
    expect(tandemAttributes(downloaded)).toEqual(tandemAttributes(original));

    // when a file that is not well-formed XML is opened
    await sut.root.locator('[data-role="file-input"]').setInputFiles({
      name: 'broken.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">'),
    });
    // then the page says what failed and the as-is diagram stays
    await sut.root.locator('[data-role="status"][data-kind="error"]').waitFor();
    expect(await sut.status().textContent()).toContain('Could not open broken.bpmn');
    expect(await sut.root.locator('[data-role="origin"]').textContent()).toBe('as-is.bpmn');
    expect(await sut.root.locator('.tandem-value-badge[data-value-class="NVA"]').count()).toBe(9);
    await screenshot(page, '07-modeler-broken-file');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('keeps camunda: and zeebe: settings of a Camunda Modeler file through editing and download', async () => {
    // given a model made with Camunda Modeler, opened from a file
    const fixture = join(projectRoot(), 'test/browser/fixtures/camunda-and-zeebe.bpmn');
    await sut.open(baseUrl);
    await sut.root.locator('[data-role="file-input"]').setInputFiles(fixture);
    await textOf(sut.root.locator('[data-role="origin"]'), 'camunda-and-zeebe.bpmn');
    // then the server's rules accept its camunda: settings (topic, due date) and its value classes count
    await sut.root.locator('[data-role="problems"][data-errors="0"]').waitFor();
    expect(await textOf(sut.figure('nva-minutes'), '3')).toBe('3');
    // when the designer reclassifies the user task and downloads the XML
    await sut.select('Task_Call');
    await sut.field('valueClass').selectOption('BVA');
    expect(await textOf(sut.figure('bva'), '1')).toBe('1');
    const [download] = await Promise.all([page.waitForEvent('download'), sut.click('download')]);
    // then every camunda: and zeebe: attribute and element is still there, beside the new value class
    const foreign = (xml: string) => (xml.match(/(camunda|zeebe):\w+(="[^"]*")?/g) ?? []).sort();
    const original = await readFile(fixture, 'utf8');
    const downloaded = await readFile((await download.path())!, 'utf8');
    expect(foreign(downloaded)).toEqual(foreign(original));
    expect(downloaded).toMatch(/<bpmn:userTask id="Task_Call"[^>]*tandem:valueClass="BVA"/);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('restores a saved draft after a reload, and opens a deployed version as an editable copy', async () => {
    // given a deployed to-be process and a diagram with one named task, saved as a draft
    const toBe = await readFile(join(projectRoot(), 'processes/customer-service/to-be.bpmn'), 'utf8');
    const deployed = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: { 'content-type': 'application/xml', ...engine.authHeaders }, body: toBe });
    expect(deployed.status).toBe(201);
    await sut.open(baseUrl);
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Call the customer back');
    await sut.click('save-draft');
    await sut.root.locator('[data-role="status"][data-kind="success"]').waitFor();
    // when the page is reloaded
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    // then the draft is back
    expect(await sut.status().textContent()).toContain('Restored your draft');
    await sut.shape(taskId).waitFor();

    // when the designer opens the deployed to-be version from the modeler, and confirms replacing the undeployed draft
    page.once('dialog', (dialog) => void dialog.accept());
    await sut.click('open-deployed');
    const dialog = sut.root.locator('[data-role="open-dialog"]');
    await dialog.locator('[data-process-key="customer-service"] .version-link[data-version="1"]').click();
    // then it replaces the draft in the modeler as an editable copy, with its value classes
    await textOf(sut.root.locator('[data-role="origin"]'), 'customer-service version 1 (editing a copy)');
    await sut.shape('Task_SendReminder').waitFor();
    expect(await textOf(sut.figure('nva-steps'), '1')).toBe('1');
    expect(await sut.root.locator('.djs-palette').count()).toBe(1);
    await screenshot(page, '08-modeler-deployed-copy');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
