import { describe, flowsOutOf } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('inclusive-gateway');

/**
 * An inclusive fork takes every flow whose condition holds, and flows without a condition always;
 * when every flow is conditional, a default keeps a case from getting stuck.
 */
export const inclusiveGateway: ValidationRule = {
  name: 'inclusive-gateway',
  check({ processes }) {
    return processes.flatMap((view) =>
      view.flowNodes
        .filter((node) => node.$type === 'bpmn:InclusiveGateway')
        .flatMap((gateway) => {
          const outgoing = flowsOutOf(view, gateway);
          if (gateway.default && !outgoing.includes(gateway.default)) {
            return [problem('error', gateway, `${describe(gateway)} names default flow '${gateway.default.id}', which does not leave it.`)];
          }
          const allConditional = outgoing.length > 1 && outgoing.every((flow) => flow.conditionExpression?.body?.trim());
          return allConditional && !gateway.default
            ? [problem('warning', gateway, `${describe(gateway)} has no default flow; a case whose variables match no condition will fail at this gateway.`)]
            : [];
        }),
    );
  },
};
