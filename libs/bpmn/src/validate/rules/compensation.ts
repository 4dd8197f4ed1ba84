import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../problem.js';
import { associatedWith, isCompensationBoundary } from '../compensation-handlers.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe, flowsInto, flowsOutOf, isEventSubProcess, type ProcessView } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('compensation');

const isCompensationThrow = (node: ModdleElement) => (node.$type === 'bpmn:IntermediateThrowEvent' || node.$type === 'bpmn:EndEvent') && eventDefinitionOf(node) === 'compensate';

/**
 * Compensation as Camunda 8 runs it: a compensation boundary event links one handler (an activity
 * marked isForCompensation, beside its activity) by an association; the handler has no sequence flows
 * or boundary events of its own; a throw or end event waits for the handlers it starts, and an
 * `activityRef` names an activity with a compensation boundary event in the scope it compensates.
 */
export const compensation: ValidationRule = {
  name: 'compensation',
  check({ processes }) {
    return processes.flatMap((view) =>
      view.flowNodes.flatMap((node) => {
        if (isCompensationBoundary(node)) return checkBoundary(view, node);
        if (node.isForCompensation === true) return checkHandler(view, node);
        if (isCompensationThrow(node)) return checkThrow(view, node);
        return [];
      }),
    );
  },
};

function checkBoundary(view: ProcessView, boundary: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  if (flowsOutOf(view, boundary).length > 0) {
    problems.push(
      problem('error', boundary, `${describe(boundary)} is a compensation boundary event; it has no outgoing sequence flow, its association links the compensation handler.`),
    );
  }
  const handlers = associatedWith(view, boundary).filter((element) => element.isForCompensation === true);
  if (handlers.length !== 1) {
    problems.push(
      problem(
        'error',
        boundary,
        `${describe(boundary)} needs an association to exactly one compensation handler (an activity marked isForCompensation); it has ${handlers.length}.`,
      ),
    );
  } else if (view.containerOf.get(handlers[0].id) !== view.containerOf.get(boundary.id)) {
    problems.push(problem('error', boundary, `${describe(boundary)} links ${describe(handlers[0])}, which is not in the same process or sub-process.`));
  }
  const siblings = view.flowNodes.filter((other) => isCompensationBoundary(other) && other.attachedToRef === boundary.attachedToRef);
  if (siblings.length > 1 && siblings[0] !== boundary) {
    problems.push(problem('error', boundary, `${describe(boundary)} is a second compensation boundary event on the same activity; keep one.`));
  }
  return problems;
}

function checkHandler(view: ProcessView, handler: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  if (flowsInto(view, handler).length + flowsOutOf(view, handler).length > 0) {
    problems.push(problem('error', handler, `${describe(handler)} is a compensation handler; compensation starts it, so it has no sequence flows.`));
  }
  if (!view.flowNodes.some((node) => isCompensationBoundary(node) && associatedWith(view, node).includes(handler))) {
    problems.push(problem('error', handler, `${describe(handler)} is a compensation handler, but no compensation boundary event's association links it, so it never runs.`));
  }
  if (view.flowNodes.some((node) => node.$type === 'bpmn:BoundaryEvent' && node.attachedToRef === handler)) {
    problems.push(problem('error', handler, `${describe(handler)} is a compensation handler; it cannot have boundary events.`));
  }
  return problems;
}

function checkThrow(view: ProcessView, event: ModdleElement): Problem[] {
  const definition: ModdleElement = event.eventDefinitions[0];
  const problems: Problem[] = [];
  if (definition.waitForCompletion === false) {
    problems.push(problem('error', event, `${describe(event)} sets waitForCompletion="false"; a compensation event waits for its handlers (as in Camunda 8).`));
  }
  const activity: ModdleElement | undefined = definition.activityRef;
  if (activity) {
    const compensated = compensatedContainer(view, event);
    const compensable = view.flowNodes.some((node) => isCompensationBoundary(node) && node.attachedToRef === activity);
    if (view.containerOf.get(activity.id) !== compensated || !compensable) {
      problems.push(
        problem('error', event, `${describe(event)} compensates ${describe(activity)}, which must have a compensation boundary event and sit in the scope the event compensates.`),
      );
    }
  }
  return problems;
}

/** The scope a compensation event compensates: its own, or for one inside an event sub-process the scope the event sub-process runs in. */
function compensatedContainer(view: ProcessView, event: ModdleElement): ModdleElement | undefined {
  const container = view.containerOf.get(event.id);
  return container && isEventSubProcess(container) ? view.containerOf.get(container.id) : container;
}
