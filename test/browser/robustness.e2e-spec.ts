import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { generateLargeModel } from '../../bench/web/large-model.js';
import { projectRoot } from '../../bench/support/engine-process.js';
import { screenshot } from './support/chromium.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { openSignedInPage, startWebStack, type WebStack } from './support/web-stack.js';

const AS_IS = join(projectRoot(), 'processes/customer-service/as-is.bpmn');
const BPMN_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">';

/** Broken, foreign and very large files: the page always says what happened, and never goes blank. */
describe('opening what the modeler cannot draw, and what is very large', () => {
  let stack: WebStack;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let sut: ModelerDriver;

  beforeAll(async () => {
    stack = await startWebStack();
    ({ baseUrl } = stack);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    ({ context, page, pageErrors } = await openSignedInPage(stack, { width: 1400, height: 900 }));
    sut = new ModelerDriver(page);
    // given the as-is process open in the modeler
    await sut.open(baseUrl);
    await sut.openFile(AS_IS);
  });

  afterEach(async () => {
    await context?.close();
  });

  /** The as-is diagram is still the one shown, whole. */
  const asIsStillShown = async () => {
    expect(await sut.root.locator('[data-role="origin"]').textContent()).toBe('as-is.bpmn');
    expect(await sut.root.locator('.tandem-value-badge[data-value-class="NVA"]').count()).toBe(9);
    expect(await sut.shape('Task_RekeyIntoCrm').isVisible()).toBe(true);
  };

  const CASES = [
    {
      title: 'XML that is not well-formed, naming the line and column',
      name: 'unterminated.bpmn',
      xml: `${BPMN_HEAD}\n  <bpmn:process id="p">\n    <bpmn:task id="a" name="x></bpmn:process></bpmn:definitions>`,
      message: /The XML does not parse: unparsable content <\/bpmn:process> detected: closing tag mismatch \(line 4, column 30\)$/,
    },
    {
      title: 'a DMN decision document',
      name: 'routing.dmn',
      file: 'processes/customer-service/routing.dmn',
      message: /This is a DMN decision document, not a BPMN process/,
    },
    {
      title: 'an XML document of another kind',
      name: 'package.xpdl',
      xml: '<?xml version="1.0"?>\n<Package xmlns="http://www.wfmc.org/2008/XPDL2.1" Id="p"><WorkflowProcesses /></Package>',
      message: /This is not a BPMN 2.0 document: its root element <Package> is not <definitions> in the namespace http:\/\/www\.omg\.org\/spec\/BPMN\/20100524\/MODEL/,
    },
    {
      title: 'a BPMN process without diagram layout',
      name: 'engine-only.bpmn',
      xml: `${BPMN_HEAD}<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /></bpmn:process></bpmn:definitions>`,
      message: /defines a process but no diagram layout \(no <bpmndi:BPMNDiagram>\)/,
    },
    { title: 'an empty file', name: 'empty.bpmn', xml: '   \n', message: /The file is empty\./ },
  ];

  it.each(CASES)('refuses $title with a clear message and keeps the diagram', async ({ name, xml, file, message }) => {
    // when the file is opened
    const content = xml ?? (await readFile(join(projectRoot(), file!), 'utf8'));
    await sut.openFile({ name, xml: content });
    // then the status line says what failed (and where), and the as-is diagram stays
    expect(await sut.status().getAttribute('data-kind')).toBe('error');
    expect(await sut.status().textContent()).toMatch(new RegExp(`^Could not open ${name.replace('.', '\\.')}: `));
    expect(await sut.status().textContent()).toMatch(message);
    await asIsStillShown();
    if (name === 'unterminated.bpmn') await screenshot(page, '12-modeler-broken-xml-line-column');
    expect(pageErrors).toEqual([]);
  });

  it('opens a file with elements it does not know, listing them with their line', async () => {
    // given a model with an element bpmn-moddle cannot map, from some other tool
    const xml = (await readFile(AS_IS, 'utf8')).replace(
      '<bpmn:startEvent id="Start_RequestReceived" name="Request received">',
      '<bpmn:fancyTask id="Task_Fancy" />\n    <bpmn:startEvent id="Start_RequestReceived" name="Request received">',
    );
    // when it is opened
    await sut.openFile({ name: 'with-fancy-task.bpmn', xml });
    // then it opens, and the problem list names the unknown element with its position
    expect(await sut.root.locator('[data-role="origin"]').textContent()).toBe('with-fancy-task.bpmn');
    const problem = sut.root.locator('[data-role="problems"] li.problem[data-rule="bpmn-schema"]');
    expect(await problem.count()).toBeGreaterThan(0);
    expect(await problem.first().textContent()).toMatch(/fancyTask.*\(line \d+, column \d+\)/);
    expect(await sut.shape('Task_RekeyIntoCrm').isVisible()).toBe(true);
    await screenshot(page, '13-modeler-unknown-element');
    expect(pageErrors).toEqual([]);
  });

  it('says so when a version or a diff asked for in the address does not exist', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    // when the address names a version that was never deployed
    await page.goto(`${baseUrl}/#/versions/${unknown}`);
    // then the versions page says it could not load it
    const versions = page.locator('[data-role="versions-page"] [data-role="status"][data-kind="error"]');
    await versions.waitFor();
    expect(await versions.textContent()).toContain(`Process version ${unknown} does not exist`);
    // when the address asks for a diff of unknown versions
    await page.goto(`${baseUrl}/#/diff/${unknown}/${unknown}`);
    // then the compare page says so too
    const diff = page.locator('[data-role="diff-page"] [data-role="status"][data-kind="error"]');
    await diff.waitFor();
    expect(await diff.textContent()).toBe(`Could not compare the versions: Process version ${unknown} does not exist`);
    expect(pageErrors).toEqual([]);
  });

  it('opens a generated model of more than 300 elements with its figures', async () => {
    // given a generated process of 40 segments
    const model = generateLargeModel({ segments: 40 });
    expect(model.elementCount).toBeGreaterThan(300);
    // when it is opened
    await sut.openFile({ name: 'large.bpmn', xml: model.xml });
    // then every step is drawn and the summary counts it
    expect(await sut.root.locator('[data-role="origin"]').textContent()).toBe('large.bpmn');
    expect(await sut.root.locator('.tandem-value-badge').count()).toBe(model.taskIds.length);
    expect(await sut.figure('nva-steps').textContent()).toBe(String(model.expected.nvaSteps));
    expect(await sut.figure('nva-minutes').textContent()).toBe(String(model.expected.nvaMinutes));
    expect(await sut.figure('va').textContent()).toBe(String(model.expected.va));
    expect(await sut.root.locator('[data-role="problems"][data-errors="0"][data-warnings="0"]').count()).toBe(1);
    // and an edit still updates the summary
    const task = model.taskIds.find((id) => id.endsWith('_B'))!;
    await sut.shape(task).scrollIntoViewIfNeeded();
    await sut.select(task);
    const before = Number(await sut.figure('nva-steps').textContent());
    const current = await sut.field('valueClass').inputValue();
    await sut.field('valueClass').selectOption(current === 'NVA' ? 'VA' : 'NVA');
    const after = String(current === 'NVA' ? before - 1 : before + 1);
    await sut.root.locator(`[data-role="summary"] [data-figure="nva-steps"] .figure-value:text-is("${after}")`).waitFor();
    await screenshot(page, '14-modeler-large-model');
    expect(pageErrors).toEqual([]);
  });
});
