import { describe } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('condition-placement');

const DECIDING = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/** Conditions are evaluated only after exclusive and inclusive gateways; elsewhere they would be silently ignored. */
export const conditionPlacement: ValidationRule = {
  name: 'condition-placement',
  check({ processes }) {
    return processes.flatMap(({ sequenceFlows }) =>
      sequenceFlows
        .filter((flow) => flow.conditionExpression && flow.sourceRef && !DECIDING.has(flow.sourceRef.$type))
        .map((flow) =>
          problem('error', flow, `${describe(flow)} has a condition but leaves ${describe(flow.sourceRef)}; conditions are only executed after an exclusive or inclusive gateway.`),
        ),
    );
  },
};
