import { calledDecisionOf } from '../../compile/called-decision.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('business-rule-task');

/**
 * A business-rule task must name the decision it evaluates (tandem:decisionRef, camunda:decisionRef
 * or zeebe:calledDecision decisionId). Without a result variable the result would be thrown away,
 * which is allowed but rarely meant: a warning.
 */
export const businessRuleTask: ValidationRule = {
  name: 'business-rule-task',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => node.$type === 'bpmn:BusinessRuleTask')
      .flatMap((task) => {
        const { decisionRef, resultVariable } = calledDecisionOf(task);
        if (decisionRef === '') {
          return [
            problem(
              'error',
              task,
              `${describe(task)} names no decision; set tandem:decisionRef (or camunda:decisionRef, or zeebe:calledDecision decisionId) to the id of a deployed DMN decision.`,
            ),
          ];
        }
        if (resultVariable === undefined) {
          return [problem('warning', task, `${describe(task)} has no resultVariable, so the result of decision '${decisionRef}' is discarded.`)];
        }
        return [];
      });
  },
};
