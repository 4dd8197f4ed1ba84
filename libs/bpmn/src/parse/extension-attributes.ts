import type { ModdleElement } from 'bpmn-moddle';

const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

/**
 * Reads one of our attributes: the `tandem:` value, else the `camunda:` attribute of the same meaning,
 * so models made with Camunda Modeler run without edits. camunda: has no descriptor loaded, so its
 * attributes stay raw in `$attrs` under whatever prefix the document bound to the namespace.
 */
export function readAttribute(element: ModdleElement, name: string, camundaName: string = name): string | undefined {
  const own = element[name];
  if (typeof own === 'string' && own !== '') return own;
  const prefix = namespacePrefix(element, CAMUNDA_NAMESPACE);
  const raw = prefix ? element.$attrs?.[`${prefix}:${camundaName}`] : undefined;
  return raw === undefined || raw === '' ? undefined : raw;
}

/** The prefix the document binds to a namespace, looked up from the element outwards. */
export function namespacePrefix(element: ModdleElement, namespace: string): string | undefined {
  for (let node: ModdleElement | undefined = element; node; node = node.$parent) {
    for (const [key, value] of Object.entries(node.$attrs ?? {})) {
      if (value === namespace && key.startsWith('xmlns:')) return key.slice('xmlns:'.length);
    }
  }
  return undefined;
}

export const splitList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
