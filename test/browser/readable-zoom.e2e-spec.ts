import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { MIN_READABLE_SCALE, ZOOM_STEP } from '../../apps/web/src/modeler/diagram/readable-scale.js';
import { createUser, deployXml, projectRoot } from '../../bench/support/engine-process.js';
import { webSession, type WebSession } from '../../bench/support/web-session.js';
import { screenshot } from './support/chromium.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const AS_IS = join(projectRoot(), 'processes/customer-service/as-is.bpmn');
const ANALYST = { username: 'zoe', password: 'readable-zoom-password-1' } as const;

/** The wide reference process opens with legible labels, and the zoom buttons change the scale. */
describe('diagrams open readable, with zoom buttons', () => {
  let stack: WebStack;
  let analyst: WebSession;
  let asIsId: string;
  let toBeId: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    stack = await startWebStack();
    asIsId = (await deployXml(stack.engine, await readFile(AS_IS, 'utf8'))).id;
    toBeId = (await deployXml(stack.engine, await readFile(join(projectRoot(), 'processes/customer-service/to-be.bpmn'), 'utf8'))).id;
    await createUser(stack.engine, { ...ANALYST, roles: ['analyst'] });
    analyst = await webSession(stack.engine.baseUrl, ANALYST);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  const zoomOf = async (canvas: Locator): Promise<number> => Number(await canvas.getAttribute('data-zoom'));

  /** Presses each button and checks the scale it leaves, ending on fit (the opening scale). */
  const checkButtons = async (canvas: Locator): Promise<void> => {
    const opened = await zoomOf(canvas);
    const press = async (action: string): Promise<number> => {
      await canvas.locator(`.zoom-control [data-action="${action}"]`).click();
      return zoomOf(canvas);
    };
    expect(await press('zoom-in')).toBeCloseTo(opened * ZOOM_STEP, 2);
    expect(await press('zoom-out')).toBeCloseTo(opened, 2);
    expect(await press('zoom-out')).toBeCloseTo(opened / ZOOM_STEP, 2);
    expect(await press('zoom-reset')).toBe(1);
    expect(await press('zoom-fit')).toBeCloseTo(opened, 2);
    // the buttons say what they do to a screen reader
    for (const label of ['Zoom in', 'Zoom out', 'Fit to width', 'Zoom to 100 %']) await expect(canvas.getByRole('button', { name: label }).count()).resolves.toBe(1);
  };

  it('opens the as-is process in the modeler at a legible scale', async () => {
    // given
    let page: Page;
    ({ context, page } = await openSignedInPage(stack, { width: 1280, height: 800 }));
    const modeler = new ModelerDriver(page);
    await modeler.open(stack.baseUrl);

    // when
    await modeler.openFile(AS_IS);

    // then
    const canvas = modeler.root.locator('[data-role="canvas"]');
    await canvas.locator('.zoom-control').waitFor();
    expect(await zoomOf(canvas)).toBeGreaterThanOrEqual(MIN_READABLE_SCALE);
    // the process starts on screen: its start event is visible, right of the palette
    const start = await modeler.shape('Start_RequestReceived').boundingBox();
    const box = await canvas.boundingBox();
    expect(start && box && start.x > box.x + 100 && start.x < box.x + box.width).toBe(true);
    await screenshot(page, 'readable-zoom-modeler');
    await checkButtons(canvas);
    await context.close();
    context = undefined;
  });

  it('opens the insights heatmap of the as-is process at a legible scale', async () => {
    // given
    let page: Page;
    ({ context, page } = await openSignedInPage(stack, { width: 1280, height: 800 }, analyst));

    // when
    await page.goto(`${stack.baseUrl}/#/insights?process=customer-service&version=${asIsId}`);
    await page.waitForSelector('[data-role="insights-page"][data-loaded="true"]');

    // then
    const canvas = page.locator('[data-role="heatmap-canvas"]');
    expect(await zoomOf(canvas)).toBeGreaterThanOrEqual(MIN_READABLE_SCALE);
    await screenshot(page, 'readable-zoom-insights');
    await checkButtons(canvas);
  });

  it('keeps the two sides of the compare page in step when zooming with the buttons', async () => {
    // given
    await context?.close();
    let page: Page;
    ({ context, page } = await openSignedInPage(stack, { width: 1280, height: 800 }));
    await page.goto(`${stack.baseUrl}/#/diff/${asIsId}/${toBeId}`);
    await page.waitForSelector(`[data-role="diff-page"][data-after-id="${toBeId}"]`);
    const before = page.locator('[data-role="before-canvas"]');
    const after = page.locator('[data-role="after-canvas"]');
    expect(await zoomOf(before)).toBeGreaterThanOrEqual(MIN_READABLE_SCALE);
    expect(await zoomOf(after)).toBe(await zoomOf(before));

    // when
    await after.locator('.zoom-control [data-action="zoom-in"]').click();
    await before.locator('.zoom-control [data-action="zoom-in"]').click();

    // then
    expect(await zoomOf(before)).toBeGreaterThan(MIN_READABLE_SCALE * ZOOM_STEP);
    expect(await zoomOf(after)).toBe(await zoomOf(before));
    await screenshot(page, 'readable-zoom-compare');
  });
});
