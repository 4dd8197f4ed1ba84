import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { ExperimentAnalysis, ExperimentEvent, ExperimentView, RunningMigration } from '../../apps/web/src/api/experiments-types.js';
import { migrationText } from '../../apps/web/src/insights/experiments/experiment-operations.js';
import { planProgress } from '../../apps/web/src/insights/experiments/plan-progress.js';
import { createUser, deployXml, sleep, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { screenshot } from './support/chromium.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const PROCESS_KEY = 'dash-timer';
const ANALYST = { username: 'alex', password: 'actions-password-1' } as const;
/** More cases than this means the plan is never reached: a broken scenario, not a slow one. */
const MAX_CASES = 60;

/**
 * A case that waits on a timer and ends: the baseline waits 3 s, the candidate 1 s, so lead time
 * differs clearly after a few cases; `hold` keeps a case running for an hour (for the migration check).
 */
const timerProcess = (wait: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  id="dash-timer-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${PROCESS_KEY}" name="Dash timer" isExecutable="true">
    <bpmn:startEvent id="opened"><bpmn:outgoing>to-wait</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait" name="Wait">
      <bpmn:incoming>to-wait</bpmn:incoming>
      <bpmn:outgoing>to-end</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">=if hold then "PT1H" else "${wait}"</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="closed"><bpmn:incoming>to-end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to-wait" sourceRef="opened" targetRef="wait" />
    <bpmn:sequenceFlow id="to-end" sourceRef="wait" targetRef="closed" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${PROCESS_KEY}">
      <bpmndi:BPMNShape id="opened_di" bpmnElement="opened"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="wait_di" bpmnElement="wait"><dc:Bounds x="200" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="closed_di" bpmnElement="closed"><dc:Bounds x="300" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="to-wait_di" bpmnElement="to-wait"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="to-end_di" bpmnElement="to-end"><di:waypoint x="236" y="118" /><di:waypoint x="300" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/**
 * The dashboard's buttons in Chromium against a real engine: each driven through its in-page
 * confirmation, the API's state checked afterwards; the reasons, the plan and the looks' chart
 * after the plan is reached; no buttons for a role the API refuses.
 */
describe('acting on an experiment from its dashboard', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let analyst: WebSession;
  let experimentId: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const call = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${engine.baseUrl}/${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst.token}`, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const get = async <T>(path: string): Promise<T> => (await call<T>(path)).body;
  const post = async <T>(path: string, body: unknown = {}): Promise<T> => {
    const answer = await call<T>(path, { method: 'POST', body: JSON.stringify(body) });
    if (answer.status >= 300) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const startCase = async (hold = false): Promise<void> => {
    const response = await fetch(`${engine.baseUrl}/processes/${PROCESS_KEY}/instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engine.authHeaders },
      body: JSON.stringify({ variables: { hold } }),
    });
    if (response.status !== 201) throw new Error(`starting a case: ${response.status} ${await response.text()}`);
  };

  const createExperiment = async (): Promise<string> =>
    (
      await post<ExperimentView>('experiments', {
        processKey: PROCESS_KEY,
        seed: 16004,
        arms: [
          { id: 'as-is', role: 'baseline', processVersionId: asIsVersion, weight: 1 },
          { id: 'to-be', role: 'candidate', processVersionId: toBeVersion, weight: 1 },
        ],
        primaryMetric: 'leadTime',
        secondaryMetrics: [],
        // A large effect on a narrow spread: a handful of cases per arm reach the plan.
        plan: { alpha: 0.05, power: 0.8, mde: 0.6, logSd: 0.5 },
      })
    ).id;
  let asIsVersion: string;
  let toBeVersion: string;

  const dashboard = (): Locator => page.locator('[data-role="experiments-page"]');
  const text = (locator: Locator): Promise<string> => locator.evaluate((node) => node.textContent ?? '');
  const open = async (target: Page, id: string): Promise<void> => {
    await target.goto(`${baseUrl}/#/insights/experiments/${id}`);
    await target.waitForSelector('body[data-ready="true"]');
    await target.waitForSelector('[data-role="experiments-page"][data-loaded="true"]');
  };

  /** Clicks the button, confirms in the page's dialog (with a reason), and waits for the API's answer and the page shown afresh. */
  const act = async (button: Locator, reason?: string): Promise<{ kind: string; text: string }> => {
    await button.click();
    const dialog = page.locator('[data-role="confirm-dialog"][open]');
    await dialog.waitFor();
    if (reason) await dialog.locator('[data-role="confirm-reason"]').fill(reason);
    await dialog.locator('[data-role="confirm-ok"]').click();
    const answer = page.locator('[data-role="operation-answer"]:is([data-kind="success"], [data-kind="error"])');
    await answer.waitFor();
    await page.waitForSelector('[data-role="experiments-page"][data-loaded="true"]');
    return { kind: (await answer.getAttribute('data-kind'))!, text: await text(answer) };
  };

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl } = stack);
    // Also a designer: moving the running cases after a promote is theirs (the role table), the rest the analyst's.
    await createUser(engine, { ...ANALYST, roles: ['analyst', 'designer'] });
    analyst = await webSession(engine.baseUrl, ANALYST);
    asIsVersion = (await deployXml(engine, timerProcess('PT3S'))).id;
    toBeVersion = (await deployXml(engine, timerProcess('PT1S'))).id;
    experimentId = await createExperiment();
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1280, height: 800 }, analyst));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  it('names the experiment by its process and arms, and starts the draft only once confirmed', async () => {
    // given
    await open(page, experimentId);
    await expect(text(dashboard().locator('[data-role="title"]'))).resolves.toBe('Dash timer: to-be v2 vs as-is v1');
    await expect(text(dashboard().locator('[data-role="subtitle"]'))).resolves.not.toContain(experimentId);
    const start = dashboard().locator('[data-operation="start"]');

    // when: asked, then cancelled
    await start.click();
    await expect(text(page.locator('[data-role="confirm-dialog"][open] [data-role="confirm-text"]'))).resolves.toMatch(/^Start the experiment\? New cases/);
    await screenshot(page, 'experiment-actions-confirm');
    await page.locator('[data-role="confirm-cancel"]').click();

    // then: nothing changed
    expect((await get<ExperimentView>(`experiments/${experimentId}`)).state).toBe('draft');

    // when: confirmed
    const answer = await act(start, 'pilot of the shorter wait');

    // then
    expect(answer).toEqual({ kind: 'success', text: 'Started: the experiment is running (draft → running).' });
    expect((await get<ExperimentView>(`experiments/${experimentId}`)).state).toBe('running');
    const events = await get<ExperimentEvent[]>(`experiments/${experimentId}/events`);
    expect(events.find((event) => event.action === 'start')?.reason).toBe('pilot of the shorter wait');
    await expect(dashboard().locator('[data-operation="start"]').count()).resolves.toBe(0);
    await expect(dashboard().locator('[data-operation="stop"]').count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('tells the reasons in sentences with the code in the tooltip, the plan as reached, and the looks as a chart with axes', async () => {
    // given: cases until both arms have more ended than the plan asks
    for (let started = 0; ;) {
      const { arms, requirements } = await get<ExperimentView>(`experiments/${experimentId}`);
      if (arms.every((arm) => (arm.finished ?? 0) > requirements!.perArm)) break;
      if (started >= MAX_CASES) throw new Error(`the plan of ${requirements!.perArm} cases per arm was not passed in ${started} cases: ${JSON.stringify(arms)}`);
      if (arms.every((arm) => (arm.running ?? 0) === 0)) {
        await Promise.all(Array.from({ length: 6 }, () => startCase()));
        started += 6;
      }
      await sleep(500);
    }
    const analysis = await get<ExperimentAnalysis>(`experiments/${experimentId}/analysis`);
    const [candidate] = analysis.candidates;
    expect(analysis.plan.casesSoFar).toBeGreaterThan(analysis.plan.perArm);

    // when
    await dashboard().locator('[data-action="refresh"]').click();
    await page.waitForSelector('[data-role="experiments-page"][data-loaded="true"]');

    // then: every reason a sentence, its code in the title
    const reasons = dashboard().locator('[data-role="verdict-reasons"] > li');
    await expect(reasons.count()).resolves.toBe(analysis.reasons.length);
    for (const [index, reason] of analysis.reasons.entries()) {
      await expect(reasons.nth(index).getAttribute('title')).resolves.toMatch(new RegExp(`^${reason.code}(: |$)`));
      const sentence = await text(reasons.nth(index));
      expect(sentence).toMatch(/^[A-Z].*\.$/);
      expect(sentence).not.toMatch(/[A-Z]+_[A-Z]+|informationFraction/);
    }
    // the plan: when it was reached, no share above 100 %, no days to go
    const progress = planProgress({ plan: analysis.plan, looks: candidate.looks, crossedLook: candidate.verdict.sequential.crossed?.look ?? null });
    const plan = dashboard().locator('[data-role="plan"]');
    await expect(text(plan.locator('[data-role="plan-text"]'))).resolves.toBe(progress.text);
    expect(progress.text).toMatch(/^Plan reached on \d{1,2} [A-Z][a-z]{2}: \d+ cases per arm, \d+ planned\.$/);
    await expect(text(plan.locator('[data-role="plan-days"]'))).resolves.toBe(progress.detail);
    await expect(text(plan)).resolves.not.toMatch(/days to go|about \d+ days|\d{3} %/);
    await expect(plan.locator('[data-role="plan-bar"]').getAttribute('aria-valuenow')).resolves.toBe(String(analysis.plan.perArm));
    // the looks: axes with their titles, the boundary on both sides, a point per look, no information above 100 %
    const chart = dashboard().locator('[data-role="looks-chart"]');
    await expect(chart.locator('[data-axis="x"] .axis-title').textContent()).resolves.toMatch(/look date/);
    await expect(chart.locator('[data-axis="y"] .axis-title').textContent()).resolves.toMatch(/^z /);
    await expect(chart.locator('[data-axis="y"] .tick-label').count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(
      chart.locator('[data-role="looks-boundary"]').evaluateAll((sides) => sides.map((side) => [side.getAttribute('data-side'), side.children.length > 0])),
    ).resolves.toEqual([
      ['upper', true],
      ['lower', true],
    ]);
    await expect(chart.locator('circle.looks-dot').count()).resolves.toBe(candidate.looks.length);
    await expect(text(dashboard().locator('[data-role="looks-caption"]'))).resolves.toMatch(/dashed: the ± boundary/);
    const information = await dashboard().locator('.looks-table td[data-label="Information"]').allTextContents();
    expect(information.every((cell) => !/^(10[1-9]|1[1-9][0-9]|[2-9][0-9]{2}) %/.test(cell))).toBe(true);
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'experiment-actions-top');
    await dashboard().locator('[data-role="looks"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'experiment-actions-looks');
  });

  it('pauses and resumes the candidate arm', async () => {
    // when
    const paused = await act(dashboard().locator('[data-operation="pauseArm"][data-arm="to-be"]'), 'checking the timer');

    // then
    expect(paused).toEqual({ kind: 'success', text: 'Arm to-be paused: its new cases go to the baseline (experiment still running).' });
    expect((await get<ExperimentView>(`experiments/${experimentId}`)).arms.find((arm) => arm.id === 'to-be')?.paused).toBe(true);
    await expect(dashboard().locator('.arm-card[data-arm="to-be"]').getAttribute('data-paused')).resolves.toBe('true');

    // when
    const resumed = await act(dashboard().locator('[data-operation="resumeArm"][data-arm="to-be"]'));

    // then
    expect(resumed.text).toBe('Arm to-be resumed: it gets its share of new cases (experiment still running).');
    expect((await get<ExperimentView>(`experiments/${experimentId}`)).arms.find((arm) => arm.id === 'to-be')?.paused).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('shows no button to a role the API does not let act', async () => {
    // given: a designer (the experiments API wants an analyst or an admin)
    const designer = await openSignedInPage(stack, { width: 1280, height: 800 }, stack.designer);

    // when
    await designer.page.goto(`${baseUrl}/#/insights/experiments/${experimentId}`);
    await designer.page.waitForSelector('body[data-ready="true"]');
    await designer.page.waitForSelector('[data-role="experiments-page"] [data-role="status"]:not([data-kind="info"])');

    // then
    await expect(designer.page.locator('button[data-operation]').count()).resolves.toBe(0);
    await expect(designer.page.locator('[data-role="experiments-page"] [data-role="status"]').textContent()).resolves.toMatch(/needs the role analyst or admin/);
    await designer.context.close();
  });

  it("promotes the winner, then checks moving the others' running cases without moving them", async () => {
    // given: cases held running on both arms
    await Promise.all(Array.from({ length: 6 }, () => startCase(true)));

    // when
    const promoted = await act(dashboard().locator('[data-operation="promote"][data-arm="to-be"]'), 'shorter wait wins');

    // then
    expect(promoted).toEqual({ kind: 'success', text: 'Promoted to-be: every new case goes to it (running → promoted).' });
    const after = await get<ExperimentView>(`experiments/${experimentId}`);
    expect({ state: after.state, winner: after.winnerArmId }).toEqual({ state: 'promoted', winner: 'to-be' });
    await expect(dashboard().locator('[data-operation="promote"]').count()).resolves.toBe(0);

    // when
    const checked = await act(dashboard().locator('[data-operation="migrateDryRun"]'));

    // then: the API's answer in words, and nothing moved (the same check answers the same)
    const again = await post<RunningMigration>(`experiments/${experimentId}/migrate-running`, { dryRun: true });
    expect(checked).toEqual({ kind: 'success', text: migrationText(again) });
    expect(again.arms.map((arm) => arm.armId)).toEqual(['as-is']);
    expect(checked.text).toMatch(/^Dry run, nothing was moved: arm as-is: \d+ running cases? could move to to-be, 0 could not\.$/);
    expect(pageErrors).toEqual([]);
    await page.locator('[data-role="operation-answer"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'experiment-actions-promoted');
  });

  it('stops a running experiment, and shows the refusal with its code when the page is out of date', async () => {
    // given: a second experiment on the key, started
    const second = await createExperiment();
    await post(`experiments/${second}/start`);
    await open(page, second);

    // when
    const stopped = await act(dashboard().locator('[data-operation="stop"]'), 'enough');

    // then
    expect(stopped).toEqual({ kind: 'success', text: 'Stopped: the experiment is stopped (running → stopped).' });
    expect((await get<ExperimentView>(`experiments/${second}`)).state).toBe('stopped');
    await expect(dashboard().locator('button[data-operation]').count()).resolves.toBe(0);

    // given: a third, stopped behind the page's back
    const third = await createExperiment();
    await post(`experiments/${third}/start`);
    await open(page, third);
    await post(`experiments/${third}/stop`);

    // when
    const refused = await act(dashboard().locator('[data-operation="stop"]'));

    // then
    expect(refused.kind).toBe('error');
    expect(refused.text).toMatch(/^Refused \(409 EXPERIMENT_TRANSITION_INVALID\): cannot stop an experiment that is stopped/);
    expect(pageErrors).toEqual([]);
  });

  it('reads on a phone-sized screen, the confirmation included', async () => {
    // given
    const phone = await openSignedInPage(stack, { width: 375, height: 800 }, analyst);

    // when
    await open(phone.page, experimentId);

    // then
    const overflow = await phone.page.locator('[data-role="experiments-page"]').evaluate((scroller) => scroller.scrollWidth - scroller.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(phone.page, 'experiment-actions-phone');
    await phone.page.locator('[data-role="looks"]').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'experiment-actions-phone-looks');
    await phone.page.locator('[data-operation="migrateDryRun"]').click();
    await phone.page.locator('[data-role="confirm-dialog"][open]').waitFor();
    await screenshot(phone.page, 'experiment-actions-phone-confirm');
    expect(phone.pageErrors).toEqual([]);
    await phone.context.close();
  });
});
