import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { createUser, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const PASSWORD = 'agent-password-1';

/** A prefilled number (its first validation re-renders the form) beside a free-text answer: the shape of the intake form where typing was wiped. */
const FORM = {
  id: 'answer-form',
  type: 'default',
  components: [
    { id: 'Field_Amount', type: 'number', key: 'amount', label: 'Amount involved', decimalDigits: 2, validate: { min: 0 } },
    { id: 'Field_Answer', type: 'textarea', key: 'answer', label: 'Answer to the customer', validate: { maxLength: 2000 } },
  ],
};

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="answered" name="Answered" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="answer" name="Answer the customer" tandem:candidateGroups="first-line" tandem:formKey="form:answer-form">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** Issue 21, point 4: nothing typed into a task's form is lost, to a re-render, a reload or a claim. */
describe('task form drafts in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let ana: WebSession;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const cases: Record<string, string> = {};

  const api = async (path: string, body: unknown): Promise<Response> =>
    fetch(`${engine.baseUrl}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...engine.authHeaders }, body: JSON.stringify(body) });

  beforeAll(async () => {
    stack = await startWebStack();
    engine = stack.engine;
    const group = await api('groups', { id: 'first-line', name: 'First line' });
    if (group.status !== 201 && group.status !== 409) throw new Error(`group: ${group.status}`);
    await createUser(engine, { username: 'ana', password: PASSWORD, roles: ['agent'], groups: ['first-line'] });
    ana = await webSession(engine.baseUrl, { username: 'ana', password: PASSWORD });
    const body = new FormData();
    body.append('file', new Blob([JSON.stringify(FORM)]), 'answer.form');
    body.append('file', new Blob([PROCESS]), 'answered.bpmn');
    const deployed = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: engine.authHeaders, body });
    if (deployed.status !== 201) throw new Error(`deploy failed: ${deployed.status} ${await deployed.text()}`);
    for (const businessKey of ['quick-1', 'draft-1', 'other-1']) {
      const response = await api('processes/answered/instances', { businessKey, variables: { amount: 120 } });
      if (response.status !== 201) throw new Error(`start failed: ${response.status}`);
      cases[businessKey] = ((await response.json()) as { id: string }).id;
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  const open = async (): Promise<void> => {
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1200, height: 800 }, ana));
    await page.goto(`${stack.baseUrl}/#/tasklist`);
    await page.waitForSelector('body[data-ready="true"]');
  };

  const row = (text: string): Locator => page.locator('[data-role="task-row"]', { hasText: text });
  const answer = (): Locator => page.locator('[data-role="form-container"]:visible').getByLabel('Answer to the customer');
  const openTask = async (businessKey: string): Promise<void> => {
    await row(businessKey).click();
    await page.locator('[data-role="detail-meta"]', { hasText: businessKey }).waitFor();
  };

  it('keeps text typed the moment the form appears (it was wiped by the form’s first validation)', async () => {
    // Given ana opening a task whose form has a prefilled amount
    await open();
    await openTask('quick-1');
    // When she types at once, as soon as the field is there
    await answer().pressSequentially('Refund sent today.', { delay: 10 });
    // Then what she typed is still there once the form has settled (the wipe came ~0.3-0.5 s after opening)
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1_000);
    expect(await answer().inputValue()).toBe('Refund sent today.');
    expect(pageErrors).toEqual([]);
  });

  it('keeps each task’s draft to itself when switching between tasks', async () => {
    // Given ana with one task's form open
    await open();
    await openTask('other-1');
    await answer().fill('Meant for other-1 only.');
    await openTask('quick-1');
    await answer().waitFor();
    // When she opens the other task again
    await row('other-1').click();
    // Then the form on show is that task's as soon as it is on show (its own draft, nothing of the first)
    await page.locator('[data-role="detail-meta"]', { hasText: 'other-1' }).waitFor();
    await answer().waitFor();
    expect(await answer().inputValue()).toBe('Meant for other-1 only.');
  });

  it('keeps a draft per task across a reload and a claim, and drops it when the task is completed', async () => {
    // Given ana typing into a task she has not claimed yet
    await open();
    await openTask('draft-1');
    await answer().fill('Customer called twice; offer the upgrade.');
    // When she reloads the page
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await openTask('draft-1');
    // Then the form has what she typed, and says it was restored
    await page.locator('[data-role="draft-note"]', { hasText: 'Restored what you typed' }).waitFor();
    expect(await answer().inputValue()).toBe('Customer called twice; offer the upgrade.');
    // When she claims and starts it, and reloads again
    await page.locator('[data-role="task-detail"] [data-action="claim-start"]').click();
    await page.locator('[data-role="detail-state"]', { hasText: 'in progress by you' }).waitFor();
    expect(await answer().inputValue()).toBe('Customer called twice; offer the upgrade.');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('[data-queue="mine"]').click();
    await openTask('draft-1');
    await page.locator('[data-role="draft-note"]:visible').waitFor();
    expect(await answer().inputValue()).toBe('Customer called twice; offer the upgrade.');
    // When she completes it
    await page.locator('[data-role="task-detail"] [data-action="complete"]').click();
    await page.locator('[data-role="queue-status"][data-kind="success"]', { hasText: 'Completed' }).waitFor();
    // Then the case got her text, and the browser keeps no draft of the task
    const instance = (await (await fetch(`${engine.baseUrl}/instances/${cases['draft-1']}`, { headers: engine.authHeaders })).json()) as { variables: Record<string, unknown> };
    expect(instance.variables.answer).toBe('Customer called twice; offer the upgrade.');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('tandem.task-draft.')))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
