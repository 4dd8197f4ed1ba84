import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../problem.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe, flowsInto, flowsOutOf, type ProcessView } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('event-based-gateway');

const WAITS = new Set(['timer', 'message', 'signal']);

/** An event-based gateway races two or more catch events (timer, message, signal) that only it leads to. */
export const eventBasedGateway: ValidationRule = {
  name: 'event-based-gateway',
  check({ processes }) {
    return processes.flatMap((view) => view.flowNodes.filter((node) => node.$type === 'bpmn:EventBasedGateway').flatMap((gateway) => checkGateway(view, gateway)));
  },
};

function checkGateway(view: ProcessView, gateway: ModdleElement): Problem[] {
  const targets: ModdleElement[] = flowsOutOf(view, gateway)
    .map((flow) => flow.targetRef)
    .filter(Boolean);
  if (targets.length < 2) return [problem('error', gateway, `${describe(gateway)} needs at least two outgoing flows, each to a catch event.`)];
  return targets.flatMap((target) => {
    if (target.$type !== 'bpmn:IntermediateCatchEvent' || !WAITS.has(eventDefinitionOf(target))) {
      return [problem('error', gateway, `${describe(gateway)} leads to ${describe(target)}; it can only lead to timer, message or signal catch events.`)];
    }
    if (flowsInto(view, target).length > 1) {
      return [problem('error', target, `${describe(target)} follows an event-based gateway and must have no other incoming flow.`)];
    }
    return [];
  });
}
