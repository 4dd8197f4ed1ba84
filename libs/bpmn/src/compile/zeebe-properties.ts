import type { ModdleElement } from 'bpmn-moddle';
import { extensionChildren, extensionElement } from '../parse/extension-elements.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** `zeebe:properties` of an element: each `zeebe:property`'s name and value (text, empty when absent). */
export function zeebePropertiesOf(element: ModdleElement): { properties?: Record<string, string> } {
  const properties = extensionElement(element, 'properties');
  const entries = (properties ? extensionChildren(properties, 'property') : [])
    .filter((property) => text(property.name) !== undefined)
    .map((property): [string, string] => [String(property.name).trim(), String(property.value ?? '')]);
  return entries.length === 0 ? {} : { properties: Object.fromEntries(entries) };
}
