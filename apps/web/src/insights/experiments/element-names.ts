/** The names of a BPMN document's elements by id (a name-less element is left out), read without a modeler. */
export const elementNames = (xml: string): Map<string, string> => {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const names = new Map<string, string>();
  for (const node of document.querySelectorAll('[id][name]')) names.set(node.getAttribute('id')!, node.getAttribute('name')!.replace(/\s+/g, ' ').trim());
  return names;
};
