import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser, deployXml, projectRoot } from '../../bench/support/engine-process.js';
import { webSession } from '../../bench/support/web-session.js';
import { screenshot } from './support/chromium.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const reference = (file: string) => readFile(join(projectRoot(), 'processes/customer-service', file), 'utf8');

/** A process whose call activity starts whichever customer-service version is the newest. */
const INTAKE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="intake-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="complaint-intake" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="Call_Service" name="Handle the request" calledElement="customer-service"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:callActivity>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Call_Service" />
    <bpmn:sequenceFlow id="f2" sourceRef="Call_Service" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** Point 6 of issue 21: deploying is a decision. */
describe('deploying from the modeler', () => {
  let stack: WebStack;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let sut: ModelerDriver;

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${stack.engine.baseUrl}/${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...stack.engine.authHeaders },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as never };
  };

  beforeAll(async () => {
    stack = await startWebStack();
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

  it('shows the diff against the newest version, the experiment and callers using it, and asks for a tag', async () => {
    // given the as-is (v1) and the to-be (v2) in a running experiment, and a process calling the latest customer-service
    const asIs = await deployXml(stack.engine, await reference('as-is.bpmn'));
    const toBe = await deployXml(stack.engine, await reference('to-be.bpmn'));
    await deployXml(stack.engine, INTAKE);
    const created = await api('experiments', {
      method: 'POST',
      body: {
        processKey: 'customer-service',
        seed: 21,
        arms: [
          { id: 'as-is', role: 'baseline', processVersionId: asIs.id, weight: 50 },
          { id: 'to-be', role: 'candidate', processVersionId: toBe.id, weight: 50 },
        ],
        primaryMetric: 'leadTime',
        secondaryMetrics: [],
        plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
      },
    });
    expect(created.status).toBe(201);
    const experimentId = (created.body as { id: string }).id;
    expect((await api(`experiments/${experimentId}/start`, { method: 'POST', body: {} })).status).toBe(200);

    // when the designer opens the as-is in the modeler and clicks Deploy
    await sut.open(stack.baseUrl);
    await sut.click('open-deployed');
    await sut.root.locator('[data-role="open-dialog"] [data-process-key="customer-service"] .version-link[data-version="1"]').click();
    await sut.root.locator('[data-role="origin"]:text-is("customer-service version 1 (editing a copy)")').waitFor();
    await sut.click('deploy');
    const dialog = sut.root.locator('[data-role="deploy-dialog"][open]');
    const process = dialog.locator('[data-process-key="customer-service"]');
    await process.waitFor();

    // then it says the model becomes version 3 in place of the to-be, with 8 more NVA steps, 64 more NVA minutes and 45 points more NVA share
    expect(await process.locator('[data-role="deploy-outcome"]').textContent()).toMatch(
      /^This becomes version 3, the newest of customer-service: new cases start on it instead of customer-service · v2 · /,
    );
    expect(await process.locator('[data-figure="nva-steps"]').getAttribute('data-delta')).toBe('8');
    expect(await process.locator('[data-figure="nva-minutes"]').getAttribute('data-delta')).toBe('64');
    expect(await process.locator('[data-role="deploy-nva-share"]').textContent()).toBe('NVA share of steps 8 % → 53 % (+45 points)');
    expect(await process.locator('[data-list]').count()).toBeGreaterThan(0);
    // and it names the running experiment, whose candidate is the newest now, and the call activity that will start version 3
    expect(await process.locator(`[data-role="deploy-experiment"][data-experiment-id="${experimentId}"]`).textContent()).toContain(
      'An experiment is running on customer-service; its candidate arm is version 2, the newest now.',
    );
    expect(await process.locator('[data-role="deploy-callers"] li').allTextContents()).toEqual(['complaint-intake v1: Handle the request (Call_Service)']);
    // and what only the engine knows: no worker has fetched the reminders' job type from it yet
    const engineWarnings = await dialog.locator('[data-role="deploy-engine-warnings"]:visible li[data-rule="job-worker"]').allTextContents();
    expect(engineWarnings.length).toBeGreaterThan(0);
    expect(engineWarnings.every((text) => text.includes("a job of type 'send-reminder'"))).toBe(true);
    // and it cannot be confirmed without a tag
    expect(await dialog.locator('[data-action="confirm-deploy"]').isDisabled()).toBe(true);
    await screenshot(page, 'i21-deploy-dialog');

    // when the designer cancels
    await dialog.locator('[data-action="cancel-deploy"]').click();
    // then nothing is deployed
    await sut.status().filter({ hasText: 'Not deployed.' }).waitFor();
    expect((await api('process-versions?key=customer-service')).body).toHaveLength(2);

    // when they deploy with the tag as-is
    await sut.deploy('as-is');
    // then version 3 exists with that tag
    await sut.status().filter({ hasText: 'Deployed customer-service version 3.' }).waitFor();
    const versions = (await api('process-versions?key=customer-service')).body as { version: number; tag: string | null }[];
    expect(versions.find((version) => version.version === 3)?.tag).toBe('as-is');
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('clears the waste type when a step becomes VA, in one undoable change, and flags a VA step that keeps one', async () => {
    // given an NVA task with a waste type
    await sut.open(stack.baseUrl);
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Re-key the order');
    await sut.select(taskId);
    await sut.field('valueClass').selectOption('NVA');
    await sut.field('wasteType').selectOption('overprocessing');
    await screenshot(page, 'i21-waste-type-before');
    // when it is reclassified VA
    await sut.field('valueClass').selectOption('VA');
    // then its waste type is cleared
    await sut.root.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="VA"]`).waitFor();
    expect(await sut.field('wasteType').inputValue()).toBe('');
    await screenshot(page, 'i21-waste-type-after');
    // when the designer undoes once, from outside the panel
    await sut.root.locator('[data-role="summary"]').click();
    await page.keyboard.press('Control+Z');
    // then the class and the waste type come back together
    await sut.root.locator(`.tandem-value-badge[data-element="${taskId}"][data-value-class="NVA"]`).waitFor();
    await sut.select(taskId);
    expect(await sut.field('wasteType').inputValue()).toBe('overprocessing');

    // when a model made elsewhere has a VA step with a waste type
    page.once('dialog', (question) => void question.accept());
    const asIs = await reference('as-is.bpmn');
    const edited = asIs.replace(/(id="Task_RekeyIntoCrm"[^>]*)tandem:valueClass="NVA"/, '$1tandem:valueClass="VA"');
    expect(edited).not.toBe(asIs);
    await sut.openFile({ name: 'as-is-edited.bpmn', xml: edited });
    // then the problem list warns about it
    const warning = sut.root.locator('[data-role="problems"] li.problem[data-rule="lean-attributes"][data-element="Task_RekeyIntoCrm"]');
    expect(await warning.textContent()).toContain('is VA but keeps the waste type "overprocessing"');
    expect(await warning.getAttribute('data-severity')).toBe('warning');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows an analyst no Deploy and no Save draft button', async () => {
    // given an analyst signed in
    const credentials = { username: 'ana-analyst', password: 'ana-analyst-password' };
    await createUser(stack.engine, { ...credentials, roles: ['analyst'] });
    const analyst = await openSignedInPage(stack, { width: 1400, height: 900 }, await webSession(stack.engine.baseUrl, credentials));
    // when they open the modeler
    await analyst.page.goto(`${stack.baseUrl}/#/modeler`);
    await analyst.page.waitForSelector('body[data-ready="true"]');
    const modeler = new ModelerDriver(analyst.page);
    await modeler.root.locator('[data-action="download"]').waitFor();
    // then the buttons the role table does not allow them are not shown, and nothing failed
    expect(await modeler.root.locator('[data-action="deploy"]').isVisible()).toBe(false);
    expect(await modeler.root.locator('[data-action="save-draft"]').isVisible()).toBe(false);
    expect(await modeler.root.locator('[data-action="open-deployed"]').isVisible()).toBe(true);
    expect(await modeler.status().isVisible()).toBe(false);
    await screenshot(analyst.page, 'i21-modeler-analyst');
    expect(analyst.pageErrors).toEqual([]);
    await analyst.context.close();
  }, 60_000);
});
