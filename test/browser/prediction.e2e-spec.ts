import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { VersionCalibration, Estimate, Prediction, PredictionComparison, PredictionRequest } from '../../apps/web/src/api/simulations-types.js';
import {
  fitHint,
  formatDifferenceEstimate,
  formatEstimate,
  POOL_FIGURES,
  PREDICTED_FIGURES,
  SIMULATED_BADGE_TEXT,
  withMean,
} from '../../apps/web/src/insights/prediction/prediction-format.js';
import { createUser, deployXml, projectRoot, sleep, type EngineProcess } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { screenshot } from './support/chromium.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const PASSWORD = 'prediction-password-1';
const ANALYST = { username: 'alex', password: PASSWORD } as const;
const HISTORY_CASES = 24;
const CONCURRENT_CASES = 6;
/** A case that takes more polls than this is stuck: a broken scenario, not a slow one. */
const MAX_STEPS_PER_CASE = 200;
/** Working time per as-is task (ms): re-keying and the hand-off note take longest, as in the team's findings. */
const WORK_MS: Record<string, number> = { Task_LogRequest: 40, Task_RekeyIntoCrm: 90, Task_FirstLineDiagnosis: 120, Task_HandOffNote: 60, Task_SecondLineDiagnosis: 80 };

/**
 * The prediction page in Chromium: the reference as-is with a small history worked through the
 * real API, calibrated on the page, a team of three pools, and the to-be predicted beside it.
 */
