import { documentKind } from '#bpmn';
import type { ModdleElement } from 'bpmn-moddle';
import { messageOf } from '../../ui/error-message.js';

const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

interface Reader {
  fromXML(xml: string, type: string): Promise<{ rootElement: ModdleElement }>;
}

/** The root element's name as written, for a message about a document that is something else. */
const rootName = (xml: string): string | undefined => /^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<([\w.:-]+)/.exec(xml)?.[1];

const diagramProblem = (definitions: ModdleElement): string | undefined => {
  const diagrams: ModdleElement[] = definitions.diagrams ?? [];
  const hasProcess = (definitions.rootElements ?? []).some((element: ModdleElement) => element.$type === 'bpmn:Process' || element.$type === 'bpmn:Collaboration');
  if (!hasProcess) return 'The document has no process or collaboration to draw.';
  if (diagrams.length === 0) {
    return (
      'The document defines a process but no diagram layout (no <bpmndi:BPMNDiagram>), so there is nothing to draw. ' +
      'Save it from a modeler such as Camunda Modeler or bpmn.io, which lay the diagram out.'
    );
  }
  if (!diagrams[0]?.plane?.bpmnElement) {
    return `The diagram ${diagrams[0]?.id ?? ''} does not point at a process or collaboration (its <bpmndi:BPMNPlane> has no valid bpmnElement).`;
  }
  return undefined;
};

/**
 * Why bpmn-js could not show this XML, found before the import touches the canvas: the reader's
 * error with its line and column, a DMN or other foreign document, a model without diagram
 * layout. Undefined when the document can be drawn.
 */
export const importProblemOf = async (reader: Reader, xml: string): Promise<string | undefined> => {
  if (xml.trim() === '') return 'The file is empty.';
  let definitions: ModdleElement;
  try {
    definitions = (await reader.fromXML(xml, 'bpmn:Definitions')).rootElement;
  } catch (error) {
    const message = messageOf(error);
    if (!message.startsWith('failed to parse document as')) return `The XML does not parse: ${message}`;
    if (documentKind(xml) === 'dmn') {
      return 'This is a DMN decision document, not a BPMN process: deploy it through the API beside the process that calls it.';
    }
    const root = rootName(xml);
    return `This is not a BPMN 2.0 document: its root element${root ? ` <${root}>` : ''} is not <definitions> in the namespace ${BPMN_NAMESPACE}.`;
  }
  return diagramProblem(definitions);
};
