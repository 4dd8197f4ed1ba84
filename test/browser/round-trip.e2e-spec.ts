import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadBpmn } from '#bpmn';
import { projectRoot, type EngineProcess } from '../../bench/support/engine-process.js';
import { signedInState, type WebSession } from '../../bench/support/web-session.js';
import { collectPageErrors } from './support/chromium.js';
import { ModelerDriver } from './support/modeler-driver.js';
import { modelTreeOf, treeDifferences } from './support/model-tree.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

/** The reference processes and hand-made Camunda Modeler models (camunda: for Camunda 7, zeebe: for Camunda 8). */
const MODELS = [
  { name: 'the as-is reference process', path: 'processes/customer-service/as-is.bpmn' },
  { name: 'the to-be reference process', path: 'processes/customer-service/to-be.bpmn' },
  { name: 'a model with camunda: attributes and zeebe: elements', path: 'test/browser/fixtures/camunda-and-zeebe.bpmn' },
  { name: 'a Camunda 7 model (pool, lanes, annotation, data object)', path: 'test/browser/fixtures/camunda7-complaints.bpmn' },
  { name: 'a Camunda 8 model (zeebe: only, sub-process, message)', path: 'test/browser/fixtures/zeebe-claims.bpmn' },
  { name: 'a Camunda 8 claim review (zeebe: user tasks, forms, properties)', path: 'test/e2e/fixtures/camunda-8/claim-review.bpmn' },
];

const read = (path: string) => readFile(join(projectRoot(), path), 'utf8');
const fileName = (path: string) => path.split('/').pop()!;

/** What the engine runs: the compiled processes and the validation's findings. */
const semanticsOf = async (xml: string) => {
  const { processes, problems } = await loadBpmn(xml);
  return { processes, problems };
};

describe('round trip of BPMN models', () => {
  let stack: WebStack;
  let engine: EngineProcess;
  let baseUrl: string;
  let session: WebSession;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startWebStack();
    ({ engine, baseUrl, browser, designer: session } = stack);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** Deploys XML and reads the version back: the XML the engine answers and the checksum it recorded. */
  const deployAndFetch = async (xml: string): Promise<{ xml: string; checksum: string }> => {
    const deployed = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: { 'content-type': 'application/xml', ...engine.authHeaders }, body: xml });
    expect(deployed.status).toBe(201);
    const [version] = ((await deployed.json()) as { processVersions: { id: string }[] }).processVersions;
    const fetched = await fetch(`${engine.baseUrl}/process-versions/${version!.id}`, { headers: engine.authHeaders });
    expect(fetched.status).toBe(200);
    return (await fetched.json()) as { xml: string; checksum: string };
  };

  describe('through the server', () => {
    it.each(MODELS)('answers $name byte for byte as it was deployed', async ({ path }) => {
      // given a model file
      const original = await read(path);
      // when it is deployed and its version is read back
      const stored = await deployAndFetch(original);
      // then the XML is the very same bytes, and the checksum is theirs
      expect(Buffer.from(stored.xml, 'utf8').equals(Buffer.from(original, 'utf8'))).toBe(true);
      expect(stored.checksum).toBe(createHash('sha256').update(original, 'utf8').digest('hex'));
    });

    it('keeps Windows line endings and non-ASCII names as they were', async () => {
      // given a Camunda Modeler file saved on Windows with accents, a dash and a symbol in its name
      const original = (await read('test/browser/fixtures/camunda-and-zeebe.bpmn'))
        .replace('id="foreign-callback" name="Callback (Camunda Modeler)"', 'id="callback-de" name="Rückruf – Kundendienst ✓"')
        .replace('bpmnElement="foreign-callback"', 'bpmnElement="callback-de"')
        .replace(/\n/g, '\r\n');
      // when it is deployed and read back
      const stored = await deployAndFetch(original);
      // then nothing was normalised
      expect(Buffer.from(stored.xml, 'utf8').equals(Buffer.from(original, 'utf8'))).toBe(true);
    });
  });

  describe('through the modeler', () => {
    let context: BrowserContext;
    let page: Page;
    let pageErrors: string[];
    let sut: ModelerDriver;

    beforeEach(async () => {
      context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, storageState: await signedInState(baseUrl, session) });
      page = await context.newPage();
      pageErrors = collectPageErrors(page);
      sut = new ModelerDriver(page);
      await sut.open(baseUrl);
    });

    afterEach(async () => {
      await context?.close();
    });

    /** Opens a file in the modeler and downloads what the modeler writes for it. */
    const importAndExport = async (path: string): Promise<string> => {
      await sut.root.locator('[data-role="file-input"]').setInputFiles(join(projectRoot(), path));
      await sut.root
        .locator('[data-role="origin"]')
        .filter({ hasText: fileName(path) })
        .waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), sut.click('download')]);
      return readFile((await download.path())!, 'utf8');
    };

    it.each(MODELS)(
      'keeps the meaning, the attributes and the layout of $name',
      async ({ path }) => {
        // given a model file
        const original = await read(path);
        // when it is opened in the modeler and saved again without an edit
        const exported = await importAndExport(path);
        // then the document says the same: every element, tandem:, camunda: and zeebe: attribute, extension element and DI bound
        expect(treeDifferences(await modelTreeOf(original), await modelTreeOf(exported))).toEqual([]);
        // and the engine compiles it to the same processes, with the same findings
        expect(await semanticsOf(exported)).toEqual(await semanticsOf(original));
        // and the engine stores what the modeler wrote, byte for byte
        expect((await deployAndFetch(exported)).xml).toBe(exported);
        expect(pageErrors).toEqual([]);
      },
      60_000,
    );

    it('changes only the edited attribute when a step is reclassified', async () => {
      // given the Camunda 7 model opened in the modeler
      const path = 'test/browser/fixtures/camunda7-complaints.bpmn';
      const original = await read(path);
      await sut.root.locator('[data-role="file-input"]').setInputFiles(join(projectRoot(), path));
      await sut.root
        .locator('[data-role="origin"]')
        .filter({ hasText: fileName(path) })
        .waitFor();
      // when the NVA step is reclassified BVA and the file downloaded
      await sut.select('Task_Explain');
      await sut.field('valueClass').selectOption('BVA');
      await sut.root.locator('.tandem-value-badge[data-element="Task_Explain"][data-value-class="BVA"]').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), sut.click('download')]);
      const exported = await readFile((await download.path())!, 'utf8');
      // then that attribute is the one difference in the whole document
      const differences = treeDifferences(await modelTreeOf(original), await modelTreeOf(exported));
      expect(differences).toEqual([expect.stringMatching(/flowElements\/\d+\(Task_Explain\)\/valueClass: "NVA" != "BVA"$/)]);
      expect(pageErrors).toEqual([]);
    }, 60_000);
  });
});
