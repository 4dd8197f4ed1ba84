import type Modeler from 'bpmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { ApiError } from '../api/api-error.js';
import type { Session } from '../api/auth-headers.js';
import { discardDraft, getDraft, type Draft } from '../api/drafts-api.js';
import { deployXml, getProcessVersion, listProcessVersions, previewDeployment, problemsOf } from '../api/process-versions-api.js';
import { mayCall } from '../auth/permissions.js';
import { guardSignOut } from '../auth/signed-in.js';
import { byRole, formatDateTime } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showStatus } from '../ui/status-line.js';
import { renderVersionList } from '../versions/version-list.js';
import { createModeler } from './diagram/create-diagrams.js';
import { bpmnFileName, downloadXml } from './diagram/download-xml.js';
import { DraftAutosave, MODELER_DRAFT, type DraftState } from './diagram/draft-autosave.js';
import { fitDiagram, PALETTE_WIDTH } from './diagram/fit-diagram.js';
import { addZoomControl } from './diagram/zoom-control.js';
import { importProblemOf } from './diagram/import-check.js';
import { newDiagramXml } from './diagram/new-diagram.js';
import { refreshInsight } from './diagram-insight.js';
import { askToDeploy, DEPLOY_DIALOG_TEMPLATE } from './deploy/deploy-dialog.js';
import { bindUndoRedo } from './editing/undo-redo.js';
import { describeTranslations } from './camunda/translations.js';
import { makeExecutable, renderDocumentationNotice } from './executable/documentation-notice.js';
import { importProblems } from './validation/diagram-problems.js';
import type { ProblemListSource } from './validation/problem-list.js';

