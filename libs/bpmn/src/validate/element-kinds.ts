import type { ModdleElement } from 'bpmn-moddle';
import type { FlowNodeType } from '../process-graph.js';

export type ElementKind =
  | { supported: true; type: FlowNodeType; terminate?: boolean }
  | { supported: false; reason: string };

const eventDefinitionTypes = (element: ModdleElement): string[] =>
  (element.eventDefinitions ?? []).map((definition: ModdleElement) => definition.$type);

/**
 * What the engine executes today, and for everything else why not: the single place that decides,
 * shared by the `supported-element` rule and the compiler so the two cannot drift apart.
 */
export function classify(element: ModdleElement): ElementKind {
  const definitions = eventDefinitionTypes(element);
  const only = (type: string) => definitions.length === 1 && definitions[0] === type;
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return definitions.length === 0
        ? { supported: true, type: 'startEvent' }
        : { supported: false, reason: `a start event with ${definitions.join(', ')} is not executable yet; use a none start event` };
    case 'bpmn:EndEvent':
      if (definitions.length === 0) return { supported: true, type: 'endEvent' };
      if (only('bpmn:TerminateEventDefinition')) return { supported: true, type: 'endEvent', terminate: true };
      return { supported: false, reason: `an end event with ${definitions.join(', ')} is not executable yet` };
    case 'bpmn:UserTask':
      return { supported: true, type: 'userTask' };
    case 'bpmn:ServiceTask':
      return { supported: true, type: 'serviceTask' };
    case 'bpmn:ExclusiveGateway':
      return { supported: true, type: 'exclusiveGateway' };
    case 'bpmn:ParallelGateway':
      return { supported: true, type: 'parallelGateway' };
    case 'bpmn:IntermediateCatchEvent':
      return only('bpmn:TimerEventDefinition')
        ? { supported: true, type: 'intermediateCatchEvent' }
        : { supported: false, reason: 'only timer intermediate catch events are executable yet' };
    case 'bpmn:BoundaryEvent':
      return only('bpmn:TimerEventDefinition')
        ? { supported: true, type: 'boundaryEvent' }
        : { supported: false, reason: 'only timer boundary events are executable yet' };
    default:
      return { supported: false, reason: `${element.$type.replace('bpmn:', '')} is not executable yet` };
  }
}

export const isActivityType = (type: FlowNodeType): boolean => type === 'userTask' || type === 'serviceTask';
