import { tandemDescriptor } from '#bpmn';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

/** Plain JSON: what a document means to bpmn-moddle, whatever its formatting, attribute order or namespace prefixes. */
export type Tree = string | number | boolean | null | Tree[] | { [key: string]: Tree };

interface PropertyDescriptor {
  name: string;
  isMany?: boolean;
  isReference?: boolean;
}

const isElement = (value: unknown): value is ModdleElement => typeof value === 'object' && value !== null && typeof (value as ModdleElement).$type === 'string';

/** Namespace declarations are how the XML spells prefixes, not part of the model. */
const attributesOf = (element: ModdleElement): Record<string, string> => Object.fromEntries(Object.entries(element.$attrs ?? {}).filter(([name]) => !name.startsWith('xmlns')));

/**
 * bpmn-js writes a plane's shapes and edges in its own order (containers before their contents);
 * the order of DI elements carries no meaning for a diagram whose shapes keep their bounds.
 */
const sortedById = (elements: Tree[]): Tree[] => [...elements].sort((a, b) => String((a as { id?: Tree }).id).localeCompare(String((b as { id?: Tree }).id)));

const treeOf = (value: unknown): Tree => {
  if (Array.isArray(value)) return value.map(treeOf);
  if (!isElement(value)) return (value ?? null) as Tree;
  const tree: Record<string, Tree> = { $type: value.$type };
  const descriptor = value.$descriptor as { isGeneric?: boolean; properties?: PropertyDescriptor[] } | undefined;
  if (descriptor?.isGeneric) {
    // An element of a namespace without a descriptor (camunda:, zeebe:): its attributes are own properties.
    for (const [name, nested] of Object.entries(value)) {
      if (!name.startsWith('$') || name === '$body' || name === '$children') tree[name] = treeOf(nested);
    }
  } else {
    for (const property of descriptor?.properties ?? []) {
      if (!Object.prototype.hasOwnProperty.call(value, property.name)) continue;
      const nested = value[property.name];
      if (nested === undefined || (Array.isArray(nested) && nested.length === 0)) continue;
      const reference = (target: ModdleElement | undefined) => target?.id ?? null;
      tree[property.name] = property.isReference
        ? Array.isArray(nested)
          ? nested.map(reference)
          : reference(nested)
        : property.name === 'planeElement'
          ? sortedById(treeOf(nested) as Tree[])
          : treeOf(nested);
    }
  }
  const attributes = attributesOf(value);
  if (Object.keys(attributes).length > 0) tree.$attrs = attributes;
  return tree;
};

/**
 * The whole document as a tree of plain data: every element with its BPMN properties, our tandem:
 * attributes (typed by the same descriptor as the app), foreign attributes and extension elements
 * (camunda:, zeebe:) as written, references as ids, and the diagram interchange (bounds, waypoints,
 * labels). Two documents with equal trees say the same thing and draw the same diagram.
 */
export const modelTreeOf = async (xml: string): Promise<Tree> => {
  const { rootElement, warnings } = await new BpmnModdle({ tandem: tandemDescriptor }).fromXML(xml, 'bpmn:Definitions');
  if (warnings.length > 0) throw new Error(`the document does not read cleanly: ${warnings.map((warning) => warning.message).join('; ')}`);
  return treeOf(rootElement);
};

/** Paths where two trees differ, for a readable failure. */
export const treeDifferences = (a: Tree, b: Tree, path = ''): string[] => {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return [`${path || '/'}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`];
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const at = (tree: Tree, key: string): Tree => (tree as Record<string, Tree>)[key] ?? null;
  const label = (tree: Tree, key: string) => {
    const child = at(tree, key) as Record<string, Tree> | null;
    return typeof child === 'object' && child !== null && typeof child.id === 'string' ? `${key}(${child.id})` : key;
  };
  return keys.flatMap((key) => treeDifferences(at(a, key), at(b, key), `${path}/${label(a, key)}`));
};
