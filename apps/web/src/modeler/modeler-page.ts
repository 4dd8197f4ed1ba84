import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { ApiError } from '../api/api-error.js';
import { deployXml, getProcessVersion, listProcessVersions, problemsOf } from '../api/process-versions-api.js';
import { byRole } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showStatus } from '../ui/status-line.js';
import { renderVersionList } from '../versions/version-list.js';
import { createModeler } from './diagram/create-diagrams.js';
import { bpmnFileName, downloadXml } from './diagram/download-xml.js';
import { loadDraft, saveDraft } from './diagram/draft-store.js';
import { fitDiagram, PALETTE_WIDTH } from './diagram/fit-diagram.js';
import { addZoomControl } from './diagram/zoom-control.js';
import { importProblemOf } from './diagram/import-check.js';
import { newDiagramXml } from './diagram/new-diagram.js';
import { refreshInsight } from './diagram-insight.js';
import { describeTranslations } from './camunda/translations.js';
import { makeExecutable, renderDocumentationNotice } from './executable/documentation-notice.js';
import { importProblems } from './validation/diagram-problems.js';
import type { ProblemListSource } from './validation/problem-list.js';

const TEMPLATE = `
  <div class="toolbar">
    <button type="button" data-action="new">New</button>
    <label class="button">Open file<input type="file" data-role="file-input" accept=".bpmn,.xml,application/xml,text/xml" hidden /></label>
    <button type="button" data-action="open-deployed">Open deployed…</button>
    <button type="button" data-action="save-draft">Save draft</button>
    <button type="button" data-action="download">Download XML</button>
    <span class="origin" data-role="origin"></span>
    <input type="text" data-role="deploy-tag" maxlength="40" size="12" placeholder="tag, e.g. to-be" aria-label="Tag of the new version" list="deploy-tag-suggestions" />
    <datalist id="deploy-tag-suggestions"><option value="as-is"></option><option value="to-be"></option></datalist>
    <button type="button" class="primary" data-action="deploy">Deploy</button>
  </div>
  <div class="status" data-role="status" role="status" hidden></div>
  <div class="summary-bar" data-role="summary" aria-label="Value classes"></div>
  <div class="notice" data-role="documentation-notice" hidden>
    <span>Documentation only: every process is marked not executable. It deploys as a version to open, compare, classify and simulate; no case can start on it.</span>
    <button type="button" data-action="make-executable">Make executable</button>
  </div>
  <div class="workspace">
    <div class="canvas" data-role="canvas"></div>
    <aside class="properties" data-role="properties" aria-label="Properties"></aside>
  </div>
  <section class="problems" data-role="problems" aria-label="Problems"></section>
  <dialog class="open-dialog" data-role="open-dialog">
    <h2>Open a deployed version</h2>
    <p class="hint">The version opens as an editable copy; deploying it creates a new version.</p>
    <div class="version-list" data-role="open-list"></div>
    <form method="dialog"><button type="submit">Cancel</button></form>
  </dialog>
`;

/** The designers' page: draw, classify, check and deploy. */
export class ModelerPage {
  readonly element: HTMLElement;
  private readonly modeler: Modeler;
  private readonly status: HTMLElement;
  private readonly origin: HTMLElement;
  /** Problems the browser cannot derive by itself; a deploy's list holds until the next edit. */
  private extraProblems: ProblemListSource | undefined;
  /** A diagram imported while the page was hidden still needs fitting to the canvas. */
  private fitPending = false;

  constructor(container: HTMLElement) {
    this.element = container;
    container.innerHTML = TEMPLATE;
    this.status = byRole(container, 'status');
    this.origin = byRole(container, 'origin');
    this.modeler = createModeler(byRole(container, 'canvas'), byRole(container, 'properties'));
    addZoomControl(byRole(container, 'canvas'), this.modeler, () => fitDiagram(this.modeler, PALETTE_WIDTH));
    this.modeler.get<EventBus>('eventBus').on('commandStack.changed', () => {
      if (this.extraProblems?.origin === 'deploy') this.extraProblems = undefined;
      this.refresh();
    });
    this.bindToolbar();
  }

  /** Restores the saved draft, else starts a new diagram. */
  async start(): Promise<void> {
    const draft = loadDraft();
    if (draft && (await this.load(draft.xml, draft.origin))) {
      showStatus(this.status, 'info', `Restored your draft saved ${new Date(draft.savedAt).toLocaleString()}.`);
      return;
    }
    await this.load(newDiagramXml(), 'New diagram');
  }

  /** bpmn-js measures its container: tell it when the page becomes visible again. */
  shown(): void {
    this.modeler.get<Canvas>('canvas').resized();
    if (this.fitPending) this.fitPending = !fitDiagram(this.modeler, PALETTE_WIDTH);
  }

