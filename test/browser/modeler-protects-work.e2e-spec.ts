import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { DESIGNER } from '../../bench/support/web-session.js';
import { screenshot } from './support/chromium.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

/** The next dialog (confirm, beforeunload) the page opens, answered as `accept` says. */
const nextDialog = (page: Page, accept: boolean): Promise<Dialog> =>
  new Promise((resolve) =>
    page.once('dialog', (dialog) => {
      void (accept ? dialog.accept() : dialog.dismiss()).then(() => resolve(dialog));
    }),
  );

/** A wide process: its last task, unclassified (a warning), lies far right of the first screen. */
const WIDE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="wide-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="wide" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="near" name="Near" tandem:valueClass="VA"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:task>
    <bpmn:task id="far" name="Far away"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="near" />
    <bpmn:sequenceFlow id="f2" sourceRef="near" targetRef="far" />
    <bpmn:sequenceFlow id="f3" sourceRef="far" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="wide">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="near_di" bpmnElement="near"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="far_di" bpmnElement="far"><dc:Bounds x="2600" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="2760" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="2600" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="2700" y="118" /><di:waypoint x="2760" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** Point 5 of issue 21: the modeler never loses a designer's work. */
describe('the modeler protects work', () => {
  let stack: WebStack;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let sut: ModelerDriver;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startWebStack();
    baseUrl = stack.baseUrl;
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1400, height: 900 }));
    sut = new ModelerDriver(page);
    await sut.open(baseUrl);
  });

  afterEach(async () => {
    await context?.close();
  });

  const draftSaved = () => sut.root.locator('[data-role="draft-state"][data-state="saved"]:has-text("Draft saved")').waitFor();

  it('autosaves the draft on the server: another browser restores it with a note, and can discard it', async () => {
    // given the designer draws a task in one browser, and the draft is saved
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Check the contract');
    await draftSaved();
    // when they open the modeler in another browser
    const other = await openSignedInPage(stack, { width: 1400, height: 900 });
    await other.page.goto(`${baseUrl}/#/modeler`);
    await other.page.waitForSelector('body[data-ready="true"]');
    const elsewhere = new ModelerDriver(other.page);
    // then the task is there, with a note saying the draft was restored
    await elsewhere.shape(taskId).waitFor();
    expect(await elsewhere.status().textContent()).toMatch(/^Restored your draft from .+ \(New diagram\)\. Discard draft$/);
    await screenshot(other.page, 'i21-modeler-draft-restored');
    // when the designer discards it there
    await elsewhere.click('discard-draft');
    // then a new diagram is open, and the server keeps no draft
    await elsewhere.status().filter({ hasText: 'Draft discarded' }).waitFor();
    expect(await elsewhere.shape(taskId).count()).toBe(0);
    const stored = await fetch(`${stack.engine.baseUrl}/drafts/modeler`, { headers: { authorization: `Bearer ${stack.designer.token}` } });
    expect(stored.status).toBe(404);
    expect(other.pageErrors).toEqual([]);
    await other.context.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('signs out without a question once the draft is saved, and restores it after signing in again', async () => {
    // given a saved edit
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Call the customer');
    await draftSaved();
    let asked = false;
    page.on('dialog', (dialog) => {
      asked = true;
      void dialog.dismiss();
    });
    // when the designer signs out and back in
    await page.locator('[data-action="sign-out"]').click();
    await page.locator('[data-role="login-username"]').fill(DESIGNER.username);
    await page.locator('[data-role="login-password"]').fill(DESIGNER.password);
    await page.locator('[data-action="sign-in"]').click();
    await page.waitForSelector('body[data-ready="true"]');
    // then nobody was asked, and the modeler shows the drawing again
    await sut.shape(taskId).waitFor();
    expect(await sut.status().textContent()).toContain('Restored your draft');
    expect(asked).toBe(false);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('asks before sign-out, replacing the diagram and tab close while the latest edit is not saved', async () => {
    // given the engine cannot store drafts just now, and the designer draws a task
    await page.route('**/api/drafts/modeler', (route) => (route.request().method() === 'PUT' ? route.abort() : route.continue()));
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Approve the refund');
    await sut.root.locator('[data-role="draft-state"][data-state="failed"]').waitFor();
    await screenshot(page, 'i21-modeler-draft-not-saved');

    // when they sign out, and decline
    const signOutQuestion = nextDialog(page, false);
    await page.locator('[data-action="sign-out"]').click();
    // then they were asked, and are still signed in with the drawing
    expect((await signOutQuestion).message()).toContain('could not be saved as a draft');
    expect(await page.locator('[data-role="session-user"]').isVisible()).toBe(true);
    expect(await sut.shape(taskId).count()).toBe(1);

    // when they start a new diagram, and decline
    const replaceQuestion = nextDialog(page, false);
    await sut.click('new');
    // then the drawing stays
    expect((await replaceQuestion).message()).toContain('Replace the diagram');
    expect(await sut.shape(taskId).count()).toBe(1);

    // when they close the tab
    const unloadQuestion = nextDialog(page, false);
    await page.close({ runBeforeUnload: true });
    // then the browser asks first
    expect((await unloadQuestion).type()).toBe('beforeunload');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('never overwrites a draft it could not read', async () => {
    // given a draft on the server, and a browser that cannot read it just now
    const headers = { authorization: `Bearer ${stack.designer.token}`, 'content-type': 'application/json' };
    const kept = await fetch(`${stack.engine.baseUrl}/drafts/modeler`, { method: 'PUT', headers, body: JSON.stringify({ xml: '<kept/>', origin: 'kept.bpmn' }) });
    expect(kept.status).toBe(200);
    const other = await openSignedInPage(stack, { width: 1400, height: 900 });
    await other.page.route('**/api/drafts/modeler', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"DATABASE_UNAVAILABLE","message":"try later"}' })
        : route.continue(),
    );
    // when the modeler opens there, and the designer draws and clicks Save draft
    await other.page.goto(`${baseUrl}/#/modeler`);
    await other.page.waitForSelector('body[data-ready="true"]');
    const elsewhere = new ModelerDriver(other.page);
    expect(await elsewhere.status().textContent()).toContain('Could not read your draft');
    await elsewhere.append('StartEvent_1', 'append.append-task', 'Draw anyway');
    await elsewhere.click('save-draft');
    // then it says drafts are off, and the stored draft is untouched
    await elsewhere.status().filter({ hasText: 'Drafts are off for this diagram' }).waitFor();
    const stored = (await (await fetch(`${stack.engine.baseUrl}/drafts/modeler`, { headers })).json()) as { xml: string };
    expect(stored.xml).toBe('<kept/>');
    await other.context.close();
  }, 60_000);

  it('undoes and redoes with the buttons and the shortcuts wherever focus is, but not in a text field', async () => {
    // given a task drawn on the canvas
    const taskId = await sut.append('StartEvent_1', 'append.append-task', 'Write the answer');
    const undo = sut.root.locator('[data-action="undo"]');
    const redo = sut.root.locator('[data-action="redo"]');
    expect(await redo.isDisabled()).toBe(true);
    // when the Undo button is clicked until the task is gone, and Redo once
    for (let clicks = 0; clicks < 5 && (await sut.shape(taskId).count()) > 0; clicks += 1) await undo.click();
    expect(await sut.shape(taskId).count()).toBe(0);
    await redo.click();
    // then the task is back (its label may follow with the next redo)
    await sut.shape(taskId).waitFor();
    for (let clicks = 0; clicks < 5 && !(await redo.isDisabled()); clicks += 1) await redo.click();

    // when focus is on the summary bar, outside the canvas, and Ctrl+Z is pressed until the task is gone
    await sut.root.locator('[data-role="summary"]').click();
    for (let presses = 0; presses < 5 && (await sut.shape(taskId).count()) > 0; presses += 1) await page.keyboard.press('Control+Z');
    expect(await sut.shape(taskId).count()).toBe(0);
    // then Ctrl+Shift+Z and Ctrl+Y bring it back
    await page.keyboard.press('Control+Shift+Z');
    await sut.shape(taskId).waitFor();
    await page.keyboard.press('Control+Z');
    await sut.shape(taskId).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Y');
    await sut.shape(taskId).waitFor();
    for (let presses = 0; presses < 5 && !(await redo.isDisabled()); presses += 1) await page.keyboard.press('Control+Y');

    // when the designer types minutes in the properties panel and presses Ctrl+Z there
    await sut.select(taskId);
    await sut.field('standardMinutes').click();
    await page.keyboard.type('7');
    await page.keyboard.press('Control+Z');
    // then only the field's text is undone: the task stays on the diagram
    expect(await sut.shape(taskId).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('centres the element of a clicked problem in the canvas area the palette leaves visible', async () => {
    // given a wide model whose unclassified task lies off screen
    await sut.openFile({ name: 'wide.bpmn', xml: WIDE });
    const problem = sut.root.locator('[data-role="problems"] li.problem[data-element="far"]');
    await problem.waitFor();
    await screenshot(page, 'i21-modeler-problem-before');
    // when the designer clicks the problem
    await problem.click();
    await sut.root.locator('.djs-shape.selected[data-element-id="far"]').waitFor();
    // then the task's centre is the centre of the canvas right of the palette
    const canvas = (await sut.root.locator('.canvas').boundingBox())!;
    const palette = (await sut.root.locator('.djs-palette').boundingBox())!;
    const shape = (await sut.shape('far').boundingBox())!;
    const visibleLeft = canvas.x + 120;
    expect(palette.x + palette.width).toBeLessThanOrEqual(visibleLeft);
    expect(Math.abs(shape.x + shape.width / 2 - (visibleLeft + (canvas.x + canvas.width - visibleLeft) / 2))).toBeLessThan(4);
    expect(Math.abs(shape.y + shape.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(4);
    await screenshot(page, 'i21-modeler-problem-after');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
