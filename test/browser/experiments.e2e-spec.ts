import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { ExperimentAnalysis, ExperimentEvent, ExperimentView } from '../../apps/web/src/api/experiments-types.js';
import {
  activityDifferenceLabel,
  directionText,
  eventText,
  formatDifference,
  formatInterval,
  formatMetricValue,
  formatP,
  formatReasonNumbers,
  guardrailObservedText,
  guardrailStatusText,
  verdictBadgeText,
} from '../../apps/web/src/insights/experiments/experiment-format.js';
import { planProgress } from '../../apps/web/src/insights/experiments/plan-progress.js';
import { formatDurationMs } from '../../apps/web/src/format/units.js';
import { createUser, deployXml, projectRoot, sleep, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { screenshot } from './support/chromium.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const PASSWORD = 'experiments-password-1';
const ANALYST = { username: 'alex', password: PASSWORD } as const;
const PROCESS_KEY = 'customer-service';
/** More cases than this means the plan is never reached: a broken scenario, not a slow one. */
const MAX_CASES = 160;
const CONCURRENT_CASES = 6;

/** The last user task each reference model gets to before its 3-day follow-up timer, which cannot pass in a test. */
const LAST_TASK: Record<string, string> = { 'as-is': 'Task_UpdateCrm', 'to-be': 'Task_DeliverSolution' };

/** Working time per task (ms) by arm: the to-be's knowledge-base-first diagnosis and single intake are quicker. */
const WORK_MS: Record<string, Record<string, number>> = {
  'as-is': { Task_LogRequest: 120, Task_RekeyIntoCrm: 150, Task_FirstLineDiagnosis: 250, Task_HandOffNote: 80, Task_SecondLineDiagnosis: 120 },
  'to-be': { Task_LogRequest: 30, Task_FirstLineDiagnosis: 60, Task_SecondLineDiagnosis: 120 },
};

/**
 * The experiment dashboard in Chromium on the reference as-is (baseline) against the to-be
 * (candidate): real cases routed by the experiment and worked through the API, the as-is ones
 * escalated to the second line far more often, then the finished experiment on the page.
 */
describe('the experiment dashboard in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let analyst: WebSession;
  let agentToken: string;
  let experimentId: string;
  let armOfVersion: Map<string, string>;
  /** The analysis right after the stop; `shown` is the one the page fetched (lead time moves with the running cases' censoring time). */
  let analysis: ExperimentAnalysis;
  let shown: ExperimentAnalysis;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const call = async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const authorization = init.token ? { authorization: `Bearer ${init.token}` } : engine.authHeaders;
    const response = await fetch(`${engine.baseUrl}/${path}`, { ...init, headers: { 'content-type': 'application/json', ...authorization, ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (response.headers.get('content-type')?.includes('json') ? response.json() : response.text()) as Promise<T>;
  };
  const asAnalyst = <T>(path: string, init: RequestInit = {}): Promise<T> => call<T>(path, { ...init, token: analyst.token });
  const post = (path: string, body: unknown = {}, token = agentToken) => call(path, { method: 'POST', body: JSON.stringify(body), token });

  /** The CRM sync service tasks of the to-be, done as a worker would (admin may act as one). */
  const workServiceTasks = async (workerId: string): Promise<void> => {
    const locked = await call<Array<{ id: string }>>('external-tasks/fetch-and-lock', {
      method: 'POST',
      body: JSON.stringify({ workerId, maxTasks: 10, topics: [{ name: 'crm-sync', lockDurationMs: 60_000 }] }),
    });
    for (const task of locked) await call(`external-tasks/${task.id}/complete`, { method: 'POST', body: JSON.stringify({ workerId }) });
  };

  /**
   * One routed case worked as the agent would (claim, start, work, complete), up to its arm's last
   * task before the follow-up timer, then closed by an operator. An escalated case has its
   * first-line diagnosis escalated to the second line with a reason and goes through there.
   */
  const runCase = async (index: number, escalate: (arm: string) => boolean): Promise<void> => {
    const instance = await call<{ id: string; processVersionId: string }>(`processes/${PROCESS_KEY}/instances`, {
      method: 'POST',
      body: JSON.stringify({ businessKey: `cust-${index}`, variables: { category: 'inquiry', amount: 0, channel: 'phone', customerTier: 'standard' } }),
    });
    const arm = armOfVersion.get(instance.processVersionId)!;
    const escalated = escalate(arm);
    const escalatedTasks = new Set<string>();
    for (let done = false; !done;) {
      const [task] = await call<Array<{ id: string; elementId: string }>>(`tasks?instanceId=${instance.id}&status=open`, { token: agentToken });
      if (!task) {
        await workServiceTasks(`crm-${index}`);
        await sleep(30);
        continue;
      }
      await post(`tasks/${task.id}/claim`);
      const firstLine = task.elementId === 'Task_FirstLineDiagnosis';
      if (firstLine && escalated && !escalatedTasks.has(task.id)) {
        // Re-queued to the second line's group: the same task comes back to be worked there.
        await post(`tasks/${task.id}/escalate`, { reasonCode: 'needs-expertise', comment: 'second line needed' });
        escalatedTasks.add(task.id);
        continue;
      }
      await post(`tasks/${task.id}/start`);
      await sleep(WORK_MS[arm][task.elementId] ?? 20);
      const variables = firstLine
        ? { resolvedByFirstLine: !escalated, escalationReason: escalated ? 'needs the second line' : '' }
        : task.elementId === 'Task_SecondLineDiagnosis'
          ? { needsExpert: false }
          : {};
      await post(`tasks/${task.id}/complete`, { variables });
      done = task.elementId === LAST_TASK[arm];
    }
    await call(`instances/${instance.id}/cancel`, { method: 'POST', body: '{}' });
  };

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl } = stack);
    for (const id of ['first-line', 'second-line', 'experts']) {
      const response = await fetch(`${engine.baseUrl}/groups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...engine.authHeaders },
        body: JSON.stringify({ id, name: id }),
      });
      if (response.status !== 201 && response.status !== 409) throw new Error(`group ${id}: ${response.status}`);
    }
    agentToken = await createUser(engine, { username: 'sam', password: PASSWORD, roles: ['agent'], groups: ['first-line', 'second-line', 'experts'] });
    await createUser(engine, { ...ANALYST, roles: ['analyst'] });
    analyst = await webSession(engine.baseUrl, ANALYST);
    const deploy = async (file: string) => (await deployXml(engine, await readFile(join(projectRoot(), `processes/customer-service/${file}`), 'utf8'))).id;
    const asIs = await deploy('as-is.bpmn');
    const toBe = await deploy('to-be.bpmn');
    armOfVersion = new Map([
      [asIs, 'as-is'],
      [toBe, 'to-be'],
    ]);

    // An escalation-rate experiment sized for a large effect (50 % -> 10 %): a few dozen cases per arm reach the plan.
    const created = await asAnalyst<ExperimentView>('experiments', {
      method: 'POST',
      body: JSON.stringify({
        processKey: PROCESS_KEY,
        seed: 20261123,
        arms: [
          { id: 'as-is', role: 'baseline', processVersionId: asIs, weight: 50 },
          { id: 'to-be', role: 'candidate', processVersionId: toBe, weight: 50 },
        ],
        guardrails: [{ id: 'first-response', metric: 'slaAttainment', maxWorsening: 0.1 }],
        primaryMetric: 'escalationRate',
        secondaryMetrics: ['leadTime', 'processingTime', 'reworkRate'],
        plan: { alpha: 0.05, power: 0.8, mde: 0.4, baselineRate: 0.5 },
      }),
    });
    experimentId = created.id;
    await asAnalyst(`experiments/${experimentId}/start`, { method: 'POST', body: JSON.stringify({ reason: 'pilot of the to-be' }) });

    // The as-is escalates 7 cases in 10, the to-be 1 in 10 (counted per arm, so the split is exact).
    const seen = new Map<string, number>();
    const escalate = (arm: string): boolean => {
      const n = seen.get(arm) ?? 0;
      seen.set(arm, n + 1);
      return arm === 'as-is' ? n % 10 < 7 : n % 10 === 9;
    };
    let started = 0;
    for (;;) {
      const { arms, requirements } = await asAnalyst<ExperimentView>(`experiments/${experimentId}`);
      if (arms.every((arm) => (arm.finished ?? 0) >= requirements!.perArm)) break;
      if (started >= MAX_CASES) throw new Error(`the plan of ${requirements!.perArm} cases per arm was not reached in ${started} cases: ${JSON.stringify(arms)}`);
      await Promise.all(Array.from({ length: CONCURRENT_CASES }, (_, k) => runCase(started + k, escalate)));
      started += CONCURRENT_CASES;
    }
    // Two cases still running when it stops: counted (censored) in lead time, never dropped.
    for (const index of [started, started + 1]) {
      await call(`processes/${PROCESS_KEY}/instances`, {
        method: 'POST',
        body: JSON.stringify({ businessKey: `cust-${index}`, variables: { category: 'inquiry', amount: 0, customerTier: 'standard' } }),
      });
    }
    // A pause of the candidate by hand and its resumption, for the event log.
    await asAnalyst(`experiments/${experimentId}/arms/to-be/pause`, { method: 'POST', body: JSON.stringify({ reason: 'team meeting on the new intake' }) });
    await asAnalyst(`experiments/${experimentId}/arms/to-be/resume`, { method: 'POST', body: '{}' });
    await asAnalyst(`experiments/${experimentId}/stop`, { method: 'POST', body: JSON.stringify({ reason: 'plan reached' }) });
    analysis = await asAnalyst<ExperimentAnalysis>(`experiments/${experimentId}/analysis`);
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  const dashboard = (): Locator => page.locator('[data-role="experiments-page"]');
  const text = (locator: Locator): Promise<string> => locator.evaluate((node) => node.textContent ?? '');

  it('lists the experiment from the insights page with its state, process and verdict', async () => {
    // given
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1280, height: 800 }, analyst));
    await page.goto(`${baseUrl}/#/insights`);
    await page.waitForSelector('body[data-ready="true"]');

    // when
    await page.locator('[data-role="experiments-link"]').click();
    await page.waitForSelector('[data-role="experiments-page"][data-loaded="true"][data-view="list"]');

    // then
    expect(page.url()).toMatch(/#\/insights\/experiments$/);
    const row = dashboard().locator(`tr[data-experiment="${experimentId}"]`);
    await expect(row.getAttribute('data-state')).resolves.toBe('stopped');
    // named by the process and its arms, not by the experiment's id
    await expect(text(row.locator('[data-role="experiment-link"]'))).resolves.toMatch(/: to-be v\d+ vs as-is v\d+$/);
    await expect(text(row.locator('.verdict-badge'))).resolves.toBe(verdictBadgeText(analysis.verdict));
    await expect(page.locator('[data-nav="insights"]').getAttribute('class')).resolves.toContain('active');
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'experiments-list');
  });

  it('shows the verdict with its reasons and numbers as the analysis gives them, and the plan reached', async () => {
    // given: the scenario's candidate escalates far less, so the primary boundary is crossed in its favour
    expect(analysis.verdict).toBe('SHIP');

    // when
    const answered = page.waitForResponse((response) => response.url().endsWith(`/api/experiments/${experimentId}/analysis`));
    await dashboard().locator(`tr[data-experiment="${experimentId}"] [data-role="experiment-link"]`).click();
    await page.waitForSelector('[data-role="experiments-page"][data-loaded="true"][data-view="detail"]');
    shown = (await (await answered).json()) as ExperimentAnalysis;

    // then
    expect(page.url()).toMatch(new RegExp(`#/insights/experiments/${experimentId}$`));
    // the same data as after the stop, so the same verdict
    expect({ verdict: shown.verdict, dataHash: shown.dataHash }).toEqual({ verdict: analysis.verdict, dataHash: analysis.dataHash });
    const verdict = dashboard().locator('[data-role="verdict"]');
    await expect(verdict.locator('.verdict-badge').first().getAttribute('data-verdict')).resolves.toBe(shown.verdict);
    await expect(text(verdict.locator('.verdict-badge').first())).resolves.toBe(verdictBadgeText(shown.verdict));
    const reasons = verdict.locator('[data-role="verdict-reasons"] > li');
    await expect(reasons.count()).resolves.toBe(shown.reasons.length);
    for (const [index, reason] of shown.reasons.entries()) {
      await expect(reasons.nth(index).getAttribute('data-reason')).resolves.toBe(reason.code);
      // a sentence; the code and the raw numbers in the tooltip
      await expect(text(reasons.nth(index).locator('[data-role="reason-message"]'))).resolves.toMatch(/^[A-Z][^_]*\.$/);
      await expect(reasons.nth(index).getAttribute('title')).resolves.toBe(`${reason.code}: ${formatReasonNumbers(reason.numbers)}`);
    }
    await expect(text(verdict.locator('[data-role="verdict-reproduce"]'))).resolves.toContain(`data hash ${shown.dataHash}, seed ${shown.seed}`);
    // the plan's progress in words and on the bar
    const plan = dashboard().locator('[data-role="plan"]');
    expect(shown.plan.casesSoFar).toBeGreaterThanOrEqual(shown.plan.perArm);
    const progress = planProgress({ plan: shown.plan, looks: shown.candidates[0].looks, crossedLook: shown.candidates[0].verdict.sequential.crossed?.look ?? null });
    await expect(text(plan.locator('[data-role="plan-text"]'))).resolves.toBe(progress.text);
    await expect(plan.locator('[data-role="plan-bar"]').getAttribute('aria-valuenow')).resolves.toBe(String(shown.plan.perArm));
    await expect(text(plan.locator('[data-role="plan-days"]'))).resolves.toBe(progress.detail);
    // the arms side by side with their cases
    for (const arm of shown.arms) {
      const card = dashboard().locator(`.arm-card[data-arm="${arm.armId}"]`);
      for (const count of ['assigned', 'running', 'finished'] as const) {
        await expect(text(card.locator(`[data-count="${count}"]`))).resolves.toBe(arm[count].toLocaleString('en'));
      }
      await expect(card.getAttribute('data-paused')).resolves.toBe(String(arm.paused));
    }
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'experiment-finished-top');
  });

  it('shows each metric with its difference, interval, p and adjusted p, the primary marked', async () => {
    // given
    const [candidate] = shown.candidates;

    // when
    const rows = dashboard().locator('.metrics-table tbody tr');

    // then
    await expect(rows.count()).resolves.toBe(candidate.metrics.length);
    for (const [index, metric] of candidate.metrics.entries()) {
      const row = rows.nth(index);
      await expect(row.getAttribute('data-metric')).resolves.toBe(metric.metric);
      await expect(row.getAttribute('data-primary')).resolves.toBe(String(metric.primary));
      const cells = await row.locator('td').allTextContents();
      expect(cells).toEqual([
        formatMetricValue(metric.baseline),
        formatMetricValue(metric.candidate),
        formatDifference(metric),
        formatInterval(metric),
        formatP(metric.pValue),
        metric.primary ? '(primary: not adjusted)' : formatP(metric.adjustedP),
        `${directionText(metric.direction)}${metric.significant ? ' · significant' : ''}`,
      ]);
    }
    expect(candidate.metrics[0]).toEqual(expect.objectContaining({ metric: 'escalationRate', primary: true, direction: 'better' }));
    await expect(text(rows.first().locator('th .primary-tag'))).resolves.toBe('primary');
  });

  it('shows the guardrails, the looks, lead time with running cases, the stages per arm and the event log', async () => {
    // given
    const [candidate] = shown.candidates;
    const events = await asAnalyst<ExperimentEvent[]>(`experiments/${experimentId}/events`);

    // then: guardrail status in words
    for (const check of candidate.guardrails) {
      await expect(text(dashboard().locator(`tr[data-guardrail="${check.id}"] [data-role="guardrail-status"]`))).resolves.toBe(guardrailStatusText(check));
      // and what was observed in words that follow the sign ("better by 4.2 pts"), never a negative worsening
      await expect(text(dashboard().locator(`tr[data-guardrail="${check.id}"] td:nth-child(4)`))).resolves.toBe(guardrailObservedText(check.metric, check.observed));
    }
    // every look, the crossing one marked
    await expect(dashboard().locator('.looks-table tbody tr').count()).resolves.toBe(candidate.looks.length);
    await expect(dashboard().locator('.looks-chart circle').count()).resolves.toBe(candidate.looks.length);
    // lead time: Kaplan-Meier medians with the two cases left running counted
    const leadTime = candidate.leadTime!;
    expect(leadTime.baseline.running + leadTime.candidate.running).toBe(2);
    for (const side of ['baseline', 'candidate'] as const) {
      const row = await dashboard().locator(`.lead-time-table tr[data-arm-side="${side}"] td`).allTextContents();
      expect(row).toEqual([formatDurationMs(leadTime[side].median), String(leadTime[side].finished), String(leadTime[side].running)]);
    }
    // the four stages for both arms, with figures in words beside the bars
    const stages = dashboard().locator('.stage-table tbody tr');
    await expect(stages.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-stage')))).resolves.toEqual(['inquiry', 'diagnosis', 'solution', 'follow-up']);
    const diagnosis = shown.stages.find((stage) => stage.stage === 'diagnosis')!;
    for (const arm of diagnosis.arms) {
      await expect(text(dashboard().locator(`tr[data-stage="diagnosis"] .stage-cell[data-arm="${arm.armId}"] [data-role="stage-figures"]`))).resolves.toBe(
        `waiting ${formatDurationMs(arm.meanWaitingMs)} · working ${formatDurationMs(arm.meanProcessingMs)}`,
      );
    }
    // the history in words: created, started, the candidate paused by hand and resumed, stopped
    const eventRows = dashboard().locator('.event-table tbody tr');
    await expect(eventRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')))).resolves.toEqual(events.map((event) => event.action));
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(['start', 'armPause', 'armResume', 'stop']));
    for (const [index, event] of events.entries()) {
      await expect(text(eventRows.nth(index).locator('td').first())).resolves.toBe(eventText(event));
    }
    expect(pageErrors).toEqual([]);
    await dashboard().locator('[data-role="guardrails"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'experiment-finished-details');
  });

  it("colours the candidate's diagram by the difference per activity and marks the significant ones", async () => {
    // given
    const [candidate] = shown.candidates;
    const onDiagram = await dashboard()
      .locator('[data-role="difference-canvas"] g.djs-element[data-difference]')
      .evaluateAll((nodes) =>
        nodes.map((node) => ({ id: node.getAttribute('data-element-id')!, difference: node.getAttribute('data-difference')!, significant: node.getAttribute('data-significant') })),
      );
    const onCanvas = new Map(onDiagram.map((shape) => [shape.id, shape]));

    // then: every activity of the to-be with data in both arms carries its difference and significance
    const compared = candidate.activities.filter((activity) => activity.differenceMs !== null && onCanvas.has(activity.elementId));
    expect(compared.length).toBeGreaterThanOrEqual(3);
    for (const activity of compared) {
      expect(onCanvas.get(activity.elementId)).toEqual({ id: activity.elementId, difference: String(activity.differenceMs), significant: String(activity.significant) });
      await expect(text(dashboard().locator(`.tandem-difference-label[data-difference-element="${activity.elementId}"]`))).resolves.toBe(activityDifferenceLabel(activity));
    }
    // coloured: not the no-data grey
    const fills = await dashboard()
      .locator('[data-role="difference-canvas"] g.djs-element[data-difference]:not([data-difference="none"]) .djs-visual > :first-child')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('style') ?? ''));
    expect(fills.length).toBe(compared.length);
    expect(fills.every((style) => /fill: /.test(style) && !/rgb\(236, 239, 242\)|#eceff2/.test(style))).toBe(true);
    // markers exactly where the API says significant, and the as-is-only steps listed beside
    const significant = candidate.activities
      .filter((activity) => activity.significant && onCanvas.has(activity.elementId))
      .map((activity) => activity.elementId)
      .sort();
    const marked = onDiagram
      .filter((shape) => shape.significant === 'true')
      .map((shape) => shape.id)
      .sort();
    // the to-be's knowledge-base-first diagnosis is worked four times faster: it differs significantly
    expect(significant).toContain('Task_FirstLineDiagnosis');
    expect(marked).toEqual(significant);
    await expect(dashboard().locator('.tandem-difference-label[data-significant="true"]').count()).resolves.toBe(significant.length);
    await expect(text(dashboard().locator('.activity-difference-table tr[data-element="Task_RekeyIntoCrm"] th'))).resolves.toContain('(baseline only)');
    expect(pageErrors).toEqual([]);
    await dashboard().locator('[data-role="difference"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'experiment-finished-heatmap');
  });

  it('downloads the reproducible verdict report as JSON and CSV', async () => {
    // given
    const verdict = dashboard().locator('[data-role="verdict"]');
    await verdict.scrollIntoViewIfNeeded();

    // when
    const jsonDownload = page.waitForEvent('download');
    await verdict.locator('[data-download="json"]').click();
    const json = JSON.parse(await readFile((await (await jsonDownload).path())!, 'utf8')) as { verdict: string; dataHash: string; seed: number };
    const csvDownload = page.waitForEvent('download');
    await verdict.locator('[data-download="csv"]').click();
    const csv = await readFile((await (await csvDownload).path())!, 'utf8');

    // then
    expect(json).toEqual(expect.objectContaining({ verdict: analysis.verdict, seed: analysis.seed }));
    expect(csv.split(/\r?\n/)[0]).toBe('section,name,value');
    expect(csv).toContain(`verdict,verdict,${analysis.verdict}`);
    expect(pageErrors).toEqual([]);
  });

  it('stays usable on a phone-sized screen', async () => {
    // given
    const phone = await openSignedInPage(stack, { width: 375, height: 800 }, analyst);

    // when
    await phone.page.goto(`${baseUrl}/#/insights/experiments/${experimentId}`);
    await phone.page.waitForSelector('[data-role="experiments-page"][data-loaded="true"]');

    // then: nothing runs off the side of the page
    const overflow = await phone.page.locator('[data-role="experiments-page"]').evaluate((scroller) => scroller.scrollWidth - scroller.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(phone.pageErrors).toEqual([]);
    await screenshot(phone.page, 'experiment-finished-phone');
    await phone.page.locator('[data-role="metrics"]').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'experiment-finished-phone-metrics');
    await phone.context.close();
  });
});
