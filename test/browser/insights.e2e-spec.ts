import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { formatDuration, formatMoney, formatReportDuration, SUB_SECOND_NOTE } from '../../apps/web/src/format/units.js';
import { createUser, deployXml, projectRoot, sleep, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { screenshot } from './support/chromium.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const PASSWORD = 'insights-password-1';
const ANALYST = { username: 'alex', password: PASSWORD } as const;

interface Summary {
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  total: number;
}

interface ActivityRow {
  elementId: string;
  elementType: string;
  timeClass: 'desk' | 'designedWait' | 'externalSystem';
  count: number;
  waiting: Summary;
  processing: Summary;
  designedWait: Summary;
}

/**
 * How one case goes through the as-is process: its start variables, what the deciding tasks
 * answer, and how long the agent lets a task sit claimed before working on it and works on it (ms).
 */
interface CaseScript {
  businessKey: string;
  variables: Record<string, unknown>;
  resolvedByFirstLine: boolean;
  needsExpert: boolean;
  /** Closed by an operator once it waits for the 3-day survey timer, which cannot pass in a test. */
  closeAtFollowUp: boolean;
}

/** Idle and working pauses per task: re-keying into the CRM sits longest, as in the team's own findings. */
const PAUSES: Record<string, { idle: number; work: number }> = {
  Task_LogRequest: { idle: 100, work: 200 },
  Task_RekeyIntoCrm: { idle: 1200, work: 300 },
  Task_FirstLineDiagnosis: { idle: 300, work: 600 },
  Task_HandOffNote: { idle: 500, work: 200 },
  Task_SecondLineDiagnosis: { idle: 800, work: 500 },
  Task_ExpertAnalysis: { idle: 600, work: 900 },
  Task_TeamLeadApproval: { idle: 900, work: 100 },
};

const CASES: CaseScript[] = [
  { businessKey: 'cust-1', variables: { category: 'inquiry', amount: 0, channel: 'phone' }, resolvedByFirstLine: true, needsExpert: false, closeAtFollowUp: true },
  { businessKey: 'cust-2', variables: { category: 'inquiry', amount: 0, channel: 'chat' }, resolvedByFirstLine: true, needsExpert: false, closeAtFollowUp: false },
  { businessKey: 'cust-3', variables: { category: 'complaint', amount: 500, channel: 'phone' }, resolvedByFirstLine: false, needsExpert: false, closeAtFollowUp: true },
  { businessKey: 'cust-4', variables: { category: 'complaint', amount: 4500, channel: 'chat' }, resolvedByFirstLine: false, needsExpert: true, closeAtFollowUp: false },
  { businessKey: 'cust-1', variables: { category: 'transactional', amount: 200, channel: 'email' }, resolvedByFirstLine: true, needsExpert: false, closeAtFollowUp: true },
  { businessKey: 'cust-6', variables: { category: 'inquiry', amount: 0, channel: 'phone' }, resolvedByFirstLine: false, needsExpert: false, closeAtFollowUp: false },
];

/** The analysts' insights page in Chromium, on the reference as-is process with cases run through the real API. */
describe('the insights page in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let versionId: string;
  let analyst: WebSession;
  let agentToken: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const call = async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const authorization = init.token ? { authorization: `Bearer ${init.token}` } : engine.authHeaders;
    const response = await fetch(`${engine.baseUrl}/${path}`, { ...init, headers: { 'content-type': 'application/json', ...authorization, ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (response.headers.get('content-type')?.includes('json') ? response.json() : response.text()) as Promise<T>;
  };

  /** Works one case through its user tasks as the agent would: claim, leave it, start, work, complete. */
  const runCase = async (script: CaseScript): Promise<string> => {
    const { id } = await call<{ id: string }>('processes/customer-service/instances', {
      method: 'POST',
      body: JSON.stringify({ businessKey: script.businessKey, variables: script.variables }),
    });
    for (let crmUpdated = false; !crmUpdated;) {
      const [task] = await call<Array<{ id: string; elementId: string }>>(`tasks?instanceId=${id}&status=open`, { token: agentToken });
      if (!task) {
        await sleep(50);
        continue;
      }
      const pause = PAUSES[task.elementId] ?? { idle: 100, work: 100 };
      await call(`tasks/${task.id}/claim`, { method: 'POST', body: '{}', token: agentToken });
      await sleep(pause.idle);
      await call(`tasks/${task.id}/start`, { method: 'POST', body: '{}', token: agentToken });
      await sleep(pause.work);
      const variables =
        task.elementId === 'Task_FirstLineDiagnosis'
          ? { resolvedByFirstLine: script.resolvedByFirstLine }
          : task.elementId === 'Task_SecondLineDiagnosis'
            ? { needsExpert: script.needsExpert }
            : {};
      await call(`tasks/${task.id}/complete`, { method: 'POST', body: JSON.stringify({ variables }), token: agentToken });
      crmUpdated = task.elementId === 'Task_UpdateCrm';
    }
    if (script.closeAtFollowUp) await call(`instances/${id}/cancel`, { method: 'POST', body: '{}' });
    return id;
  };

  const report = <T>(name: string, query = ''): Promise<T> => call<T>(`analytics/${name}?processVersionId=${versionId}${query}`, { token: analyst.token });

  beforeAll(async () => {
    // Dollars rather than the default euros, so the cost tile shows the setting reached the page.
    stack = await startWebStack({ engineEnv: { TANDEM_CURRENCY: 'USD' } });
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
    versionId = (await deployXml(engine, await readFile(join(projectRoot(), 'processes/customer-service/as-is.bpmn'), 'utf8'))).id;
    await Promise.all(CASES.map(runCase));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  const insights = (): Locator => page.locator('[data-role="insights-page"]');
  const openInsights = async (): Promise<void> => {
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('[data-role="insights-page"][data-loaded="true"]');
  };

  it('lands the analyst on the insights page with the heatmap, its legend and the figures on hover equal to the API', async () => {
    // given
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1280, height: 800 }, analyst));
    const { activities } = await report<{ activities: ActivityRow[] }>('activities');
    // The heatmap colours activities (tasks, sub-processes); events and gateways have figures in the API too.
    const withData = activities.filter((row) => /Task$/.test(row.elementType) && row.waiting.n > 0);

    // when
    await openInsights();

    // then: the analyst's start page, with the Insights link in the header
    expect(page.url()).toMatch(/#\/insights(\?|$)/);
    await expect(page.locator('[data-nav="insights"]').isVisible()).resolves.toBe(true);
    // every activity with data is coloured by its mean waiting; those without stay neutral
    expect(withData.length).toBeGreaterThanOrEqual(8);
    for (const row of withData) {
      const heat = await insights().locator(`g.djs-element[data-element-id="${row.elementId}"]`).getAttribute('data-heat');
      expect(Number(heat)).toBeCloseTo(row.waiting.mean!, 6);
    }
    await expect(insights().locator('g.djs-element[data-element-id="Task_SurveyCall"]').getAttribute('data-heat')).resolves.toBe('none');
    // the legend spans the scale: 0 to the largest mean waiting, in the page's units
    const max = Math.max(...withData.map((row) => row.waiting.mean!));
    await expect(insights().locator('[data-role="legend"]').getAttribute('data-max')).resolves.toBe(String(max));
    await expect(insights().locator('[data-role="legend-max"]').textContent()).resolves.toBe(formatReportDuration(max));
    await expect(insights().locator('[data-role="legend-title"]').textContent()).resolves.toBe("Waiting (the desk's), mean per activity");
    // the 3-day timer (the cases closed at the follow-up were canceled while it waited) is a designed wait: coloured in a
    // band of its own on a scale of its own, not on the desk's waiting scale
    const timer = activities.find((row) => row.elementId === 'Timer_Wait3Days')!;
    expect(timer).toMatchObject({ timeClass: 'designedWait', waiting: { n: 0 } });
    expect(timer.designedWait.n).toBeGreaterThan(0);
    const timerShape = insights().locator('g.djs-element[data-element-id="Timer_Wait3Days"]');
    await expect(timerShape.getAttribute('data-heat-band')).resolves.toBe('designedWait');
    expect(Number(await timerShape.getAttribute('data-heat'))).toBeCloseTo(timer.designedWait.mean!, 6);
    await expect(insights().locator('[data-role="legend-designed"]').getAttribute('data-max')).resolves.toBe(String(timer.designedWait.mean));
    await expect(insights().locator('[data-role="legend-designed"]').isVisible()).resolves.toBe(true);
    await expect(insights().locator('.tandem-heat-label[data-heat-element="Timer_Wait3Days"]').textContent()).resolves.toBe(
      `designed wait ${formatReportDuration(timer.designedWait.mean)} · n ${timer.designedWait.n}`,
    );
    // hovering an activity gives its sample and figures as the API reports them
    const rekey = activities.find((row) => row.elementId === 'Task_RekeyIntoCrm')!;
    const title = await insights().locator('.tandem-heat-label[data-heat-element="Task_RekeyIntoCrm"]').getAttribute('title');
    expect(title).toContain(
      `Waiting (the desk's): n ${rekey.waiting.n}, mean ${formatReportDuration(rekey.waiting.mean)}, median ${formatReportDuration(rekey.waiting.median)}, p90 ${formatReportDuration(rekey.waiting.p90)}`,
    );
    expect(title).toContain('(NVA)');
    // NVA steps keep their marker
    await expect(insights().locator('.tandem-value-badge[data-element="Task_RekeyIntoCrm"]').textContent()).resolves.toBe('NVA');
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'insights-heatmap');
  });

  it("lists the activities by the desk's total waiting, as the bottleneck ranking does, the designed waits apart, with the definitions on the columns", async () => {
    // given
    const { bottlenecks, designedWaits } = await report<{ bottlenecks: Array<{ elementId: string; count: number }>; designedWaits: Array<{ elementId: string }> }>('bottlenecks');
    const { definitions } = await report<{ definitions: Record<string, string> }>('activities');

    // when
    const rows = insights().locator('[data-role="activity-table"] tbody tr');
    const order = await rows.evaluateAll((lines) => lines.map((line) => line.getAttribute('data-element')));

    // then
    expect(order.slice(0, bottlenecks.length)).toEqual(bottlenecks.map(({ elementId }) => elementId));
    await expect(rows.first().locator('td').nth(2).textContent()).resolves.toBe(String(bottlenecks[0].count));
    await expect(insights().locator('th[data-definition="waiting"]').getAttribute('title')).resolves.toBe(`${definitions.waiting} ${SUB_SECOND_NOTE}`);
    await expect(insights().locator('th[data-definition="processing"]').getAttribute('title')).resolves.toBe(`${definitions.processing} ${SUB_SECOND_NOTE}`);
    // the designed waits come right after the ranked rows, without a rank, with their own column and its definition
    expect(designedWaits.map(({ elementId }) => elementId)).toEqual(['Timer_Wait3Days']);
    expect(bottlenecks.map(({ elementId }) => elementId)).not.toContain('Timer_Wait3Days');
    expect(order[bottlenecks.length]).toBe('Timer_Wait3Days');
    const timerRow = insights().locator('[data-role="activity-table"] tbody tr[data-element="Timer_Wait3Days"]');
    await expect(timerRow.locator('td').first().textContent()).resolves.toBe('–');
    await expect(timerRow.getAttribute('data-time-class')).resolves.toBe('designedWait');
    await expect(insights().locator('th[data-definition="designedWait"]').getAttribute('title')).resolves.toBe(`${definitions.designedWait} ${SUB_SECOND_NOTE}`);
  });

  it('shows the KPI tiles with their definitions and sample sizes against the baseline and target stored through the API', async () => {
    // given: lead times of seconds, far under a 100 h baseline and short of an impossible 0.001 h target
    await call('analytics/kpi-targets/customer-service', {
      method: 'PUT',
      token: analyst.token,
      body: JSON.stringify({ fcr: { baseline: 0.68, target: 0.85 }, leadTimeP90: { baseline: 100, target: 0.001 }, escalationRate: { baseline: 0.1, target: 0 } }),
    });
    const kpis = await report<{ sampleSize: { cases: number }; kpis: Array<{ key: string; definition: string; value: number | null }> }>('kpis');

    // when
    await openInsights();

    // then
    const tiles = insights().locator('.kpi-tile');
    await expect(tiles.count()).resolves.toBe(16);
    for (const tile of await tiles.all()) {
      await expect(tile.locator('[data-role="kpi-definition"]').textContent()).resolves.toMatch(/\w{4,}/);
      await expect(tile.locator('.kpi-sample').textContent()).resolves.toMatch(/^n = \d+/);
    }
    await expect(insights().locator('[data-kpi="fcr"] [data-role="kpi-definition"]').textContent()).resolves.toBe(kpis.kpis.find(({ key }) => key === 'fcr')!.definition);
    // the waiting share and PCE say whose time they count, with the designed waits' share and the PCE of the lead time beside them
    await expect(insights().locator('[data-kpi="waitingShare"] .kpi-label').textContent()).resolves.toBe("Waiting share (the desk's)");
    await expect(insights().locator('[data-kpi="waitingShare"] [data-role="kpi-definition"]').textContent()).resolves.toMatch(
      /Designed waits \(timers, waits for the customer\): .+ of the lead time, not counted here\.$/,
    );
    await expect(insights().locator('[data-kpi="pce"] .kpi-label').textContent()).resolves.toBe("Process cycle efficiency (desk's time)");
    await expect(insights().locator('[data-kpi="pce"] [data-role="kpi-definition"]').textContent()).resolves.toMatch(/Over the whole lead time, designed waits included: /);
    await expect(insights().locator('[data-kpi="slaResolution"] [data-role="kpi-definition"]').textContent()).resolves.toMatch(/SLA: 4 h of the desk's time\.$/);
    await expect(insights().locator('[data-kpi="cases"] [data-role="kpi-value"]').textContent()).resolves.toBe(String(kpis.sampleSize.cases));
    // money in the engine's TANDEM_CURRENCY, read from GET /api/settings
    const cost = kpis.kpis.find(({ key }) => key === 'costPerCase')!.value;
    expect(cost).not.toBeNull();
    await expect(insights().locator('[data-kpi="costPerCase"] [data-role="kpi-value"]').textContent()).resolves.toBe(formatMoney(cost, 'USD'));
    await expect(insights().locator('[data-kpi="costPerCase"] [data-role="kpi-value"]').textContent()).resolves.toMatch(/^\$\d/);
    const leadTime = insights().locator('[data-kpi="leadTimeP90"]');
    await expect(leadTime.getAttribute('data-vs-baseline')).resolves.toBe('better');
    await expect(leadTime.locator('[data-role="kpi-baseline"]').textContent()).resolves.toContain(`▲ better than baseline ${formatDuration(100 * 3600)} by`);
    await expect(leadTime.getAttribute('data-vs-target')).resolves.toBe('short');
    await expect(leadTime.locator('[data-role="kpi-target"]').textContent()).resolves.toMatch(/^target 3\.6 s: .+ to go$/);
    await expect(insights().locator('[data-role="targets-source"]').textContent()).resolves.toContain('stored for customer-service');
    await page.locator('[data-kpi="cases"]').scrollIntoViewIfNeeded();
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'insights-kpi-tiles');
  });

  it('applies the segment filter to every figure and downloads the table as CSV', async () => {
    // given
    const chat = await report<{ sampleSize: { activityInstances: number } }>('activities', '&segment.channel=chat');
    const kpis = await report<{ sampleSize: { cases: number } }>('kpis', '&segment.channel=chat');
    await page.locator('[data-role="segment-variable"]').fill('channel');
    await page.locator('[data-role="segment-value"]').fill('chat');

    // when
    await page.locator('[data-action="apply"]').click();
    await page.waitForSelector('[data-role="insights-page"][data-loaded="true"]');
    const download = page.waitForEvent('download');
    await page.locator('[data-csv="activities"]').click();
    const csv = await readFile((await (await download).path())!, 'utf8');

    // then
    await expect(insights().locator('[data-role="activity-sample"]').textContent()).resolves.toContain(`${chat.sampleSize.activityInstances} activity instances`);
    await expect(insights().locator('[data-kpi="cases"] [data-role="kpi-value"]').textContent()).resolves.toBe(String(kpis.sampleSize.cases));
    expect(csv.split('\n')[0]).toContain('elementId');
    expect(csv).toContain('Task_RekeyIntoCrm');
    expect(pageErrors).toEqual([]);
    await page.locator('[data-role="activity-table"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'insights-segment-table');
  });

  it('saves baselines and targets typed on the page, in percent for shares, keeping the others', async () => {
    // given
    await page.locator('[data-action="edit-targets"]').click();
    const escalation = page.locator('.target-row[data-kpi="escalationRate"]');

    // when
    await escalation.locator('input[name="baseline"]').fill('5');
    await escalation.locator('input[name="target"]').fill('2.5');
    await page.locator('[data-role="targets-form"] button[type="submit"]').click();
    await page.waitForSelector('[data-role="targets-form"][hidden]', { state: 'attached' });
    await page.waitForSelector('[data-role="insights-page"] [data-role="status"][data-kind="success"]');

    // then
    const stored = await call<{ targets: Record<string, { baseline?: number; target?: number }> }>('analytics/kpi-targets/customer-service', { token: analyst.token });
    expect(stored.targets.escalationRate).toEqual({ baseline: 0.05, target: 0.025 });
    expect(stored.targets.fcr).toEqual({ baseline: 0.68, target: 0.85 });
    await expect(insights().locator('[data-kpi="escalationRate"] [data-role="kpi-baseline"]').textContent()).resolves.toContain('baseline 5.0 %');
    expect(pageErrors).toEqual([]);
  });

  it('counts a case started elsewhere among the running ones without a reload: the engine pushes it', async () => {
    // given the insights open on the as-is process, its running count shown
    await openInsights();
    const status = insights().locator('[data-role="status"]');
    const runningNow = Number(/(\d+) running/.exec((await status.textContent()) ?? '')?.[1]);
    expect(Number.isInteger(runningNow)).toBe(true);
    // when an agent starts a case through the API (a chat inquiry, inside any segment the page kept)
    await call('processes/customer-service/instances', {
      method: 'POST',
      token: agentToken,
      body: JSON.stringify({ businessKey: 'cust-pushed', variables: { category: 'inquiry', amount: 0, channel: 'chat' } }),
    });
    // then the page counts it, with no reload and no click
    await insights()
      .locator('[data-role="status"]', { hasText: `${runningNow + 1} running` })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
});
