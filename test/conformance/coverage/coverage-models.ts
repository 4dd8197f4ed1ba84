import { loadBpmn, type FlowNode, type ProcessGraph, type Problem } from '#bpmn';
import { hostProblems } from '../../../apps/engine/src/definitions/host-support.js';

/**
 * The models behind the coverage table's claims: what deploy says about a document (as the service
 * checks it), the refused and notation-only examples of the element rows, a generic model for any
 * event kind, and how to recognise an element or event kind in a compiled process.
 */

/** The problems the service answers a deployment with (a 422 when any is an error), and the processes it would store. */
export async function deploy(xml: string): Promise<{ graphs: ProcessGraph[]; problems: Problem[] }> {
  const loaded = await loadBpmn(xml);
  return { graphs: loaded.processes, problems: [...loaded.problems, ...loaded.processes.flatMap(hostProblems)] };
}

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" ' +
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"';

const definitions = (content: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${NAMESPACES} id="defs" targetNamespace="https://tandem.dev/coverage">\n${content}\n</bpmn:definitions>`;

const ROOTS = '<bpmn:message id="m" name="reply" /><bpmn:signal id="s" name="recall" />';

const processOf = (content: string, attributes = 'id="p" isExecutable="true"') => `<bpmn:process ${attributes}>${content}</bpmn:process>`;

const flow = (id: string, source: string, target: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;

/** start -> {node with id x, incoming a, outgoing b} -> end */
const around = (node: string) =>
  definitions(
    ROOTS +
      processOf(`<bpmn:startEvent id="start" />${node}<bpmn:endEvent id="end" />${flow('a', 'start', 'x')}${flow('b', 'x', 'end')}`),
  );

/** A process that runs, beside whatever else is in the model. */
const RUNNABLE = `<bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:endEvent id="end" />${flow('a', 'start', 'work')}${flow('b', 'work', 'end')}`;

/** A refused example per ⛔ element row: the model and the element its problem must name (null: the document). */
export const REFUSED_ELEMENTS: Record<string, { xml: string; elementId: string | null }> = {
  'bpmn:ReceiveTask instantiate': {
    xml: definitions(ROOTS + processOf(`${RUNNABLE}<bpmn:receiveTask id="x" instantiate="true" messageRef="m" /><bpmn:endEvent id="end2" />${flow('c', 'x', 'end2')}`)),
    elementId: 'x',
  },
  'bpmn:Transaction': {
    xml: around(`<bpmn:transaction id="x"><bpmn:startEvent id="ts" /><bpmn:endEvent id="te" />${flow('t1', 'ts', 'te')}</bpmn:transaction>`),
    elementId: 'x',
  },
  'bpmn:EventBasedGateway instantiate': {
    xml: definitions(
      processOf(
        `${RUNNABLE}<bpmn:eventBasedGateway id="x" instantiate="true" eventGatewayType="Exclusive" />` +
          '<bpmn:intermediateCatchEvent id="t1"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>' +
          '<bpmn:intermediateCatchEvent id="t2"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>' +
          `<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />${flow('c', 'x', 't1')}${flow('d', 'x', 't2')}${flow('e', 't1', 'e1')}${flow('f', 't2', 'e2')}`,
      ),
    ),
    elementId: 'x',
  },
  'bpmn:ComplexGateway': { xml: around('<bpmn:complexGateway id="x" />'), elementId: 'x' },
};

/** A model per ➖ row that carries the notation beside a runnable process. */
export const NOTATION: Record<string, string> = {
  'bpmn:Participant': definitions(
    `<bpmn:collaboration id="c"><bpmn:participant id="agents" processRef="p" /><bpmn:participant id="customer" /></bpmn:collaboration>${processOf(RUNNABLE)}`,
  ),
  'bpmn:MessageFlow': definitions(
    '<bpmn:collaboration id="c"><bpmn:participant id="agents" processRef="p" /><bpmn:participant id="customer" />' +
      `<bpmn:messageFlow id="mf" sourceRef="customer" targetRef="work" /></bpmn:collaboration>${processOf(RUNNABLE)}`,
  ),
  'bpmn:DataObjectReference': definitions(
    processOf(
      '<bpmn:startEvent id="start" /><bpmn:dataObject id="do" /><bpmn:dataObjectReference id="dor" dataObjectRef="do" />' +
        '<bpmn:userTask id="work"><bpmn:dataInputAssociation id="in"><bpmn:sourceRef>dor</bpmn:sourceRef></bpmn:dataInputAssociation></bpmn:userTask>' +
        `<bpmn:endEvent id="end" />${flow('a', 'start', 'work')}${flow('b', 'work', 'end')}`,
    ),
  ),
  'bpmn:DataStoreReference': definitions(
    '<bpmn:dataStore id="crm" />' +
      processOf(
        '<bpmn:startEvent id="start" /><bpmn:dataStoreReference id="dsr" dataStoreRef="crm" />' +
          '<bpmn:userTask id="work"><bpmn:dataOutputAssociation id="out"><bpmn:targetRef>dsr</bpmn:targetRef></bpmn:dataOutputAssociation></bpmn:userTask>' +
          `<bpmn:endEvent id="end" />${flow('a', 'start', 'work')}${flow('b', 'work', 'end')}`,
      ),
  ),
  'bpmn:TextAnnotation': definitions(
    processOf(`${RUNNABLE}<bpmn:textAnnotation id="note"><bpmn:text>Agents answer within 4 h</bpmn:text></bpmn:textAnnotation><bpmn:association id="as" sourceRef="work" targetRef="note" />`),
  ),
  'bpmn:Association': definitions(
    processOf(`${RUNNABLE}<bpmn:textAnnotation id="note"><bpmn:text>Agents answer within 4 h</bpmn:text></bpmn:textAnnotation><bpmn:association id="as" sourceRef="note" targetRef="work" />`),
  ),
  'bpmn:Group': definitions(
    '<bpmn:category id="cat"><bpmn:categoryValue id="tier1" value="first level" /></bpmn:category>' + processOf(`${RUNNABLE}<bpmn:group id="g" categoryValueRef="tier1" />`),
  ),
  'bpmn:Documentation': definitions(
    processOf(
      '<bpmn:documentation>The service request as it runs today.</bpmn:documentation><bpmn:startEvent id="start" />' +
        `<bpmn:userTask id="work"><bpmn:documentation>Answer the customer.</bpmn:documentation></bpmn:userTask><bpmn:endEvent id="end" />${flow('a', 'start', 'work')}${flow('b', 'work', 'end')}`,
    ),
  ),
  'bpmndi:BPMNDiagram': definitions(
    processOf(RUNNABLE) +
      '<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="p">' +
      '<bpmndi:BPMNShape id="workShape" bpmnElement="work"><dc:Bounds x="100" y="80" width="100" height="80" /></bpmndi:BPMNShape>' +
      '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>',
  ),
  'bpmn:Process isExecutable=false': definitions(
    processOf(RUNNABLE) + processOf(`<bpmn:startEvent id="oldStart" /><bpmn:endEvent id="oldEnd" />${flow('o1', 'oldStart', 'oldEnd')}`, 'id="asIs" isExecutable="false"'),
  ),
};

/** The columns of the events table: where the event sits. */
export const EVENT_COLUMNS = ['start', 'espInterrupting', 'espNonInterrupting', 'catch', 'boundaryInterrupting', 'boundaryNonInterrupting', 'throw', 'end'] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** The BPMN element of each column. */
export const EVENT_TYPE_OF: Record<EventColumn, string> = {
  start: 'bpmn:StartEvent',
  espInterrupting: 'bpmn:StartEvent',
  espNonInterrupting: 'bpmn:StartEvent',
  catch: 'bpmn:IntermediateCatchEvent',
  boundaryInterrupting: 'bpmn:BoundaryEvent',
  boundaryNonInterrupting: 'bpmn:BoundaryEvent',
  throw: 'bpmn:IntermediateThrowEvent',
  end: 'bpmn:EndEvent',
};

/** Where BPMN 2.0 defines each kind of event (a compensation boundary event counts as interrupting); elsewhere the table shows `·`. */
export const BPMN_EVENT_KINDS: Record<string, readonly EventColumn[]> = {
  none: ['start', 'throw', 'end'],
  'bpmn:MessageEventDefinition': EVENT_COLUMNS,
  'bpmn:TimerEventDefinition': ['start', 'espInterrupting', 'espNonInterrupting', 'catch', 'boundaryInterrupting', 'boundaryNonInterrupting'],
  'bpmn:ErrorEventDefinition': ['espInterrupting', 'boundaryInterrupting', 'end'],
  'bpmn:EscalationEventDefinition': ['espInterrupting', 'espNonInterrupting', 'boundaryInterrupting', 'boundaryNonInterrupting', 'throw', 'end'],
  'bpmn:SignalEventDefinition': EVENT_COLUMNS,
  'bpmn:ConditionalEventDefinition': ['start', 'espInterrupting', 'espNonInterrupting', 'catch', 'boundaryInterrupting', 'boundaryNonInterrupting'],
  'bpmn:CompensateEventDefinition': ['espInterrupting', 'boundaryInterrupting', 'throw', 'end'],
  'bpmn:CancelEventDefinition': ['boundaryInterrupting', 'end'],
  'bpmn:TerminateEventDefinition': ['end'],
  'bpmn:LinkEventDefinition': ['catch', 'throw'],
  multiple: EVENT_COLUMNS,
  parallelMultiple: ['start', 'espInterrupting', 'espNonInterrupting', 'catch', 'boundaryInterrupting', 'boundaryNonInterrupting'],
};

/** The event definition XML of a row of the events table. */
function definitionXml(row: string): { xml: string; attributes: string } {
  switch (row) {
    case 'none':
      return { xml: '', attributes: '' };
    case 'multiple':
      return { xml: '<bpmn:messageEventDefinition messageRef="m" /><bpmn:signalEventDefinition signalRef="s" />', attributes: '' };
    case 'parallelMultiple':
      return { xml: '<bpmn:messageEventDefinition messageRef="m" /><bpmn:signalEventDefinition signalRef="s" />', attributes: ' parallelMultiple="true"' };
    case 'bpmn:ConditionalEventDefinition':
      return { xml: '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">= ready</bpmn:condition></bpmn:conditionalEventDefinition>', attributes: '' };
    default: {
      const tag = row.replace('bpmn:', '');
      return { xml: `<bpmn:${tag[0].toLowerCase()}${tag.slice(1)} />`, attributes: '' };
    }
  }
}

/** A model with the event `x` of that kind in that place. */
export function eventModel(row: string, column: EventColumn): string {
  const { xml, attributes } = definitionXml(row);
  const event = (tag: string, more = '') => `<bpmn:${tag} id="x"${attributes}${more}>${xml}</bpmn:${tag}>`;
  switch (column) {
    case 'start':
      return definitions(ROOTS + processOf(`${event('startEvent')}<bpmn:endEvent id="end" />${flow('a', 'x', 'end')}`));
    case 'espInterrupting':
    case 'espNonInterrupting': {
      const start = event('startEvent', column === 'espNonInterrupting' ? ' isInterrupting="false"' : '');
      return definitions(ROOTS + processOf(`${RUNNABLE}<bpmn:subProcess id="esp" triggeredByEvent="true">${start}<bpmn:endEvent id="espEnd" />${flow('e1', 'x', 'espEnd')}</bpmn:subProcess>`));
    }
    case 'catch':
      return around(event('intermediateCatchEvent'));
    case 'boundaryInterrupting':
    case 'boundaryNonInterrupting': {
      const boundary = event('boundaryEvent', ` attachedToRef="work" cancelActivity="${column === 'boundaryInterrupting'}"`);
      return definitions(ROOTS + processOf(`${RUNNABLE}${boundary}<bpmn:endEvent id="afterX" />${flow('c', 'x', 'afterX')}`));
    }
    case 'throw':
      return around(event('intermediateThrowEvent'));
    case 'end':
      return definitions(ROOTS + processOf(`<bpmn:startEvent id="start" />${event('endEvent')}${flow('a', 'start', 'x')}`));
  }
}

const DEFINITION_TYPES: Record<string, string> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:ConditionalEventDefinition': 'conditional',
};

const definitionMatches = (node: FlowNode, row: string) => {
  const definition = 'eventDefinition' in node ? node.eventDefinition : undefined;
  return row === 'none' ? definition === undefined : definition?.type === DEFINITION_TYPES[row];
};

const inEventSubProcess = (graph: ProcessGraph, node: FlowNode) => {
  const parent = node.parentId === undefined ? undefined : graph.nodes[node.parentId];
  return parent?.type === 'subProcess' && parent.triggeredByEvent;
};

/** Whether the compiled process has an event of that kind in that place. */
export function hasEvent(graph: ProcessGraph, row: string, column: EventColumn): boolean {
  return Object.values(graph.nodes).some((node) => {
    if (!definitionMatches(node, row)) return false;
    switch (column) {
      case 'start':
        return node.type === 'startEvent' && node.parentId === undefined;
      case 'espInterrupting':
      case 'espNonInterrupting':
        return node.type === 'startEvent' && inEventSubProcess(graph, node) && node.interrupting === (column === 'espInterrupting');
      case 'catch':
        return node.type === 'intermediateCatchEvent';
      case 'boundaryInterrupting':
      case 'boundaryNonInterrupting':
        return node.type === 'boundaryEvent' && node.cancelActivity === (column === 'boundaryInterrupting');
      case 'throw':
        return node.type === 'intermediateThrowEvent';
      case 'end':
        return node.type === 'endEvent';
    }
  });
}

const nodes = (graph: ProcessGraph) => Object.values(graph.nodes);
const loopOf = (node: FlowNode) => ('loop' in node ? node.loop : undefined);

/** Whether the compiled process holds the element of an ✅ row of the element table. */
export function hasElement(graph: ProcessGraph, key: string): boolean {
  switch (key) {
    case 'bpmn:SubProcess':
      return nodes(graph).some((node) => node.type === 'subProcess' && !node.triggeredByEvent);
    case 'bpmn:SubProcess triggeredByEvent':
      return nodes(graph).some((node) => node.type === 'subProcess' && node.triggeredByEvent);
    case 'bpmn:StandardLoopCharacteristics':
      return nodes(graph).some((node) => loopOf(node)?.type === 'standard');
    case 'bpmn:MultiInstanceLoopCharacteristics':
    case 'bpmn:MultiInstanceLoopCharacteristics isSequential': {
      const sequential = key.endsWith('isSequential');
      return nodes(graph).some((node) => {
        const loop = loopOf(node);
        return loop?.type === 'multiInstance' && loop.isSequential === sequential;
      });
    }
    case 'bpmn:SequenceFlow':
      return Object.keys(graph.flows).length > 0;
    case 'bpmn:SequenceFlow conditionExpression':
      return Object.values(graph.flows).some(({ condition }) => condition !== undefined);
    case 'default':
      return nodes(graph).some((node) => 'defaultFlowId' in node && node.defaultFlowId !== undefined);
    case 'ioMapping':
      return nodes(graph).some((node) => 'ioMapping' in node && node.ioMapping !== undefined);
    case 'bpmn:Lane':
      return graph.lanes.length > 0;
    case 'isForCompensation':
      return nodes(graph).some((node) => 'isForCompensation' in node && node.isForCompensation === true);
    default: {
      const type = key.replace('bpmn:', '');
      return nodes(graph).some((node) => node.type === `${type[0].toLowerCase()}${type.slice(1)}`);
    }
  }
}
