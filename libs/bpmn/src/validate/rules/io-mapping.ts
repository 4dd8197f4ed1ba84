import type { ModdleElement } from 'bpmn-moddle';
import { compileIoMapping } from '../../compile/activity-settings.js';
import type { Problem } from '../../problem.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('io-mapping');

const GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:EventBasedGateway', 'bpmn:ComplexGateway']);

/**
 * Variable mappings only where they mean something, so none is silently skipped. Start and
 * boundary events are triggered from outside: they take output mappings (over the trigger's
 * variables: a message's, a worker's error's) but no input mappings; a none start event has no
 * trigger, so nothing to map; a gateway has no variables of its own.
 */
export const ioMapping: ValidationRule = {
  name: 'io-mapping',
  check(context) {
    return allFlowNodes(context).flatMap((node) => {
      const mapping = compileIoMapping(node).ioMapping;
      return mapping ? checkPlacement(node, mapping.inputs.length > 0, mapping.outputs.length > 0) : [];
    });
  },
};

function checkPlacement(node: ModdleElement, hasInputs: boolean, hasOutputs: boolean): Problem[] {
  if (GATEWAYS.has(node.$type)) {
    return [problem('error', node, `${describe(node)} is a gateway, which has no variables to map; put the mappings on an activity or event.`)];
  }
  const triggered = node.$type === 'bpmn:StartEvent' || node.$type === 'bpmn:BoundaryEvent';
  const problems: Problem[] = [];
  if (triggered && hasInputs) {
    problems.push(
      problem('error', node, `${describe(node)} has input mappings, but an event triggered from outside has nothing to map in; use output mappings over its variables.`),
    );
  }
  if (node.$type === 'bpmn:StartEvent' && eventDefinitionOf(node) === 'none' && hasOutputs) {
    problems.push(
      problem(
        'error',
        node,
        `${describe(node)} is a none start event with output mappings; it has no trigger whose variables they could map. Map them on the first activity instead.`,
      ),
    );
  }
  return problems;
}
