import { isValueClass, summarizeValueClasses, valueNodesOfDefinitions, type ValueSummary } from '#bpmn';
import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type { Element } from 'bpmn-js/lib/model/Types';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';

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
  const valueClass: unknown = element.businessObject.get('valueClass');
  if (isValueClass(valueClass)) return valueClass;
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
 * Sums the value-class figures of the diagram (the same code the server's diff uses), then colours
 * every classified step (green VA, amber BVA, red NVA) and flags the unclassified ones. Redrawn
 * whole on each change: cheap next to the SVG bpmn-js redraws itself.
 */
export const showValueClasses = (diagram: BaseViewer): ValueSummary => {
  const definitions = diagram.getDefinitions();
  const summary = summarizeValueClasses(definitions ? valueNodesOfDefinitions(definitions) : []);
  const unclassifiedIds = new Set(summary.unclassifiedIds);
  const overlays = diagram.get<Overlays>('overlays');
  const canvas = diagram.get<Canvas>('canvas');
  overlays.remove({ type: OVERLAY_TYPE });
  for (const element of flowNodeShapes(diagram.get<ElementRegistry>('elementRegistry'))) {
    for (const marker of MARKERS) canvas.removeMarker(element.id, marker);
    const valueClass = classOf(element, unclassifiedIds);
    if (valueClass === undefined) continue;
    canvas.addMarker(element.id, `tandem-value-${valueClass.toLowerCase()}`);
    overlays.add(element.id, OVERLAY_TYPE, { position: { top: -11, left: -6 }, html: badge(element, valueClass) });
  }
  return summary;
};
