import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type { Element } from 'bpmn-js/lib/model/Types';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { summarizeValueClasses, type ClassifiedNode, type ValueSummary } from './value-summary.js';

const OVERLAY_TYPE = 'tandem-value-class';
const MARKERS = ['tandem-value-va', 'tandem-value-bva', 'tandem-value-nva', 'tandem-value-unclassified'];

const TITLES: Record<string, string> = {
  VA: 'Value-added',
  BVA: 'Business-value-added',
  NVA: 'Non-value-added',
  unclassified: 'No value class: set VA, BVA or NVA in the properties panel',
};

/** Shapes of flow nodes (not their labels): the steps a value class applies to. */
const flowNodeShapes = (registry: ElementRegistry): Element[] =>
  registry.filter((element) => is(element, 'bpmn:FlowNode') && !(element as { labelTarget?: unknown }).labelTarget) as Element[];

const classOf = (element: Element, unclassifiedIds: ReadonlySet<string>): string | undefined => {
  const valueClass = element.businessObject.get('valueClass') as string | undefined;
  if (valueClass === 'VA' || valueClass === 'BVA' || valueClass === 'NVA') return valueClass;
  return unclassifiedIds.has(element.id) ? 'unclassified' : undefined;
};

const badge = (element: Element, valueClass: string): HTMLElement => {
  const node = document.createElement('span');
  node.className = `tandem-value-badge tandem-value-${valueClass.toLowerCase()}`;
  node.dataset.element = element.id;
  node.dataset.valueClass = valueClass;
  node.title = TITLES[valueClass] ?? valueClass;
  node.textContent = valueClass === 'unclassified' ? '?' : valueClass;
  return node;
};

/**
 * Colours every classified step (green VA, amber BVA, red NVA) and flags the unclassified ones, then
 * sums the figures. Redrawn whole on each change: cheap next to the SVG bpmn-js redraws itself.
 */
export const showValueClasses = (diagram: BaseViewer, unclassifiedIds: ReadonlySet<string>): ValueSummary => {
  const overlays = diagram.get<Overlays>('overlays');
  const canvas = diagram.get<Canvas>('canvas');
  const shapes = flowNodeShapes(diagram.get<ElementRegistry>('elementRegistry'));
  overlays.remove({ type: OVERLAY_TYPE });
  for (const element of shapes) {
    for (const marker of MARKERS) canvas.removeMarker(element.id, marker);
    const valueClass = classOf(element, unclassifiedIds);
    if (valueClass === undefined) continue;
    canvas.addMarker(element.id, `tandem-value-${valueClass.toLowerCase()}`);
    overlays.add(element.id, OVERLAY_TYPE, { position: { top: -11, left: -6 }, html: badge(element, valueClass) });
  }
  const nodes: ClassifiedNode[] = shapes.map((element) => ({
    id: element.id,
    valueClass: element.businessObject.get('valueClass') as string | undefined,
    standardMinutes: element.businessObject.get('standardMinutes') as string | undefined,
  }));
  return summarizeValueClasses(nodes, unclassifiedIds);
};