  /** Opens a deployed version as an editable copy. */
  async openDeployed(id: string): Promise<void> {
    try {
      const version = await getProcessVersion(id);
      if (await this.load(version.xml, `${version.key} version ${version.version} (editing a copy)`)) {
        showStatus(this.status, 'info', `Opened ${version.key} version ${version.version}; deploying creates a new version.${describeTranslations(version.translations)}`);
      }
    } catch (error) {
      showStatus(this.status, 'error', `Could not open the version: ${messageOf(error)}`);
    }
  }

  /**
   * Imports XML into the modeler. A document that cannot be drawn leaves the current diagram as it
   * was and says what failed and where; the answer tells whether the import happened.
   */
  private async load(xml: string, origin: string): Promise<boolean> {
    const problem = await importProblemOf(this.modeler.get('moddle'), xml);
    if (problem !== undefined) {
      showStatus(this.status, 'error', `Could not open ${origin}: ${problem}`);
      return false;
    }
    // bpmn-js clears the canvas before it draws: keep the diagram to put back if drawing fails.
    const previous = this.modeler.getDefinitions() ? await this.xml() : undefined;
    try {
      const { warnings } = await this.modeler.importXML(xml);
      this.extraProblems = warnings.length > 0 ? { origin: 'live', problems: importProblems(warnings) } : undefined;
      this.origin.textContent = origin;
      this.fitPending = !fitDiagram(this.modeler, PALETTE_WIDTH);
      this.status.hidden = true;
      this.refresh();
      return true;
    } catch (error) {
      if (previous !== undefined) await this.modeler.importXML(previous).catch(() => undefined);
      showStatus(this.status, 'error', `Could not open ${origin}: ${messageOf(error)}`);
      this.refresh();
      return false;
    }
  }

  private refresh(): void {
    refreshInsight(this.modeler, { summary: byRole(this.element, 'summary'), problems: byRole(this.element, 'problems') }, this.extraProblems);
    renderDocumentationNotice(byRole(this.element, 'documentation-notice'), this.modeler);
  }

  private async xml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    if (xml === undefined) throw new Error('bpmn-js produced no XML');
    return xml;
  }

  /** The first process's id: the key the engine deploys it under. */
  private processKey(): string {
    const root = this.modeler.getDefinitions()?.rootElements?.find((element: { $type: string }) => element.$type === 'bpmn:Process');
    return (root?.id as string | undefined) ?? 'diagram';
  }

  private bindToolbar(): void {
    const on = (action: string, handler: () => Promise<unknown> | void) =>
      this.element.querySelector(`[data-action="${action}"]`)?.addEventListener('click', () => {
        Promise.resolve()
          .then(handler)
          .catch((error: unknown) => showStatus(this.status, 'error', messageOf(error)));
      });
    on('new', () => this.load(newDiagramXml(), 'New diagram'));
    on('save-draft', async () => {
      saveDraft({ xml: await this.xml(), origin: this.origin.textContent ?? 'Draft', savedAt: new Date().toISOString() });
      showStatus(this.status, 'success', 'Draft saved in this browser.');
    });
    on('download', async () => downloadXml(await this.xml(), bpmnFileName(this.processKey())));
    on('deploy', () => this.deploy());
    on('open-deployed', () => this.showOpenDialog());
    on('make-executable', () => makeExecutable(this.modeler));
    const fileInput = byRole<HTMLInputElement>(this.element, 'file-input');
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (file) void file.text().then((xml) => this.load(xml, file.name));
    });
  }

  private async showOpenDialog(): Promise<void> {
    const dialog = byRole<HTMLDialogElement>(this.element, 'open-dialog');
    const list = byRole(this.element, 'open-list');
    list.textContent = 'Loading…';
    dialog.showModal();
    try {
      renderVersionList(list, await listProcessVersions(), {
        onChoose: (version) => {
          dialog.close();
          void this.openDeployed(version.id);
        },
      });
    } catch (error) {
      list.textContent = `Could not list the versions: ${messageOf(error)}`;
    }
  }

  private async deploy(): Promise<void> {
    showStatus(this.status, 'info', 'Deploying…');
    try {
      const tag = byRole<HTMLInputElement>(this.element, 'deploy-tag').value.trim();
      const { processVersions } = await deployXml(await this.xml(), tag || undefined);
      this.extraProblems = undefined;
      this.refresh();
      const [first] = processVersions;
      const text = processVersions
        .map((version) =>
          version.created ? `Deployed ${version.key} version ${version.version}.` : `${version.key} version ${version.version} is identical: nothing new deployed.`,
        )
        .join(' ');
      showStatus(this.status, 'success', text, first && { href: `#/versions/${first.id}`, text: `Open version ${first.version}` });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        this.extraProblems = { origin: 'deploy', problems: problemsOf(error.details) };
        this.refresh();
      }
      // A 4xx is the engine saying no to this model; anything else is the engine or the network failing.
      const outcome = error instanceof ApiError && error.status < 500 ? 'refused' : 'failed';
      showStatus(this.status, 'error', `Deploy ${outcome}: ${messageOf(error)}`);
    }
  }
}
