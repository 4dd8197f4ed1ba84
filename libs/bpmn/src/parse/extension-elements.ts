import type { ModdleElement } from 'bpmn-moddle';
import { namespacePrefix } from './extension-attributes.js';

const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';

/**
 * The extension elements of one kind on an element: `tandem:<name>` (typed by our descriptor) or
 * Camunda 8 Modeler's `zeebe:<name>`. zeebe: has no descriptor loaded (so its many other elements
 * never fail a deploy); its elements stay raw, attributes as properties, children in `$children`,
 * under whatever prefix the document bound to the namespace.
 */
export function extensionElements(element: ModdleElement, localName: string): ModdleElement[] {
  const values: ModdleElement[] = element.extensionElements?.values ?? [];
  const zeebe = namespacePrefix(element, ZEEBE_NAMESPACE);
  const wanted = new Set([`tandem:${localName}`.toLowerCase(), ...(zeebe ? [`${zeebe}:${localName}`.toLowerCase()] : [])]);
  return values.filter((value) => wanted.has(value.$type.toLowerCase()));
}

export const extensionElement = (element: ModdleElement, localName: string): ModdleElement | undefined => extensionElements(element, localName)[0];

/** The child elements of an extension element with that local name (raw `$children` or typed `…Parameters`). */
export function extensionChildren(extension: ModdleElement, localName: string): ModdleElement[] {
  const children: ModdleElement[] = extension.$children ?? [...(extension.inputParameters ?? []), ...(extension.outputParameters ?? [])];
  return children.filter((child) => child.$type.split(':')[1]?.toLowerCase() === localName.toLowerCase());
}
