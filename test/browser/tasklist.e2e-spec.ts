import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { createUser, deployXml, projectRoot, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { collectPageErrors, screenshot } from './support/chromium.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const PASSWORD = 'agent-password-1';

/** A refund the first line approves on a deployed form; version 2 of the form lowers the limit to the first-line authority. */
const refundForm = (max: number) => ({
  id: 'refund-approval',
  name: 'Refund approval',
  type: 'default',
  components: [
    { id: 'Field_RefundAmount', type: 'number', key: 'refundAmount', label: 'Refund amount', validate: { required: true, min: 0, max } },
    {
      id: 'Field_RefundReason',
      type: 'select',
      key: 'refundReason',
      label: 'Reason',
      validate: { required: true },
      values: [
        { label: 'Defective product', value: 'defect' },
        { label: 'Late delivery', value: 'late' },
      ],
    },
  ],
});

const REFUND_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="refund" name="Refund" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="approve-refund" name="Approve the refund" tandem:valueClass="BVA" tandem:stage="solution"
      tandem:candidateGroups="first-line" tandem:dueIn="PT20M" tandem:formKey="form:refund-approval">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve-refund" />
    <bpmn:sequenceFlow id="f2" sourceRef="approve-refund" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** A call back promised for two hours ago (the engine runs on the real clock here): its task is overdue from the start. */
const callBackProcess = (promisedFor: Date) =>
  REFUND_PROCESS.replace('id="refund" name="Refund"', 'id="call-back" name="Call back"')
    .replace('name="Approve the refund"', 'name="Call the customer back"')
    .replace('tandem:dueIn="PT20M" tandem:formKey="form:refund-approval"', `tandem:dueIn="=date and time(&quot;${promisedFor.toISOString()}&quot;)"`);

/** The agents' tasklist in Chromium: queues, claiming, the form, completing, escalating to the second line. */
describe('the tasklist in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const sessions: Record<string, WebSession> = {};
  const cases: Record<string, string> = {};

  const api = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${engine.baseUrl}/${path}`, { ...init, headers: { 'content-type': 'application/json', ...engine.authHeaders, ...init.headers } });

  const deployFiles = async (files: Record<string, string>): Promise<void> => {
    const body = new FormData();
    for (const [name, text] of Object.entries(files)) body.append('file', new Blob([text]), name);
    const response = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: engine.authHeaders, body });
    if (response.status !== 201) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
  };

  const startCase = async (key: string, businessKey: string, variables: Record<string, unknown>): Promise<void> => {
    const response = await api(`processes/${key}/instances`, { method: 'POST', body: JSON.stringify({ businessKey, variables }) });
    if (response.status !== 201) throw new Error(`start failed: ${response.status} ${await response.text()}`);
    cases[businessKey] = ((await response.json()) as { id: string }).id;
  };

  const agent = async (username: string, groups: string[]): Promise<void> => {
    await createUser(engine, { username, password: PASSWORD, roles: ['agent'], groups });
    sessions[username] = await webSession(engine.baseUrl, { username, password: PASSWORD });
  };

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl } = stack);
    for (const id of ['first-line', 'second-line', 'experts']) {
      const response = await api('groups', { method: 'POST', body: JSON.stringify({ id, name: id }) });
      if (response.status !== 201 && response.status !== 409) throw new Error(`group ${id}: ${response.status}`);
    }
    await agent('ana', ['first-line']);
    await agent('ben', ['second-line']);
    await agent('otto', ['experts']);
    await deployXml(engine, await readFile(join(projectRoot(), 'processes/customer-service/to-be.bpmn'), 'utf8'));
    await deployFiles({ 'refund-approval.form': JSON.stringify(refundForm(10000)), 'refund.bpmn': REFUND_PROCESS });
    await startCase('customer-service', 'case-A', { category: 'complaint', customerTier: 'gold', amount: 4500 });
    await startCase('customer-service', 'case-B', { category: 'inquiry', customerTier: 'standard', amount: 0 });
    await startCase('refund', 'refund-1', {});
    await deployXml(engine, callBackProcess(new Date(Date.now() - 2 * 60 * 60_000)));
    await startCase('call-back', 'call-1', {});
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  const openAs = async (username: string, viewport = { width: 1280, height: 800 }, hash = '#/tasklist') => {
    ({ context, page, pageErrors } = await openSignedInPage(stack, viewport, sessions[username]));
    await page.goto(`${baseUrl}/${hash}`);
    await page.waitForSelector('body[data-ready="true"]');
  };

  const tasklist = (): Locator => page.locator('[data-role="tasklist-page"]');
  const queueTab = (id: string): Locator => tasklist().locator(`[data-queue="${id}"]`);
  const row = (text: string): Locator => tasklist().locator('[data-role="task-row"]', { hasText: text });
  const detail = (): Locator => tasklist().locator('[data-role="task-detail"]');
  const action = (name: string): Locator => detail().locator(`[data-action="${name}"]`);
  const state = (): Locator => detail().locator('[data-role="detail-state"]');

  it('lands a first-line agent on the queue after log-in, with SLA countdowns and priorities', async () => {
    // given ana, a first-line agent, who has not signed in yet
    context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-role="login-username"]').fill('ana');
    await page.locator('[data-role="login-password"]').fill(PASSWORD);
    await page.locator('[data-action="sign-in"]').click();
    await page.waitForSelector('body[data-ready="true"]');
    // then she lands on the tasklist, and her groups' queue holds the four open first-line tasks
    await tasklist().waitFor();
    expect(page.url()).toContain('#/tasklist');
    // and her header offers the tasks, not the designers' pages
    expect(await page.locator('[data-nav="tasklist"]').isVisible()).toBe(true);
    expect(await page.locator('[data-nav="modeler"]').isVisible()).toBe(false);
    await queueTab('queue').click();
    // (a locator wait: waitForFunction evaluates a string, which the app's CSP forbids)
    await tasklist().locator('[data-role="task-row"]').nth(3).waitFor();
    expect(await tasklist().locator('[data-role="task-row"]').count()).toBe(4);
    // and each row has its SLA countdown and priority
    const refund = row('refund-1');
    expect(await refund.locator('[data-role="sla"]').textContent()).toMatch(/^due in (19|20) min$/);
    expect(await refund.locator('[data-role="sla"]').getAttribute('data-sla')).toBe('soon');
    expect(await row('case-A').locator('[data-role="priority"]').textContent()).toMatch(/^P\d+$/);
    // and the overdue call back comes first, in red
    expect(await tasklist().locator('[data-role="task-row"]').first().getAttribute('data-task-id')).toBe(await row('call-1').getAttribute('data-task-id'));
    expect(await row('call-1').locator('[data-role="sla"]').getAttribute('data-sla')).toBe('overdue');
    expect(await row('call-1').locator('[data-role="sla"]').textContent()).toMatch(/^overdue by (1 h 59 min|2 h( \d min)?)$/);
    await screenshot(page, 'tasklist-01-queue');
    expect(pageErrors).toEqual([]);
  });

  it('lets the agent claim a task, fill in its form prefilled with the case, and complete it', async () => {
    // given ana's groups' queue
    await openAs('ana');
    await queueTab('queue').click();
    // when she opens case A's intake task
    await row('case-A').click();
    await detail().locator('[data-role="detail-title"]').filter({ hasText: 'Log and classify request' }).waitFor();
    // then its form shows the case's variables
    expect(await page.getByLabel('Amount involved').inputValue()).toBe('4500');
    // and the case's history so far: started, and this task ready
    await detail().locator('[data-role="history-step"][data-type="ready"]').waitFor();
    expect(await detail().locator('[data-role="history-step"]').allTextContents()).toEqual([
      expect.stringContaining('Case started'),
      expect.stringContaining('Log and classify request ready'),
    ]);
    // when she claims and starts it
    await action('claim-start').click();
    await state().filter({ hasText: 'in progress by you' }).waitFor();
    await detail().locator('[data-role="history-step"][data-type="started"]').waitFor();
    // (the page settles first: the queue refreshes after the start)
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'tasklist-02-claimed-form');
    // and fills in what the customer asks and completes
    const summary = page.getByLabel('What the customer asks');
    await summary.fill('Replacement router arrived broken; wants a refund.');
    expect(await summary.inputValue()).toBe('Replacement router arrived broken; wants a refund.');
    await action('complete').click();
    // then the task leaves her queue and the case moved on with her values
    await tasklist().locator('[data-role="queue-status"][data-kind="success"]').filter({ hasText: 'Completed' }).waitFor();
    await row('case-A').waitFor({ state: 'detached' });
    const instance = (await (await api(`instances/${cases['case-A']}`)).json()) as { variables: Record<string, unknown> };
    expect(instance.variables).toEqual(expect.objectContaining({ requestSummary: 'Replacement router arrived broken; wants a refund.', amount: 4500 }));
    await screenshot(page, 'tasklist-03-completed');
    expect(pageErrors).toEqual([]);
  });

  it("shows the server's refusal next to the field it names", async () => {
    // given ana working the refund on version 1 of its form (limit 10,000)
    await openAs('ana');
    await queueTab('queue').click();
    await row('refund-1').click();
    await action('claim-start').click();
    await state().filter({ hasText: 'in progress by you' }).waitFor();
    // when the form is redeployed meanwhile with the first-line authority of 3,000, and she enters 4,500
    await deployFiles({ 'refund-approval.form': JSON.stringify(refundForm(3000)) });
    await page.getByLabel('Refund amount').fill('4500');
    await detail().locator('.fjs-form-field-select').click();
    await page.getByText('Defective product').click();
    await action('complete').click();
    // then the server's problem is shown under the amount field, and the task is still hers
    const problem = detail().locator('[data-role="field-problem"][data-field="refundAmount"]');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Must be at most 3000');
    await screenshot(page, 'tasklist-04-server-refusal');
    // when she corrects the amount
    await page.getByLabel('Refund amount').fill('2500');
    await action('complete').click();
    // then it completes
    await tasklist().locator('[data-role="queue-status"][data-kind="success"]').filter({ hasText: 'Completed' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('escalates a task to the second line with a reason, where ben sees it and an expert does not', async () => {
    // given ana holding case B's intake task
    await openAs('ana');
    await queueTab('queue').click();
    await row('case-B').click();
    await action('claim').click();
    await state().filter({ hasText: 'claimed by you' }).waitFor();
    // when she escalates it, picking a reason and adding a comment
    await action('escalate').click();
    // (the dialog names where it goes before she confirms, and offers the reasons by their labels)
    await detail().locator('[data-role="escalate-panel"]:visible').waitFor();
    expect(await detail().locator('[data-role="escalate-heading"]').textContent()).toBe('Escalate to second-line (Second line)');
    expect(await detail().locator('[data-role="escalate-reason"] option').allTextContents()).toContain('Needs expertise');
    await detail().locator('[data-role="escalate-reason"]').selectOption('needs-expertise');
    await detail().locator('[data-role="escalate-comment"]').fill('Asks about a contract clause only the second line knows.');
    await screenshot(page, 'tasklist-05-escalate');
    await action('confirm-escalate').click();
    // then it leaves her queue
    await tasklist().locator('[data-role="queue-status"][data-kind="success"]').filter({ hasText: 'Escalated' }).waitFor();
    await row('case-B').waitFor({ state: 'detached' });
    await context.close();

    // when ben, second line, opens his queue
    await openAs('ben');
    await queueTab('queue').click();
    // then the escalated task is there, marked as escalated
    await row('case-B').locator('[data-role="escalated-marker"]').waitFor();
    await row('case-B').click();
    // and on the task a banner says from where, by whom and why, in words; the history has the reason's label too
    await detail().locator('[data-role="escalation-banner"]:visible').waitFor();
    expect(await detail().locator('[data-role="escalation-banner"]').textContent()).toBe(
      'Escalated from first line by ana: needs expertise (Asks about a contract clause only the second line knows.)',
    );
    const escalated = detail().locator('[data-role="history-step"][data-type="escalated"]');
    await escalated.waitFor();
    expect(await escalated.textContent()).toContain('by ana');
    expect(await escalated.locator('[data-role="step-reason"]').textContent()).toBe('Reason: Needs expertise (“Asks about a contract clause only the second line knows.”)');
    // and its due time follows the second line's SLA (hours, not the first line's hour), the move in the history
    expect(await escalated.locator('[data-role="step-due"]').textContent()).toMatch(/^Due moved to .+ \(the new tier’s SLA; was .+\)$/);
    expect(await detail().locator('[data-role="detail-meta"] [data-role="sla"]').textContent()).toMatch(/^due in [3-8] h/);
    await screenshot(page, 'tasklist-06a-escalation-banner');
    // and he can leave a comment on the case
    await detail().locator('[data-role="comment-text"]').fill('Calling the customer about the clause now.');
    await action('add-comment').click();
    await detail().locator('[data-role="comment"]', { hasText: 'Calling the customer about the clause now.' }).waitFor();
    expect(await detail().locator('[data-role="comment"]').first().textContent()).toContain('ben');
    await escalated.scrollIntoViewIfNeeded();
    await screenshot(page, 'tasklist-06-second-line-sees-escalation');
    expect(pageErrors).toEqual([]);
    await context.close();

    // and otto, an expert, sees no task in his queues and may not open it
    await openAs('otto');
    await queueTab('queue').click();
    await tasklist().locator('[data-role="no-tasks"]').waitFor();
    const taskId = await (async () => {
      const listed = (await (await api(`tasks?instanceId=${cases['case-B']}`)).json()) as Array<{ id: string; status: string }>;
      return listed.find((task) => task.status === 'open')!.id;
    })();
    const asOtto = { headers: { authorization: `Bearer ${sessions.otto.token}` } };
    expect(await (await fetch(`${engine.baseUrl}/tasks?view=queue`, asOtto)).json()).toEqual([]);
    const refused = await fetch(`${engine.baseUrl}/tasks/${taskId}`, asOtto);
    expect(refused.status).toBe(403);
    await screenshot(page, 'tasklist-07-other-group-sees-nothing');
  });

  it('works on a phone: the queue, then the task on its own screen', async () => {
    // given ben on a phone-width screen
    await openAs('ben', { width: 375, height: 812 });
    await queueTab('queue').click();
    await row('case-B').waitFor();
    await screenshot(page, 'tasklist-08-phone-queue');
    // when he opens the escalated task
    await row('case-B').click();
    await detail().locator('[data-role="detail-title"]').waitFor();
    // then the task fills the screen with a way back, and the queue is out of the way
    expect(await tasklist().locator('[data-role="task-queue"]').isVisible()).toBe(false);
    expect(await detail().locator('[data-action="back"]').isVisible()).toBe(true);
    await action('claim-start').click();
    await state().filter({ hasText: 'in progress by you' }).waitFor();
    await screenshot(page, 'tasklist-09-phone-task');
    // and he can pause the work and resume it
    await action('pause').click();
    await state().filter({ hasText: 'paused by you' }).waitFor();
    await action('start').click();
    await state().filter({ hasText: 'in progress by you' }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    // and back leads to the queue
    await detail().locator('[data-action="back"]').click();
    await tasklist().locator('[data-role="task-queue"]').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("shows a Camunda 8 task's follow-up date, the address of its external form and its zeebe:properties", async () => {
    // given a claims agent and a case at a user task drawn for Camunda 8, with an external form and properties
    expect((await api('groups', { method: 'POST', body: JSON.stringify({ id: 'claims', name: 'claims' }) })).status).toBe(201);
    await agent('zoe', ['claims']);
    const drawn = await readFile(join(projectRoot(), 'test/e2e/fixtures/camunda-8/claim-review.bpmn'), 'utf8');
    const claims = drawn
      .replace('assignee="=claim.owner" ', '')
      .replace('<zeebe:assignmentDefinition candidateGroups="first-line" />', '<zeebe:assignmentDefinition candidateGroups="claims" />')
      .replace('<zeebe:priorityDefinition priority="70" />', '<zeebe:priorityDefinition priority="70" /><zeebe:taskSchedule followUpDate="2031-01-06T09:00:00Z" />');
    await deployFiles({ 'claim-review-form.form': await readFile(join(projectRoot(), 'test/e2e/fixtures/camunda-8/claim-review-form.form'), 'utf8'), 'claim-review.bpmn': claims });
    await startCase('claim-review', 'claim-1', { claim: { amount: 100, deadline: '2031-01-07T17:00:00Z', urgency: 5 } });
    const review = ((await (await api(`tasks?instanceId=${cases['claim-1']}`)).json()) as { id: string }[])[0];
    expect((await api(`tasks/${review.id}/complete`, { method: 'POST', body: JSON.stringify({ variables: { decision: 'approve' } }) })).status).toBe(200);

    // when zoe opens the call task from her queue
    await openAs('zoe');
    await queueTab('queue').click();
    await row('claim-1').click();
    await detail().locator('[data-role="detail-title"]').filter({ hasText: 'Call the customer' }).waitFor();

    // then the task shows when to follow up, links its form's address and lists its properties
    const meta = detail().locator('[data-role="detail-meta"]');
    expect(await meta.locator('[data-role="detail-follow-up"]').textContent()).toContain('2031');
    const form = meta.locator('[data-role="detail-external-form"] a');
    expect(await form.getAttribute('href')).toBe('https://forms.example.com/claims/call');
    expect(await form.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await meta.locator('[data-role="detail-property"]').allTextContents()).toEqual(['channel phone']);
    await screenshot(page, 'tasklist-10-camunda-8-task');
    expect(pageErrors).toEqual([]);
  });
});
