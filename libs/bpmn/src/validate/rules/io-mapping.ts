import type { ModdleElement } from 'bpmn-moddle';
import { compileIoMapping } from '../../compile/activity-settings.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('io-mapping');

const GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:EventBasedGateway', 'bpmn:ComplexGateway']);

/**
 * Variable mappings only where they mean something, so none is silently skipped. Start and
 * boundary events are triggered from outside: they take output mappings (over the trigger's
 * variables: a message's, a worker's error's) but no input mappings; a none start event's output
 * mappings run over the start variables, as in Camunda 8; a gateway has no variables of its own.
 */
export const ioMapping: ValidationRule = {
  name: 'io-mapping',
  check(context) {
    return allFlowNodes(context).flatMap((node) => {
      const mapping = compileIoMapping(node).ioMapping;
      return mapping ? checkPlacement(node, mapping.inputs.length > 0) : [];
    });
  },
};

function checkPlacement(node: ModdleElement, hasInputs: boolean): Problem[] {
  if (GATEWAYS.has(node.$type)) {
    return [problem('error', node, `${describe(node)} is a gateway, which has no variables to map; put the mappings on an activity or event.`)];
  }
  const triggered = node.$type === 'bpmn:StartEvent' || node.$type === 'bpmn:BoundaryEvent';
  if (!triggered || !hasInputs) return [];
  return [problem('error', node, `${describe(node)} has input mappings, but an event triggered from outside has nothing to map in; use output mappings over its variables.`)];
}
