import type { ModdleElement } from 'bpmn-moddle';
import type { EventDefinition, FlowNodeType } from '../process-graph.js';

export type EventDefinitionType = EventDefinition['type'];

export type ElementKind = { supported: true; type: FlowNodeType; definition?: EventDefinitionType } | { supported: false; reason: string };

const DEFINITION_TYPES: Record<string, EventDefinitionType> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:CompensateEventDefinition': 'compensate',
};

const EVENT_TYPES: Record<string, FlowNodeType> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
};

/** The event definitions each event element executes ('none' for no definition). */
const EXECUTABLE_EVENTS: Record<string, readonly (EventDefinitionType | 'none')[]> = {
  // Error, escalation and conditional starts only in an event sub-process: the start-event rule says where.
  'bpmn:StartEvent': ['none', 'timer', 'message', 'signal', 'error', 'escalation', 'conditional'],
  'bpmn:EndEvent': ['none', 'terminate', 'error', 'escalation', 'message', 'signal', 'compensate'],
  'bpmn:IntermediateCatchEvent': ['timer', 'message', 'signal', 'link', 'conditional'],
  'bpmn:IntermediateThrowEvent': ['none', 'escalation', 'message', 'signal', 'link', 'compensate'],
  'bpmn:BoundaryEvent': ['timer', 'message', 'signal', 'error', 'escalation', 'compensate', 'conditional'],
};

const OTHER_TYPES: Record<string, FlowNodeType> = {
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:AdHocSubProcess': 'adHocSubProcess',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

/** Elements refused with a reason more useful than "not executable". */
const REFUSED: Record<string, string> = {
  'bpmn:ComplexGateway': 'complex gateways are not executable (as in Camunda 8); use an inclusive gateway',
  'bpmn:Transaction': 'transactions are not executable (as in Camunda 8); compensate with compensation events',
};

const shortName = (type: string) => type.replace('bpmn:', '');

/**
 * What the engine executes today, and for everything else why not: the single place that decides,
 * shared by the `supported-element` rule and the compiler so the two cannot drift apart.
 * Where an element may sit (an error start only in an event sub-process, ...) is for the rules.
 */
export function classify(element: ModdleElement): ElementKind {
  const eventType = EVENT_TYPES[element.$type];
  if (eventType) return classifyEvent(element, eventType);
  const type = OTHER_TYPES[element.$type];
  if (type) return { supported: true, type };
  return { supported: false, reason: REFUSED[element.$type] ?? `${shortName(element.$type)} is not executable yet` };
}

function classifyEvent(element: ModdleElement, type: FlowNodeType): ElementKind {
  const definitions: ModdleElement[] = element.eventDefinitions ?? [];
  if (definitions.length > 1) {
    return { supported: false, reason: 'an event with several event definitions (a multiple event) is not executable' };
  }
  const definition = definitions.length === 0 ? 'none' : (DEFINITION_TYPES[definitions[0].$type] ?? shortName(definitions[0].$type));
  const executable = EXECUTABLE_EVENTS[element.$type];
  if (!executable.includes(definition as EventDefinitionType | 'none')) {
    const accepted = executable.length === 0 ? 'none yet' : executable.join(', ');
    return { supported: false, reason: `a ${definition} ${shortName(element.$type)} is not executable (executable kinds: ${accepted})` };
  }
  return definition === 'none' ? { supported: true, type } : { supported: true, type, definition: definition as EventDefinitionType };
}

/** The definition type of an event element ('none' when it has none). */
export const eventDefinitionOf = (element: ModdleElement): EventDefinitionType | 'none' => {
  const [definition] = element.eventDefinitions ?? [];
  return definition ? (DEFINITION_TYPES[definition.$type] ?? 'none') : 'none';
};