describe('the prediction page in the browser', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let analyst: WebSession;
  let agentToken: string;
  let asIs: string;
  let toBe: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let calibration: VersionCalibration;

  const call = async <T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> => {
    const authorization = init.token ? { authorization: `Bearer ${init.token}` } : engine.authHeaders;
    const response = await fetch(`${engine.baseUrl}/${path}`, { ...init, headers: { 'content-type': 'application/json', ...authorization, ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (response.headers.get('content-type')?.includes('json') ? response.json() : response.text()) as Promise<T>;
  };
  const post = (path: string, body: unknown = {}) => call(path, { method: 'POST', body: JSON.stringify(body), token: agentToken });

  /** One as-is case worked to the CRM update (claim, start, work, complete), then closed at the 3-day follow-up timer, which cannot pass in a test. */
  const runCase = async (index: number): Promise<void> => {
    const { id } = await call<{ id: string }>('processes/customer-service/instances', {
      method: 'POST',
      body: JSON.stringify({
        businessKey: `cust-${index}`,
        variables: { category: index % 3 === 0 ? 'transactional' : 'inquiry', amount: 0, channel: 'phone', customerTier: 'standard' },
      }),
    });
    const resolved = index % 3 !== 1;
    const seen: string[] = [];
    for (let done = false; !done;) {
      const [task] = await call<Array<{ id: string; elementId: string }>>(`tasks?instanceId=${id}&status=open`, { token: agentToken });
      if (seen.length > MAX_STEPS_PER_CASE) throw new Error(`case ${index} did not reach the CRM update: ${seen.filter((step, i) => step !== seen[i - 1]).join(' -> ')}`);
      if (!task) {
        seen.push('(no open task)');
        await sleep(30);
        continue;
      }
      seen.push(task.elementId);
      await post(`tasks/${task.id}/claim`);
      await post(`tasks/${task.id}/start`);
      await sleep((WORK_MS[task.elementId] ?? 30) * (1 + (index % 4) / 2));
      const variables =
        task.elementId === 'Task_FirstLineDiagnosis' ? { resolvedByFirstLine: resolved } : task.elementId === 'Task_SecondLineDiagnosis' ? { needsExpert: false } : {};
      await post(`tasks/${task.id}/complete`, { variables });
      done = task.elementId === 'Task_UpdateCrm';
    }
    await call(`instances/${id}/cancel`, { method: 'POST', body: '{}' });
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
    asIs = await deploy('as-is.bpmn');
    for (let started = 0; started < HISTORY_CASES; started += CONCURRENT_CASES) {
      await Promise.all(Array.from({ length: CONCURRENT_CASES }, (_, k) => runCase(started + k)));
    }
    // Deployed after the history: new cases start on the latest version.
    toBe = await deploy('to-be.bpmn');
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  const predictionPage = (): Locator => page.locator('[data-role="prediction-page"]');
  const text = (locator: Locator): Promise<string> => locator.evaluate((node) => node.textContent ?? '');
  const fill = async (role: string, value: string): Promise<void> => predictionPage().locator(`[data-role="${role}"]`).fill(value);

  it('calibrates the as-is from its history and shows each parameter with its evidence', async () => {
    // given
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1280, height: 900 }, analyst));
    calibration = await call<VersionCalibration>('simulations/calibration', { method: 'POST', body: JSON.stringify({ processVersionId: asIs }), token: analyst.token });
    await page.goto(`${baseUrl}/#/insights`);
    await page.waitForSelector('body[data-ready="true"]');

    // when: from the insights page to the prediction, and calibrate the as-is
    await page.locator('[data-role="prediction-link"]').click();
    await page.waitForSelector('[data-role="prediction-page"][data-loaded="true"]');
    await predictionPage().locator('[data-role="baseline-select"]').selectOption(asIs);
    await predictionPage().locator('[data-action="calibrate"]').click();
    await page.waitForSelector('[data-role="prediction-page"][data-calibrated="true"]');

    // then: the page says its figures are simulated
    expect(page.url()).toMatch(/#\/insights\/predict$/);
    await expect(text(predictionPage().locator('[data-role="simulated-badge"]').first())).resolves.toBe(SIMULATED_BADGE_TEXT);
    // the arrival rate and its evidence
    expect(calibration.cases).toBe(HISTORY_CASES);
    await expect(predictionPage().locator('[data-field="arrivals.perDay"]').inputValue()).resolves.toBe(String(calibration.parameters.arrivals.perDay));
    await expect(text(predictionPage().locator('[data-role="arrival-evidence"]'))).resolves.toContain(`${HISTORY_CASES} cases over ${calibration.fit.arrivals.days} day`);
    // per activity the runs, the fitted mean and the goodness of fit in plain words
    for (const [elementId, fit] of Object.entries(calibration.fit.durations)) {
      const row = predictionPage().locator(`[data-role="duration-fits"] tr[data-element="${elementId}"]`);
      await expect(text(row.locator('td').first())).resolves.toBe(String(fit.n));
      const distribution = calibration.parameters.durations[elementId];
      await expect(row.locator('input').inputValue()).resolves.toBe(String(distribution.kind === 'fixed' ? distribution.value : distribution.mean));
      await expect(text(row.locator('[data-role="fit-hint"]'))).resolves.toBe(fitHint(fit));
    }
    expect(calibration.fit.durations.Task_RekeyIntoCrm.n).toBe(HISTORY_CASES);
    // the first line resolved two cases in three: its branch shares with their counts
    const resolvedPasses = calibration.fit.branches.Gateway_ResolvedByFirstLine;
    expect(resolvedPasses.passes).toBe(HISTORY_CASES);
    await expect(text(predictionPage().locator('[data-role="branch-fits"]'))).resolves.toContain(`${resolvedPasses.counts.Flow_Resolved} of ${HISTORY_CASES}`);
    // a pool per candidate group of the as-is and the to-be
    const pools = await predictionPage()
      .locator('[data-role="pool-id"]')
      .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    expect(pools).toEqual(['first-line', 'second-line', 'experts']);
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'prediction-calibrated');
  });

  it('predicts from the defaults: Calibrate, then Predict with no edits, every value from the history or a stated default', async () => {
    // given: the page as calibration left it; the to-be (the as-is's newer version) is the default candidate
    await expect(predictionPage().locator('[data-role="candidate-select"]').inputValue()).resolves.toBe(toBe);
    // the pools are sized from the history's team: one agent (sam) worked the first and second line's tasks; no expert work was recorded
    const sizes = await predictionPage()
      .locator('[data-role="pool-size"]')
      .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    expect(calibration.fit.pools['first-line']).toMatchObject({ agentsAtOnce: 1, agentsSeen: 1 });
    expect(sizes).toEqual(['1', '1', '1']);
    const sources = predictionPage().locator('[data-role="pool-size-source"]');
    await expect(text(sources.nth(0))).resolves.toBe(`history: at most 1 at once within an hour (1 agent seen, ${calibration.fit.pools['first-line'].tasks} tasks)`);
    await expect(text(sources.nth(2))).resolves.toBe('default: 1, no work of the group in history');
    // the to-be's three-way first-line outcome is filled on every flow, adding up to 1, each value with its source
    const outcome = predictionPage().locator('[data-role="candidate-branches"] tr[data-gateway="Gateway_FirstLineOutcome"]');
    const shares = await outcome.locator('input').evaluateAll((inputs) => inputs.map((input) => Number((input as unknown as { value: string }).value)));
    expect(shares).toHaveLength(3);
    expect(Math.abs(shares.reduce((sum, share) => sum + share, 0) - 1)).toBeLessThan(1e-6);
    await expect(outcome.locator('[data-role="value-source"]').allTextContents()).resolves.toEqual([
      'history: flow “yes” of “Resolved by first line?”',
      'history: flow “no” of “Resolved by first line?”, which led to the same step',
      'default: the rest, not in history',
    ]);
    // every calibrated branch share and working time says where it comes from
    await expect(predictionPage().locator('[data-role="branch-fits"] [data-role="value-source"]').first().textContent()).resolves.toMatch(/^history: /);
    await expect(text(predictionPage().locator('[data-role="duration-fits"] tr[data-element="Task_RekeyIntoCrm"] [data-role="value-source"]'))).resolves.toBe(
      `history: fitted from ${HISTORY_CASES} runs`,
    );
    await expect(text(predictionPage().locator('[data-role="duration-fits"] tr[data-element="Task_SurveyCall"] [data-role="value-source"]'))).resolves.toContain(
      'default: the model’s standard minutes',
    );

    // when: Predict, nothing edited
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/simulations/predictions'));
    await predictionPage().locator('[data-action="predict"]').click();
    const response = await answered;
    await page.waitForSelector('[data-role="prediction-page"][data-predicted="true"]', { timeout: 120_000 });

    // then: no error, and every figure of both versions with an interval inside its range
    expect(response.status()).toBe(200);
    const answer = (await response.json()) as PredictionComparison;
    await expect(predictionPage().locator('[data-role="status"]').getAttribute('data-kind')).resolves.toBe('success');
    const SHARES = new Set(['waitingShare', 'nvaShare', 'slaAttainment', 'resolutionSla', 'utilisation']);
    const inRange = (figure: string, estimate: Estimate): void => {
      expect(estimate.interval).toHaveLength(2);
      const [low, high] = estimate.interval!;
      expect(low).toBeGreaterThanOrEqual(0);
      expect(low).toBeLessThanOrEqual(high);
      if (SHARES.has(figure)) expect(high).toBeLessThanOrEqual(1);
    };
    for (const prediction of [answer.baseline, answer.candidate]) {
      expect(prediction.figures.casesCompleted.mean).toBeGreaterThan(0);
      for (const figure of PREDICTED_FIGURES) if (prediction.figures[figure].mean !== null) inRange(figure, prediction.figures[figure]);
      for (const pool of prediction.pools) for (const figure of POOL_FIGURES) if (pool[figure].mean !== null) inRange(figure, pool[figure]);
    }
    const figures = predictionPage().locator('[data-role="figures"]');
    for (const figure of PREDICTED_FIGURES) {
      await expect(text(figures.locator(`td[data-figure="${figure}"][data-column="baseline"]`))).resolves.toBe(formatEstimate(figure, answer.baseline.figures[figure]));
    }
    // what the to-be lacks is named by element, the parameter path in a tooltip
    const leftOut = predictionPage().locator('[data-role="left-out"] [data-field-path="durations.Task_RekeyIntoCrm"]');
    await expect(text(leftOut)).resolves.toBe('Working time of “Re-key request into CRM”');
    await expect(leftOut.getAttribute('title')).resolves.toBe('durations.Task_RekeyIntoCrm');
    await expect(text(predictionPage().locator('[data-role="left-out"]'))).resolves.not.toContain('durations.');
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'prediction-defaults');
  }, 180_000);

  it('predicts the to-be beside the as-is with the figures, intervals and paired differences the API answers', async () => {
    // given: a team of three pools, the to-be's new first-line outcome split as the as-is resolved, and a small study (3 runs of a week)
    const sizes = predictionPage().locator('[data-role="pool-size"]');
    await sizes.nth(0).fill('3');
    await sizes.nth(1).fill('2');
    await sizes.nth(2).fill('1');
    await predictionPage().locator('[data-role="pool-hours"]').nth(2).selectOption('always');
    await predictionPage().locator('[data-role="candidate-select"]').selectOption(toBe);
    const share = (flowId: string): Locator => predictionPage().locator(`[data-field="branches.Gateway_FirstLineOutcome.${flowId}"]`);
    await share('Flow_NoReasonGiven').waitFor();
    const resolved = calibration.parameters.branches.Gateway_ResolvedByFirstLine.Flow_Resolved;
    await expect(share('Flow_Resolved').inputValue()).resolves.toBe(String(resolved));
    await share('Flow_EscalateWithReason').fill(String(1 - resolved));
    await share('Flow_NoReasonGiven').fill('0');
    // the analyst's own estimate of the first-line diagnosis: 12 minutes, as variable as measured
    await predictionPage().locator('input[data-field="durations.Task_FirstLineDiagnosis.mean"]').fill('12');
    await fill('replications', '3');
    await fill('days', '7');
    // A day of history puts every arrival on the weekday the test ran: a whole week without warm-up holds that day.
    await fill('warm-up', '0');
    await fill('drain', '5');
    await fill('seed', '7');
    await fill('start', '2026-03-02');

    // when
    const sent: PredictionRequest[] = [];
    const collect = (request: { url(): string; postDataJSON(): unknown }) => {
      if (request.url().endsWith('/api/simulations/predictions')) sent.push(request.postDataJSON() as PredictionRequest);
    };
    page.on('request', collect);
    await predictionPage().locator('[data-action="predict"]').click();
    await page.waitForSelector('[data-role="prediction-page"][data-predicted="true"]', { timeout: 120_000 });
    page.off('request', collect);

    // then: one request for both versions, on the same study
    expect(sent).toHaveLength(1);
    const [body] = sent;
    expect(body.processVersionId).toBe(asIs);
    expect(body.candidateVersionId).toBe(toBe);
    expect(body.replications).toBe(3);
    expect(body.parameters).toMatchObject({
      seed: 7,
      start: '2026-03-02T00:00:00.000Z',
      horizon: { days: 7, warmUpDays: 0, drainDays: 5 },
      pools: [
        { id: 'first-line', size: 3, hours: { days: [1, 2, 3, 4, 5], from: 8, to: 18 } },
        { id: 'second-line', size: 2, hours: { days: [1, 2, 3, 4, 5], from: 8, to: 18 } },
        { id: 'experts', size: 1 },
      ],
      arrivals: calibration.parameters.arrivals,
    });
    expect(body.parameters.pools[2].hours).toBeUndefined();
    // the shared parameters carry the edited calibration (the API leaves out what the to-be lacks, and the page says so); the to-be gets its own first-line outcome shares
    const diagnosis = calibration.parameters.durations.Task_FirstLineDiagnosis;
    expect(body.parameters.durations).toEqual({ ...calibration.parameters.durations, Task_FirstLineDiagnosis: withMean(diagnosis, 12) });
    expect(body.candidateParameters?.branches?.Gateway_FirstLineOutcome).toEqual({ Flow_Resolved: resolved, Flow_EscalateWithReason: 1 - resolved, Flow_NoReasonGiven: 0 });
    await expect(text(predictionPage().locator('[data-role="left-out"]'))).resolves.toContain('Working time of “Re-key request into CRM”');
    // the same request to the API answers the same figures (deterministic for a seed), and the page shows them with the paired differences
    const answer = await call<PredictionComparison>('simulations/predictions', { method: 'POST', body: JSON.stringify(body), token: analyst.token });
    expect(answer.baseline.runs.map(({ seed }) => seed)).toEqual([7, 8, 9]);
    expect(answer.candidate.runs.map(({ seed }) => seed)).toEqual([7, 8, 9]);
    const figures = predictionPage().locator('[data-role="figures"]');
    for (const figure of PREDICTED_FIGURES) {
      await expect(text(figures.locator(`td[data-figure="${figure}"][data-column="baseline"]`))).resolves.toBe(formatEstimate(figure, answer.baseline.figures[figure]));
      await expect(text(figures.locator(`td[data-figure="${figure}"][data-column="candidate"]`))).resolves.toBe(formatEstimate(figure, answer.candidate.figures[figure]));
      await expect(text(figures.locator(`td[data-figure="${figure}"][data-column="difference"]`))).resolves.toBe(formatDifferenceEstimate(figure, answer.differences[figure]));
    }
    expect(answer.baseline.figures.casesCompleted.mean).toBeGreaterThan(0);
    expect(answer.baseline.figures.waitingShare.interval).toHaveLength(2);
    // the headline in words
    await expect(text(predictionPage().locator('[data-role="sentences"] li[data-figure="waitingShare"]'))).resolves.toBe(
      `Waiting share ${formatEstimate('waitingShare', answer.baseline.figures.waitingShare)} → ${formatEstimate('waitingShare', answer.candidate.figures.waitingShare)}, difference ${formatDifferenceEstimate('waitingShare', answer.differences.waitingShare)}`,
    );
    // per pool, its utilisation and queue lengths
    for (const [role, prediction] of [
      ['baseline-pools', answer.baseline],
      ['candidate-pools', answer.candidate],
    ] as const) {
      expect(prediction.pools.map(({ poolId }) => poolId).sort()).toEqual(['experts', 'first-line', 'second-line']);
      for (const pool of prediction.pools) {
        for (const figure of POOL_FIGURES) {
          await expect(text(predictionPage().locator(`[data-role="${role}"] tr[data-pool="${pool.poolId}"] td[data-figure="${figure}"]`))).resolves.toBe(
            formatEstimate(figure, pool[figure]),
          );
        }
      }
    }
    // marked simulated beside the figures
    await expect(text(predictionPage().locator('[data-role="results"] [data-role="simulated-badge"]'))).resolves.toBe(SIMULATED_BADGE_TEXT);
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'prediction-comparison');
    await predictionPage()
      .locator('[data-role="results"]')
      .screenshot({ path: join(projectRoot(), 'artifacts', 'screenshots', 'prediction-results.png') });
  }, 180_000);

  it('shows a refused parameter at the field it names', async () => {
    // given: a negative arrival rate
    await predictionPage().locator('input[data-field="arrivals.perDay"]').fill('-5');

    // when
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/simulations/predictions'));
    await predictionPage().locator('[data-action="predict"]').click();
    const response = await answered;
    await page.waitForSelector('[data-role="field-problem"][data-field="arrivals.perDay"]');

    // then: the API refused it (422), and its message is under the arrivals input, which is marked invalid
    expect(response.status()).toBe(422);
    const refusal = (await response.json()) as { code: string; details: { problems: Array<{ field: string; message: string }> } };
    expect(refusal.code).toBe('SIMULATION_PARAMETERS_INVALID');
    const problem = refusal.details.problems.find(({ field }) => field === 'arrivals.perDay')!;
    const input = predictionPage().locator('input[data-field="arrivals.perDay"]');
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
    const shown = predictionPage().locator('[data-role="field-problem"][data-field="arrivals.perDay"]');
    await expect(shown.count()).resolves.toBe(1);
    await expect(text(shown)).resolves.toBe(problem.message);
    // placed right after the input it names
    await expect(input.evaluate((node) => node.nextElementSibling?.getAttribute('data-field'))).resolves.toBe('arrivals.perDay');
    await expect(predictionPage().locator('[data-role="status"]').getAttribute('data-kind')).resolves.toBe('error');
    // the figures of the last run are gone: they were not of these inputs
    await expect(predictionPage().locator('[data-role="results-slot"]').isHidden()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
    await input.scrollIntoViewIfNeeded();
    await screenshot(page, 'prediction-refused-field');
  });
  it('answers "what if the first line is smaller" by running the same study again', async () => {
    // given: the study of the comparison, with a valid arrival rate again
    await predictionPage().locator('input[data-field="arrivals.perDay"]').fill(String(calibration.parameters.arrivals.perDay));
    const waitOf = async (): Promise<Prediction> => {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/simulations/predictions'));
      await predictionPage().locator('[data-action="predict"]').click();
      const { baseline } = (await (await answered).json()) as PredictionComparison;
      await page.waitForSelector('[data-role="prediction-page"][data-predicted="true"]', { timeout: 120_000 });
      return baseline;
    };
    const withThree = await waitOf();

    // when: one agent fewer on the first line
    await predictionPage().locator('[data-role="pool-size"]').nth(0).fill('2');
    const withTwo = await waitOf();

    // then: the same arrivals wait longer for the first line, and the page shows the new team
    const firstLine = (prediction: Prediction) => prediction.pools.find(({ poolId }) => poolId === 'first-line')!;
    expect(firstLine(withTwo).agents).toBe(2);
    expect(firstLine(withTwo).meanWaitMinutes.mean!).toBeGreaterThan(firstLine(withThree).meanWaitMinutes.mean!);
    await expect(text(predictionPage().locator('[data-role="baseline-pools"] tr[data-pool="first-line"] td[data-figure="meanWaitMinutes"]'))).resolves.toBe(
      formatEstimate('meanWaitMinutes', firstLine(withTwo).meanWaitMinutes),
    );
    expect(pageErrors).toEqual([]);
    await predictionPage()
      .locator('[data-role="results"]')
      .screenshot({ path: join(projectRoot(), 'artifacts', 'screenshots', 'prediction-smaller-first-line.png') });
  }, 180_000);
});
