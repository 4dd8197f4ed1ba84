import type { ModdleElement } from 'bpmn-moddle';
import { describe, flowsInto, flowsOutOf } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('flow-node-connected');

const needsIncoming = (node: ModdleElement) => node.$type !== 'bpmn:StartEvent' && node.$type !== 'bpmn:BoundaryEvent';
const needsOutgoing = (node: ModdleElement) => node.$type !== 'bpmn:EndEvent';

/** A node no token can reach, or one a token cannot leave, is a modelling mistake that strands cases. */
export const flowNodeConnected: ValidationRule = {
  name: 'flow-node-connected',
  check({ processes }) {
    return processes.flatMap((view) =>
      view.flowNodes.flatMap((node) => {
        const problems = [];
        if (needsIncoming(node) && flowsInto(view, node).length === 0) {
          problems.push(problem('error', node, `${describe(node)} has no incoming sequence flow, so no case can reach it.`));
        }
        if (needsOutgoing(node) && flowsOutOf(view, node).length === 0) {
          problems.push(problem('error', node, `${describe(node)} has no outgoing sequence flow; end the path with an end event.`));
        }
        return problems;
      }),
    );
  },
};
