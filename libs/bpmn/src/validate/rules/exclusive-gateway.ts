import type { ModdleElement } from 'bpmn-moddle';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('exclusive-gateway');

/** A decision needs a condition on every branch but the default, and a default so no case gets stuck. */
export const exclusiveGateway: ValidationRule = {
  name: 'exclusive-gateway',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => node.$type === 'bpmn:ExclusiveGateway')
      .flatMap((gateway) => {
        const outgoing: ModdleElement[] = gateway.outgoing ?? [];
        const problems = [];
        if (gateway.default && !outgoing.includes(gateway.default)) {
          problems.push(
            problem('error', gateway, `${describe(gateway)} names default flow '${gateway.default.id}', which does not leave it.`),
          );
        }
        if (outgoing.length < 2) return problems;
        for (const flow of outgoing) {
          if (flow !== gateway.default && !flow.conditionExpression?.body?.trim()) {
            problems.push(
              problem(
                'error',
                flow,
                `${describe(flow)} leaves ${describe(gateway)} without a condition; add a FEEL condition or make it the default flow.`,
              ),
            );
          }
        }
        if (!gateway.default) {
          problems.push(
            problem(
              'warning',
              gateway,
              `${describe(gateway)} has no default flow; a case whose variables match no condition will fail at this gateway.`,
            ),
          );
        }
        return problems;
      });
  },
};
