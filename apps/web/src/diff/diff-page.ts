import type { ProcessDiff } from '#bpmn';
import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { deploymentOf, getProcessVersion, getProcessVersionDiff, listProcessVersions, type ProcessVersion, type ProcessVersionDiff } from '../api/process-versions-api.js';
import { diffHref } from '../app-router.js';
import { createViewer } from '../modeler/diagram/create-diagrams.js';
import { fitDiagramsTogether } from '../modeler/diagram/fit-diagram.js';
import { addZoomControl } from '../modeler/diagram/zoom-control.js';
import { byRole } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showStatus } from '../ui/status-line.js';
import { describeChange } from './change-format.js';
import { renderChangeList, renderDiffFigures } from './change-list.js';
import { showChanges, type MarkedElement } from './diff-markers.js';
import { defaultPair, fillVersionSelect } from './version-picker.js';

const TEMPLATE = `
  <div class="toolbar">
    <label>Before <select data-role="before-select" aria-label="Version before"></select></label>
    <label>After <select data-role="after-select" aria-label="Version after"></select></label>
    <button type="button" class="primary" data-action="compare">Compare</button>
    <span class="legend"><span class="legend-added">added</span> <span class="legend-removed">removed</span> <span class="legend-changed">changed</span></span>
  </div>
  <div class="status" data-role="status" role="status" hidden></div>
  <div class="summary-bar diff-figures" data-role="diff-figures" aria-label="Value figures before and after"></div>
  <div class="diff-canvases">
    <div class="diff-side" data-side="before">
      <h2 class="diff-side-title" data-role="before-title">Before</h2>
      <div class="canvas" data-role="before-canvas"></div>
    </div>
    <div class="diff-side" data-side="after">
      <h2 class="diff-side-title" data-role="after-title">After</h2>
      <div class="canvas" data-role="after-canvas"></div>
    </div>
  </div>
  <div class="diff-changes" data-role="diff-changes" aria-label="Changes"></div>
`;

/** Below this, names and badges on the canvas are too small to read. */
const READABLE_ZOOM = 0.75;

const titleOf = (version: ProcessVersion): string => `${version.name ?? version.key} · version ${version.version} · ${deploymentOf(version)}`;

/** Two deployed versions side by side, what changed marked on both, and the change in the NVA figures. */
export class DiffPage {
  private readonly before: NavigatedViewer;
  private readonly after: NavigatedViewer;
  private readonly status: HTMLElement;
  /** `<before>/<after>` of the diff on screen. */
  private shownPair: string | undefined;

  constructor(private readonly element: HTMLElement) {
    element.innerHTML = TEMPLATE;
    this.status = byRole(element, 'status');
    this.before = createViewer(byRole(element, 'before-canvas'));
    this.after = createViewer(byRole(element, 'after-canvas'));
    linkViewboxes(this.before, this.after);
    // One side's buttons move both: the viewboxes are linked, and fitting fits the pair.
    const fitBoth = (): boolean => fitDiagramsTogether([this.before, this.after]);
    addZoomControl(byRole(element, 'before-canvas'), this.before, fitBoth);
    addZoomControl(byRole(element, 'after-canvas'), this.after, fitBoth);
    element.querySelector('[data-action="compare"]')?.addEventListener('click', () => {
      const before = byRole<HTMLSelectElement>(element, 'before-select').value;
      const after = byRole<HTMLSelectElement>(element, 'after-select').value;
      if (before && after) location.hash = diffHref(before, after);
    });
  }

  /** Lists the versions to choose from and shows the diff of the pair in the URL, if any. */
  async show(beforeId: string | undefined, afterId: string | undefined): Promise<void> {
    try {
      const versions = await listProcessVersions();
      const pair = beforeId && afterId ? { beforeId, afterId } : defaultPair(versions);
      fillVersionSelect(byRole(this.element, 'before-select'), versions, pair?.beforeId);
      fillVersionSelect(byRole(this.element, 'after-select'), versions, pair?.afterId);
      if (beforeId && afterId) {
        if (`${beforeId}/${afterId}` !== this.shownPair) await this.compare(beforeId, afterId);
      } else {
        showStatus(this.status, 'info', versions.length < 2 ? 'Deploy at least two versions to compare them.' : 'Choose two versions and press Compare.');
      }
    } catch (error) {
      showStatus(this.status, 'error', `Could not compare the versions: ${messageOf(error)}`);
    }
  }

