import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import { deploymentOf, getProcessVersion, listProcessVersions, setProcessVersionTag, type ProcessVersion, type ProcessVersionDetail } from '../api/process-versions-api.js';
import type { Session } from '../api/auth-headers.js';
import { diffHref } from '../app-router.js';
import { mayCall } from '../auth/permissions.js';
import { createViewer } from '../modeler/diagram/create-diagrams.js';
import { bpmnFileName, downloadXml } from '../modeler/diagram/download-xml.js';
import { fitDiagram } from '../modeler/diagram/fit-diagram.js';
import { addZoomControl } from '../modeler/diagram/zoom-control.js';
import { refreshInsight } from '../modeler/diagram-insight.js';
import { byRole } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showStatus } from '../ui/status-line.js';
import { previousVersionOf, renderVersionList } from './version-list.js';

const TEMPLATE = `
  <aside class="version-list" data-role="version-list" aria-label="Deployed versions"></aside>
  <div class="version-view">
    <div class="toolbar">
      <h2 class="version-title" data-role="version-title">Choose a version</h2>
      <span class="read-only-tag" data-role="read-only" hidden>read-only</span>
      <button type="button" data-action="edit-copy" disabled>Edit as new draft</button>
      <button type="button" data-action="download-version" disabled>Download XML</button>
      <a class="button" data-action="compare-previous" hidden>Compare with version …</a>
      <form class="version-tag-form" data-role="tag-form" hidden>
        <input type="text" data-role="tag-input" maxlength="40" size="14" placeholder="tag, e.g. to-be" aria-label="Tag" list="version-tag-suggestions" />
        <datalist id="version-tag-suggestions"><option value="as-is"></option><option value="to-be"></option></datalist>
        <button type="submit" data-action="save-tag">Save tag</button>
      </form>
    </div>
    <div class="status" data-role="status" role="status" hidden></div>
    <div class="summary-bar" data-role="summary" aria-label="Value classes"></div>
    <div class="canvas" data-role="viewer-canvas"></div>
  </div>
`;

/** Deployed processes and their versions; any version opens read-only. */
export class VersionsPage {
  private readonly viewer: NavigatedViewer;
  private shownVersion: ProcessVersionDetail | undefined;
  /** Whether the user may tag versions (the role table, through the session): the tag form shows only then. */
  private mayTag = false;

  /** `onEditCopy` hands a version to the modeler. */
  constructor(
    private readonly element: HTMLElement,
    onEditCopy: (versionId: string) => void,
  ) {
    element.innerHTML = TEMPLATE;
    this.viewer = createViewer(byRole(element, 'viewer-canvas'));
    addZoomControl(byRole(element, 'viewer-canvas'), this.viewer, () => fitDiagram(this.viewer));
    element.querySelector('[data-action="edit-copy"]')?.addEventListener('click', () => {
      if (this.shownVersion) onEditCopy(this.shownVersion.id);
    });
    element.querySelector('[data-action="download-version"]')?.addEventListener('click', () => {
      const version = this.shownVersion;
      if (version) downloadXml(version.xml, bpmnFileName(`${version.key}-v${version.version}`));
    });
    byRole<HTMLFormElement>(element, 'tag-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.saveTag();
    });
  }

  /** Shows the actions the signed-in user may use. */
  allowActions(session: Session): void {
    this.mayTag = mayCall(session, 'PATCH /api/process-versions/{id}');
  }

  /** The tag is the one thing about a version that changes after deploy (designers only: the API refuses others). */
  private async saveTag(): Promise<void> {
    const version = this.shownVersion;
    if (!version) return;
    const status = byRole(this.element, 'status');
    const tag = byRole<HTMLInputElement>(this.element, 'tag-input').value.trim();
    try {
      const saved = await setProcessVersionTag(version.id, tag === '' ? null : tag);
      this.shownVersion = { ...version, tag: saved.tag };
      this.showTitle(this.shownVersion);
      const versions = await listProcessVersions();
      renderVersionList(byRole(this.element, 'version-list'), versions, { hrefOf: (shown) => `#/versions/${shown.id}`, currentId: version.id });
      showStatus(status, 'success', saved.tag === null ? `Version ${saved.version} is untagged.` : `Version ${saved.version} is tagged ${saved.tag}.`);
    } catch (error) {
      showStatus(status, 'error', `Could not save the tag: ${messageOf(error)}`);
    }
  }

  private showTitle(version: ProcessVersion): void {
    const title = byRole(this.element, 'version-title');
    title.textContent = [version.name ?? version.key, `version ${version.version}`, ...(version.tag ? [version.tag] : []), deploymentOf(version)].join(' · ');
    title.dataset.versionId = version.id;
  }

  /** Lists the versions again (a deploy may have added one) and shows the chosen version, if any. */
  async show(versionId: string | undefined): Promise<void> {
    const status = byRole(this.element, 'status');
    status.hidden = true;
    try {
      const versions = await listProcessVersions();
      renderVersionList(byRole(this.element, 'version-list'), versions, {
        hrefOf: (version) => `#/versions/${version.id}`,
        currentId: versionId,
      });
      if (versionId !== undefined && versionId !== this.shownVersion?.id) await this.open(await getProcessVersion(versionId));
      this.offerComparison(versions);
      this.viewer.get<Canvas>('canvas').resized();
    } catch (error) {
      showStatus(status, 'error', `Could not load the versions: ${messageOf(error)}`);
    }
  }

  /** A link to the diff against the version deployed before the one shown, when there is one. */
  private offerComparison(versions: readonly ProcessVersion[]): void {
    const link = this.element.querySelector<HTMLAnchorElement>('[data-action="compare-previous"]');
    if (!link) return;
    const previous = this.shownVersion && previousVersionOf(versions, this.shownVersion);
    link.hidden = !previous;
    if (previous && this.shownVersion) {
      link.href = diffHref(previous.id, this.shownVersion.id);
      link.textContent = `Compare with version ${previous.version}`;
    }
  }

  private async open(version: ProcessVersionDetail): Promise<void> {
    await this.viewer.importXML(version.xml);
    this.shownVersion = version;
    fitDiagram(this.viewer);
    this.showTitle(version);
    byRole(this.element, 'read-only').hidden = false;
    byRole(this.element, 'tag-form').hidden = !this.mayTag;
    byRole<HTMLInputElement>(this.element, 'tag-input').value = version.tag ?? '';
    for (const button of this.element.querySelectorAll<HTMLButtonElement>('.toolbar button')) button.disabled = false;
    refreshInsight(this.viewer, { summary: byRole(this.element, 'summary') }, undefined);
  }
}
