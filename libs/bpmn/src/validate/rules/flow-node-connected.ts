import type { ModdleElement } from 'bpmn-moddle';
import { isCompensationBoundary } from '../compensation-handlers.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe, flowsInto, flowsOutOf, isEventSubProcess, type ProcessView } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('flow-node-connected');

const isLink = (node: ModdleElement) => eventDefinitionOf(node) === 'link';

/** Inside an ad-hoc sub-process an element is activated without a flow, and a path may end anywhere. */
const inAdHoc = (view: ProcessView, node: ModdleElement) => view.containerOf.get(node.id)?.$type === 'bpmn:AdHocSubProcess';

/** Tokens reach these without a sequence flow: a start, a boundary event, a link catch, an event sub-process, a compensation handler. */
const needsIncoming = (view: ProcessView, node: ModdleElement) =>
  !inAdHoc(view, node) &&
  node.isForCompensation !== true &&
  node.$type !== 'bpmn:StartEvent' &&
  node.$type !== 'bpmn:BoundaryEvent' &&
  !(node.$type === 'bpmn:IntermediateCatchEvent' && isLink(node)) &&
  !isEventSubProcess(node);

/** Tokens end here or jump on without a sequence flow; compensation runs its handlers without one. */
const needsOutgoing = (view: ProcessView, node: ModdleElement) =>
  !inAdHoc(view, node) &&
  node.isForCompensation !== true &&
  !isCompensationBoundary(node) &&
  node.$type !== 'bpmn:EndEvent' &&
  !(node.$type === 'bpmn:IntermediateThrowEvent' && isLink(node)) &&
  !isEventSubProcess(node);

/**
 * A node no token can reach, or one a token cannot leave, is a modeling mistake that strands cases;
 * an event sub-process is started by its trigger, so sequence flows touching it would never be taken.
 */
export const flowNodeConnected: ValidationRule = {
  name: 'flow-node-connected',
  check({ processes }) {
    return processes.flatMap((view) => view.flowNodes.flatMap((node) => checkNode(view, node)));
  },
};

function checkNode(view: ProcessView, node: ModdleElement) {
  const problems = [];
  const incoming = flowsInto(view, node).length;
  const outgoing = flowsOutOf(view, node).length;
  if (isEventSubProcess(node) && incoming + outgoing > 0) {
    problems.push(problem('error', node, `${describe(node)} is an event sub-process; it cannot have sequence flows, its start event triggers it.`));
  }
  if (needsIncoming(view, node) && incoming === 0) {
    problems.push(problem('error', node, `${describe(node)} has no incoming sequence flow, so no case can reach it.`));
  }
  if (needsOutgoing(view, node) && outgoing === 0) {
    problems.push(problem('error', node, `${describe(node)} has no outgoing sequence flow; end the path with an end event.`));
  }
  return problems;
}
