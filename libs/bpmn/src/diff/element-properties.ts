import type { FlowNode, Lane, SequenceFlow } from '../process-graph.js';
import type { PropertyValue } from './process-diff.js';

/**
 * Left out of the comparison: the id matches the elements, and a node's incoming, outgoing and
 * boundary links follow from the flows and boundary events, which the diff reports themselves.
 * A lane's members show as each node's `laneId`. Which attribute a setting was written in
 * (`settingAttributes`: tandem: or zeebe:) does not change its meaning.
 */
const STRUCTURAL = new Set(['id', 'incoming', 'outgoing', 'boundaryEventIds', 'flowNodeIds', 'lean', 'settingAttributes']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The comparable properties of one element, flat: nested objects become dotted paths
 * (`eventDefinition.timeDuration`), lists stay whole values, and the lean attributes sit at the
 * top (`valueClass`, `standardMinutes`) as designers name them.
 */
export const propertiesOf = (element: FlowNode | SequenceFlow | Lane): Map<string, PropertyValue> => {
  const properties = new Map<string, PropertyValue>();
  const visit = (path: string, value: unknown): void => {
    if (isRecord(value)) {
      for (const [key, nested] of Object.entries(value)) visit(`${path}.${key}`, nested);
    } else if (value !== undefined) {
      properties.set(path, value as PropertyValue);
    }
  };
  for (const [key, value] of Object.entries(element)) {
    if (!STRUCTURAL.has(key)) visit(key, value);
  }
  if ('lean' in element) {
    for (const [key, value] of Object.entries(element.lean)) visit(key, value);
  }
  return properties;
};

/** JSON text as the equality of plain data: the compiler writes keys in a fixed order. */
export const sameValue = (a: PropertyValue | undefined, b: PropertyValue | undefined): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