  private async compare(beforeId: string, afterId: string): Promise<void> {
    showStatus(this.status, 'info', 'Comparing…');
    const [diff, before, after] = await Promise.all([getProcessVersionDiff(beforeId, afterId), getProcessVersion(beforeId), getProcessVersion(afterId)]);
    byRole(this.element, 'before-title').textContent = titleOf(diff.before);
    byRole(this.element, 'after-title').textContent = titleOf(diff.after);
    renderDiffFigures(byRole(this.element, 'diff-figures'), diff.values);
    renderChangeList(byRole(this.element, 'diff-changes'), diff, (elementId) => this.reveal(elementId));
    await this.before.importXML(before.xml);
    await this.after.importXML(after.xml);
    // Fitted once the figures and lists are in: they decide how much room the canvases get.
    fitDiagramsTogether([this.before, this.after]);
    showChanges(this.before, marks(diff, 'before'));
    showChanges(this.after, marks(diff, 'after'));
    this.shownPair = `${beforeId}/${afterId}`;
    this.element.dataset.beforeId = beforeId;
    this.element.dataset.afterId = afterId;
    const total = diff.added.length + diff.removed.length + diff.changed.length;
    showStatus(this.status, 'info', total === 0 ? 'The two versions do not differ in meaning.' : summaryLine(diff));
  }

  /** Brings an element from the list into view, readable, on each side that has it (the sides follow each other). */
  private reveal(elementId: string): void {
    for (const viewer of [this.before, this.after]) {
      const element = viewer.get<ElementRegistry>('elementRegistry').get(elementId);
      if (!element) continue;
      const canvas = viewer.get<Canvas>('canvas');
      if (canvas.zoom() < READABLE_ZOOM) canvas.zoom(1);
      canvas.scrollToElement(element);
      for (const other of viewer.get<ElementRegistry>('elementRegistry').getAll()) canvas.removeMarker(other.id, 'tandem-diff-focus');
      canvas.addMarker(elementId, 'tandem-diff-focus');
    }
  }
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const summaryLine = (diff: ProcessVersionDiff): string =>
  `${plural(diff.added.length, 'element')} added, ${diff.removed.length} removed, ${diff.changed.length} changed; ` +
  `${plural(diff.valueClassChanges.length, 'value-class change')}.`;

/** What one side shows: removed elements only exist before, added ones only after, changed ones on both. */
const marks = (diff: ProcessDiff, side: 'before' | 'after'): MarkedElement[] => [
  ...(side === 'before'
    ? diff.removed.map((element) => ({ element, change: 'removed' as const, title: 'Removed in the version after' }))
    : diff.added.map((element) => ({ element, change: 'added' as const, title: 'Added in this version' }))),
  ...diff.changed.map((element) => ({ element, change: 'changed' as const, title: element.changes.map(describeChange).join('\n') })),
];

/** Panning or zooming one side moves the other the same way, so the versions stay aligned. */
const linkViewboxes = (first: NavigatedViewer, second: NavigatedViewer): void => {
  let following = false;
  const follow = (follower: NavigatedViewer) => (event: { viewbox: { x: number; y: number; width: number; height: number } }) => {
    if (following) return;
    following = true;
    try {
      const { x, y, width, height } = event.viewbox;
      follower.get<Canvas>('canvas').viewbox({ x, y, width, height });
    } finally {
      following = false;
    }
  };
  first.get<EventBus>('eventBus').on('canvas.viewbox.changed', follow(second));
  second.get<EventBus>('eventBus').on('canvas.viewbox.changed', follow(first));
};
