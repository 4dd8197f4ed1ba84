import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../problem.js';
import { describe, flowsOutOf } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('exclusive-gateway');

/** A decision needs a condition on every branch but the default, and a default so no case gets stuck. */
export const exclusiveGateway: ValidationRule = {
  name: 'exclusive-gateway',
  check({ processes }) {
    return processes.flatMap((view) =>
      view.flowNodes.filter((node) => node.$type === 'bpmn:ExclusiveGateway').flatMap((gateway) => checkGateway(gateway, flowsOutOf(view, gateway))),
    );
  },
};

function checkGateway(gateway: ModdleElement, outgoing: ModdleElement[]): Problem[] {
  const problems: Problem[] = [];
  if (gateway.default && !outgoing.includes(gateway.default)) {
    problems.push(problem('error', gateway, `${describe(gateway)} names default flow '${gateway.default.id}', which does not leave it.`));
  }
  if (outgoing.length < 2) return problems;
  for (const flow of outgoing) {
    if (flow !== gateway.default && !flow.conditionExpression?.body?.trim()) {
      problems.push(problem('error', flow, `${describe(flow)} leaves ${describe(gateway)} without a condition; add a FEEL condition or make it the default flow.`));
    }
  }
  if (!gateway.default) {
    problems.push(problem('warning', gateway, `${describe(gateway)} has no default flow; a case whose variables match no condition will fail at this gateway.`));
  }
  return problems;
}
