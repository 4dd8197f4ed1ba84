/**
 * Web app benchmark (issue 5): how the designers' app copes with large models in a real Chromium,
 * served by a real engine process. Printed per model size:
 * - open: from choosing the file to the diagram drawn with its value markers, summary and problems;
 * - edit to summary: from a value-class change in the properties panel to the next frame after the
 *   summary bar shows the new NVA figures (the live validation runs in between);
 * - diff: the diff endpoint alone, and the compare page from navigation to both canvases marked.
 *
 *   npm run bench:web        # BENCH_WEB_SEGMENTS (default 20,40,80), BENCH_WEB_EDITS (default 20)
 */
import { performance } from 'node:perf_hooks';
import { nearestRankQuantile } from '#core';
import type { Browser, Page } from 'playwright-core';
import { startBenchDatabase } from '../support/bench-database.js';
import { launchChromium } from '../support/chromium.js';
import { deployXml, startEngineProcess, type EngineProcess } from '../support/engine-process.js';
import { designerSession, signedInState } from '../support/web-session.js';
import { generateLargeModel, type LargeModel } from './large-model.js';

const SEGMENTS = (process.env.BENCH_WEB_SEGMENTS ?? '20,40,80').split(',').map(Number);
const EDITS = Number(process.env.BENCH_WEB_EDITS ?? 20);
const OPEN_RUNS = 3;

const median = (values: number[]) => quantile(values, 0.5);
const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => nearestRankQuantile(ascending(values), q);
const ms = (value: number) => Math.round(value);

interface Row {
  elements: number;
  'open ms (median of 3)': number;
  'edit→summary ms median': number;
  'edit→summary ms p90': number;
  'edit→summary ms max': number;
  'diff API ms': number;
  'compare page ms': number;
  'JS heap MB': number;
}

async function main() {
  const database = await startBenchDatabase(['web']);
  const engine = await startEngineProcess({ databaseUrl: database.url('web'), stderr: 'ignore' });
  const browser = await launchChromium();
  try {
    const rows: Row[] = [];
    for (const segments of SEGMENTS) rows.push(await measure(browser, engine, segments));
    console.log(`\nTandem web app: generated models in Chromium (${EDITS} value-class edits per size; wall-clock, varies ~30% run to run)`);
    console.table(rows);
  } finally {
    await browser.close();
    await engine.stop();
    await database.stop();
  }
}

async function measure(browser: Browser, engine: EngineProcess, segments: number): Promise<Row> {
  const baseUrl = engine.baseUrl.replace(/\/api$/, '');
  const model = generateLargeModel({ segments, processKey: `bench-${segments}` });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, storageState: await signedInState(baseUrl, await designerSession(engine)) });
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/#/modeler`);
    await page.waitForSelector('body[data-ready="true"]');
    const opens: number[] = [];
    for (let run = 0; run < OPEN_RUNS; run++) opens.push(await openFile(page, model, `large-${run}.bpmn`));
    const edits = await editLatencies(page, model);
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    const diff = await diffTimings(page, engine, baseUrl, segments);
    return {
      elements: model.elementCount,
      'open ms (median of 3)': ms(median(opens)),
      'edit→summary ms median': ms(median(edits)),
      'edit→summary ms p90': ms(quantile(edits, 0.9)),
      'edit→summary ms max': ms(Math.max(...edits)),
      'diff API ms': ms(diff.api),
      'compare page ms': ms(diff.page),
      'JS heap MB': Math.round(heap / 2 ** 20),
    };
  } finally {
    await context.close();
  }
}

/** Choosing the file to the summary showing its figures: the page does all of it before it yields. */
async function openFile(page: Page, model: LargeModel, name: string): Promise<number> {
  const started = performance.now();
  await page.locator('[data-role="file-input"]').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(model.xml) });
  await page.locator(`[data-role="origin"]:text-is("${name}")`).waitFor();
  await page.locator(`[data-role="summary"] [data-figure="nva-steps"] .figure-value:text-is("${model.expected.nvaSteps}")`).waitFor();
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
  return performance.now() - started;
}

/** Timed inside the page: the change event to the frame after the summary bar changed. */
async function editLatencies(page: Page, model: LargeModel): Promise<number[]> {
  const latencies: number[] = [];
  for (let edit = 0; edit < EDITS; edit++) {
    const taskId = model.taskIds[(edit * 7) % model.taskIds.length]!;
    const shape = page.locator(`.djs-shape[data-element-id="${taskId}"]`);
    await shape.scrollIntoViewIfNeeded();
    await shape.click();
    await page.locator(`.djs-shape.selected[data-element-id="${taskId}"]`).waitFor();
    const select = page.locator('#bio-properties-panel-tandem-valueClass');
    const next = (await select.inputValue()) === 'NVA' ? 'VA' : 'NVA';
    latencies.push(Number(await page.evaluate(changeToSummaryFrame(next))));
  }
  return latencies;
}

/**
 * Page-side script (a string: the bench compiles without the DOM library). The summary bar may be
 * re-rendered as a new element, so the whole page is watched until its NVA figure reads differently.
 */
const changeToSummaryFrame = (value: string) => `new Promise((resolve) => {
  const figure = () => document.querySelector('[data-role="modeler-page"] [data-role="summary"] [data-figure="nva-steps"]')?.textContent;
  const before = figure();
  const input = document.querySelector('#bio-properties-panel-tandem-valueClass');
  let started = 0;
  const observer = new MutationObserver(() => {
    if (figure() === before) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - started));
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  started = performance.now();
  input.value = ${JSON.stringify(value)};
  // As a person's choice arrives (and Playwright's selectOption sends): input, then change.
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
})`;

/** Two deployed versions (every fifth task reclassified): the endpoint, then the compare page. */
async function diffTimings(page: Page, engine: EngineProcess, baseUrl: string, segments: number): Promise<{ api: number; page: number }> {
  const key = `bench-diff-${segments}`;
  const { id: before } = await deployXml(engine, generateLargeModel({ segments, processKey: key }).xml);
  const { id: after } = await deployXml(engine, generateLargeModel({ segments, processKey: key, reclassifyEvery: 5 }).xml);
  const apiStarted = performance.now();
  const answer = await fetch(`${engine.baseUrl}/process-versions/${before}/diff/${after}`, { headers: engine.authHeaders });
  if (!answer.ok) throw new Error(`diff failed: ${answer.status}`);
  await answer.json();
  const api = performance.now() - apiStarted;
  const pageStarted = performance.now();
  await page.goto(`${baseUrl}/#/diff/${before}/${after}`);
  await page.locator('[data-role="diff-page"][data-after-id]').waitFor();
  await page.locator('.diff-side[data-side="after"] .tandem-diff-badge').first().waitFor({ state: 'attached' });
  return { api, page: performance.now() - pageStarted };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
