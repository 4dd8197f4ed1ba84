import { isFeel, type BusinessRuleTaskNode } from '#bpmn';
import { DomainError, isDomainError } from '#core';
import { camundaDecisionResult } from '../dmn/camunda-result.js';
import { DECISION_ERRORS } from '../dmn/decision-errors.js';
import { requireDecision } from '../dmn/decision-lookup.js';
import { evaluateDecision } from '../dmn/evaluate-decision.js';
import type { Execution } from '../execution.js';
import { feelText } from '../feel/feel.js';
import type { ActivityInstance } from '../model/state.js';
import { complete, enter } from '../scope/lifecycle.js';
import { evaluateAt, variablesAt } from '../scope/variables.js';
import type { FlowNodeBehavior } from './behavior.js';
import { activateExternalTask } from './service-task.js';

/**
 * A business-rule task evaluates its DMN decision (from the engine's decision lookup) with the
 * variables visible where it sits, its input mappings included, and completes at once; the result
 * goes to `resultVariable` (through the output mappings if any). The engine has no incidents: a
 * decision that is not deployed or fails refuses the whole command (DECISION_NOT_FOUND,
 * DECISION_FAILED, naming the task), so nothing changes and the caller, or the job runner for a
 * timer, sees why. One implemented by a job worker (Camunda 8's zeebe:taskDefinition) is an
 * external task of its type.
 */
export const businessRuleTask: FlowNodeBehavior<BusinessRuleTaskNode> = {
  workItem: (node) => (node.externalTask ? 'externalTaskClosed' : undefined),
  enter(node, token, execution) {
    if (node.externalTask) {
      activateExternalTask(execution, node, token, node.externalTask);
      return;
    }
    const task = enter(execution, node, token);
    const decision = requireDecision(execution.decisions, decisionIdOf(execution, node, task), node.id);
    const { mapDecisionResult } = node;
    const output = atTask(node, () => {
      const result = evaluateDecision(decision, variablesAt(execution, task.id)).output;
      return mapDecisionResult === undefined ? result : camundaDecisionResult(decision, result, mapDecisionResult);
    });
    complete(execution, task, node.resultVariable === undefined ? undefined : { [node.resultVariable]: output });
  },
};

/** Plain text, or FEEL (starting with `=`) evaluated at the task. */
const decisionIdOf = (execution: Execution, node: BusinessRuleTaskNode, task: ActivityInstance): string =>
  isFeel(node.decisionRef) ? (feelText(evaluateAt(execution, node.decisionRef, task.id, node.id), node.id, node.decisionRef) ?? '') : node.decisionRef;

/** A failing decision names the table and rule; this adds the task that evaluated it. */
function atTask<T>(node: BusinessRuleTaskNode, evaluation: () => T): T {
  try {
    return evaluation();
  } catch (error) {
    if (!isDomainError(error) || error.code !== DECISION_ERRORS.decisionFailed) throw error;
    throw new DomainError(error.code, `Business-rule task '${node.id}': ${error.message}`, { ...error.details, elementId: node.id });
  }
}