const TEMPLATE = `
  <div class="toolbar">
    <button type="button" data-action="new">New</button>
    <label class="button">Open file<input type="file" data-role="file-input" accept=".bpmn,.xml,application/xml,text/xml" hidden /></label>
    <button type="button" data-action="open-deployed">Open deployed…</button>
    <button type="button" data-action="undo" title="Undo (Ctrl+Z)" aria-label="Undo">↶ Undo</button>
    <button type="button" data-action="redo" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" aria-label="Redo">↷ Redo</button>
    <button type="button" data-action="save-draft">Save draft</button>
    <button type="button" data-action="download">Download XML</button>
    <span class="origin" data-role="origin"></span>
    <span class="draft-state" data-role="draft-state" aria-live="polite"></span>
    <button type="button" class="primary" data-action="deploy" hidden>Deploy…</button>
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
  ${DEPLOY_DIALOG_TEMPLATE}
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
  /** Keeps the diagram on the server as it is edited; off until a designer signs in. */
  private autosave: DraftAutosave;
  /** Edits since the diagram was opened, deployed or downloaded: replacing the diagram would lose them (the draft follows the new one). */
  private edited = false;

  constructor(container: HTMLElement) {
    this.element = container;
    container.innerHTML = TEMPLATE;
    this.status = byRole(container, 'status');
    this.origin = byRole(container, 'origin');
    this.modeler = createModeler(byRole(container, 'canvas'), byRole(container, 'properties'));
    addZoomControl(byRole(container, 'canvas'), this.modeler, () => fitDiagram(this.modeler, PALETTE_WIDTH));
    this.autosave = this.newAutosave(false);
    this.modeler.get<EventBus>('eventBus').on('commandStack.changed', (event: { trigger: string | null }) => {
      if (this.extraProblems?.origin === 'deploy') this.extraProblems = undefined;
      this.refresh();
      // An import clears the stack: that is no edit of the designer's.
      if (event.trigger === 'clear') return;
      this.edited = true;
      this.autosave.schedule();
    });
    bindUndoRedo(this.modeler, { undo: this.button('undo'), redo: this.button('redo') }, () => !this.element.hidden && this.element.querySelector('dialog[open]') === null);
    this.bindToolbar();
    // Closing the tab or reloading with an edit not yet stored: the browser asks, and the save goes on meanwhile.
    window.addEventListener('beforeunload', (event) => {
      if (!this.autosave.unsaved) return;
      void this.autosave.flush();
      event.preventDefault();
      event.returnValue = '';
    });
  }

  /**
   * Shows the actions the user's roles allow (the role table, through the session), then restores
   * the user's draft from the server, else starts a new diagram.
   */
  async start(session: Session): Promise<void> {
    this.button('deploy').hidden = !mayCall(session, 'POST /api/deployments');
    const keepsDrafts = mayCall(session, 'PUT /api/drafts/{name}');
    this.button('save-draft').hidden = !keepsDrafts;
    guardSignOut(() => this.maySignOut());
    let draft: Draft | null = null;
    let unreadable: unknown;
    try {
      draft = keepsDrafts ? await getDraft(MODELER_DRAFT) : null;
    } catch (error) {
      unreadable = error;
    }
    // A draft that could not be read must not be overwritten by the next autosave.
    this.autosave = this.newAutosave(keepsDrafts && unreadable === undefined);
    if (unreadable !== undefined) {
      await this.load(newDiagramXml(), 'New diagram');
      showStatus(this.status, 'error', `Could not read your draft (${messageOf(unreadable)}): it stays on the server, and this diagram is not autosaved. Reload to try again.`);
      return;
    }
    if (draft && (await this.load(draft.xml, draft.origin))) {
      this.edited = true;
      this.autosave.markSaved(draft.savedAt);
      this.showRestored(draft.savedAt);
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
      if (!this.mayReplace()) return;
      if (await this.replace(version.xml, `${version.key} version ${version.version} (editing a copy)`)) {
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

  /**
   * Opens another diagram in place of the one being edited, at the designer's request: the draft
   * then starts again from the new diagram.
   */
  private async replace(xml: string, origin: string): Promise<boolean> {
    if (!(await this.load(xml, origin))) return false;
    this.edited = false;
    await this.autosave.flush();
    this.autosave.markSaved('');
    if (this.autosave.enabled) await discardDraft(MODELER_DRAFT).catch(() => undefined);
    return true;
  }

  /** Replacing the diagram drops the edits not deployed or downloaded: the designer decides. */
  private mayReplace(): boolean {
    return !this.edited || window.confirm('Replace the diagram you are editing? Its changes are not deployed or downloaded, and its draft will be replaced.');
  }

  /** Before a sign-out: the latest edit is saved as the draft, or the designer decides to lose it. */
  private async maySignOut(): Promise<boolean> {
    await this.autosave.flush();
    return !this.autosave.unsaved || window.confirm('Your latest changes could not be saved as a draft. Sign out and lose them?');
  }

  private showRestored(savedAt: string): void {
    showStatus(this.status, 'info', `Restored your draft from ${formatDateTime(savedAt)} (${this.origin.textContent ?? 'draft'}).`);
    const discard = document.createElement('button');
    discard.type = 'button';
    discard.dataset.action = 'discard-draft';
    discard.textContent = 'Discard draft';
    discard.addEventListener('click', () => {
      void discardDraft(MODELER_DRAFT)
        .then(async () => {
          await this.load(newDiagramXml(), 'New diagram');
          this.edited = false;
          this.autosave.markSaved('');
          showStatus(this.status, 'info', 'Draft discarded: a new diagram.');
        })
        .catch((error: unknown) => showStatus(this.status, 'error', `Could not discard the draft: ${messageOf(error)}`));
    });
    this.status.append(' ', discard);
  }

  private newAutosave(enabled: boolean): DraftAutosave {
    return new DraftAutosave(
      async () => ({ xml: await this.xml(), origin: this.origin.textContent ?? 'Draft' }),
      (state) => this.showDraftState(state),
      enabled,
    );
  }

  private showDraftState(state: DraftState): void {
    const element = byRole(this.element, 'draft-state');
    element.dataset.state = state.kind;
    element.textContent =
      state.kind === 'pending'
        ? 'Saving draft…'
        : state.kind === 'failed'
          ? `Draft not saved: ${state.message}`
          : state.kind === 'saved' && state.savedAt !== ''
            ? `Draft saved ${formatDateTime(state.savedAt)}`
            : '';
  }

  private button(action: string): HTMLButtonElement {
    const button = this.element.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
    if (!button) throw new Error(`The modeler has no [data-action="${action}"]`);
    return button;
  }

  private refresh(): void {
    refreshInsight(this.modeler, { summary: byRole(this.element, 'summary'), problems: byRole(this.element, 'problems'), reservedLeft: PALETTE_WIDTH }, this.extraProblems);
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
    on('new', () => (this.mayReplace() ? this.replace(newDiagramXml(), 'New diagram') : undefined));
    on('save-draft', async () => {
      if (!this.autosave.enabled) throw new Error('Drafts are off for this diagram, since your saved draft could not be read: reload to try again');
      this.autosave.schedule();
      await this.autosave.flush();
      if (this.autosave.unsaved) throw new Error('The draft could not be saved: see the note beside the toolbar');
      showStatus(this.status, 'success', 'Draft saved: it opens again here and in your other browsers.');
    });
    on('download', async () => {
      downloadXml(await this.xml(), bpmnFileName(this.processKey()));
      this.edited = false;
    });
    on('deploy', () => this.deploy());
    on('open-deployed', () => this.showOpenDialog());
    on('make-executable', () => makeExecutable(this.modeler));
    const fileInput = byRole<HTMLInputElement>(this.element, 'file-input');
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (file && this.mayReplace()) void file.text().then((xml) => this.replace(xml, file.name));
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

  /** Deploying is a decision: the dialog shows what changes and who is affected, and asks for the tag. */
  private async deploy(): Promise<void> {
    showStatus(this.status, 'info', 'Checking what the deployment changes…');
    try {
      const xml = await this.xml();
      const preview = await previewDeployment(xml);
      // The dialog says what the deployment changes now.
      this.status.hidden = true;
      const decision = await askToDeploy(this.element, preview);
      if (decision === undefined) {
        showStatus(this.status, 'info', 'Not deployed.');
        return;
      }
      showStatus(this.status, 'info', 'Deploying…');
      const { processVersions } = await deployXml(xml, decision.tag);
      this.edited = false;
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
