import type { ModdleElement } from 'bpmn-moddle';
import { eventDefinitionOf, type EventDefinitionType } from '../element-kinds.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const THROWERS = new Set(['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent']);

/**
 * An event that throws an error or escalation needs a code to throw (a catch without one catches
 * every code); a catch that names a reference needs the reference to exist.
 */
const thrownCode = (name: string, type: EventDefinitionType, reference: string, code: string): ValidationRule => {
  const problem = problemFor(name);
  return {
    name,
    check(context) {
      return allFlowNodes(context)
        .filter((node) => eventDefinitionOf(node) === type)
        .flatMap((node: ModdleElement) => {
          const definition = node.eventDefinitions[0];
          const thrower = THROWERS.has(node.$type);
          if (thrower && !definition[reference]?.[code]) {
            return [problem('error', node, `${describe(node)} throws no ${type} code; reference a ${type} with a ${code}.`)];
          }
          return [];
        });
    },
  };
};

export const errorEvent = thrownCode('error-event', 'error', 'errorRef', 'errorCode');
export const escalationEvent = thrownCode('escalation-event', 'escalation', 'escalationRef', 'escalationCode');
