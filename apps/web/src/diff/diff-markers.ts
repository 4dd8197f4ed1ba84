import type { DiffElement } from '#bpmn';
import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';

export type ChangeKind = 'added' | 'removed' | 'changed';

const OVERLAY_TYPE = 'tandem-diff';
const SYMBOLS: Record<ChangeKind, string> = { added: '+', removed: '−', changed: '~' };

const badge = (element: DiffElement, change: ChangeKind, title: string): HTMLElement => {
  const node = document.createElement('span');
  node.className = `tandem-diff-badge tandem-diff-badge-${change}`;
  node.dataset.element = element.id;
  node.dataset.change = change;
  node.title = title;
  node.textContent = element.valueClass ? `${SYMBOLS[change]} ${element.valueClass}` : SYMBOLS[change];
  return node;
};

export interface MarkedElement {
  element: DiffElement;
  change: ChangeKind;
  /** The tooltip: what changed. */
  title: string;
}

/**
 * Marks what changed on one side of a diff: a coloured outline (green added, red removed, amber
 * changed) on shapes, lanes and flows, and a badge on flow nodes. Elements the diagram does not
 * draw (no DI) are in the list only.
 */
export const showChanges = (diagram: BaseViewer, marked: readonly MarkedElement[]): void => {
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const overlays = diagram.get<Overlays>('overlays');
  overlays.remove({ type: OVERLAY_TYPE });
  for (const { element, change, title } of marked) {
    if (!registry.get(element.id)) continue;
    canvas.addMarker(element.id, `tandem-diff-${change}`);
    if (element.kind === 'flowNode') {
      overlays.add(element.id, OVERLAY_TYPE, { position: { top: -11, left: -6 }, html: badge(element, change, title) });
    }
  }
};
