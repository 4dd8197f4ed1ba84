/** Which reader a deployed XML document needs. */
export type DocumentKind = 'bpmn' | 'dmn';

/** Any DMN version's namespace: an older one still goes to the DMN reader, which names the version it wants. */
const DMN_NAMESPACE = /^https?:\/\/www\.omg\.org\/spec\/DMN\//;

/** The XML declaration, comments, processing instructions and a DOCTYPE (internal subset included) before the root element. */
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*/i;

/**
 * Tells a DMN document from a BPMN one by the namespace of its root element, without parsing: a
 * deployment may mix both. Anything that is not DMN goes to the BPMN reader, which explains what is
 * wrong with it (not XML, not BPMN). A DOCTYPE is skipped here; the reader then refuses it.
 */
export function documentKind(xml: string): DocumentKind {
  const rest = xml.replace(/^\uFEFF/, '').replace(PROLOG, '');
  const root = /^<(?:([\w.-]+):)?[\w.-]+((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(rest);
  if (!root) return 'bpmn';
  const [, prefix, attributes] = root;
  const declaration = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (const [, name, double, single] of attributes.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (name === declaration) return DMN_NAMESPACE.test(double ?? single ?? '') ? 'dmn' : 'bpmn';
  }
  return 'bpmn';
}
