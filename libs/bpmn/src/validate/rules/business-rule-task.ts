import type { ModdleElement } from 'bpmn-moddle';
import { calledDecisionOf } from '../../compile/called-decision.js';
import { extensionElement } from '../../parse/extension-elements.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('business-rule-task');

/**
 * A business-rule task must name the decision it evaluates (tandem:decisionRef, camunda:decisionRef
 * or zeebe:calledDecision decisionId), or be a job (zeebe:taskDefinition), not both. Without a
 * result variable the result would be thrown away, which is allowed but rarely meant: a warning.
 * Decisions carry no version tags, so Camunda 8's bindingType versionTag cannot be honored;
 * `deployment` evaluates the newest version, as `latest` does, and says so.
 */
export const businessRuleTask: ValidationRule = {
  name: 'business-rule-task',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => node.$type === 'bpmn:BusinessRuleTask')
      .flatMap((task) => {
        const job = extensionElement(task, 'taskDefinition');
        if (job && calledDecisionOf(task).decisionRef !== '') {
          return [problem('error', task, `${describe(task)} has both a called decision and a zeebe:taskDefinition; keep the decision, or the job type for a worker.`)];
        }
        if (job) return [];
        const binding = bindingProblem(task);
        return binding?.severity === 'error' ? [binding] : [...(binding ? [binding] : []), ...decisionProblems(task)];
      });
  },
};

/** Camunda 8's zeebe:calledDecision bindingType: latest (the default), deployment (as latest, warned) or versionTag (refused). */
function bindingProblem(task: ModdleElement): Problem | undefined {
  const bindingType = String(extensionElement(task, 'calledDecision')?.bindingType ?? 'latest').trim();
  if (bindingType === 'latest') return undefined;
  if (bindingType === 'deployment') {
    return problem(
      'warning',
      task,
      `${describe(task)} binds to the decision deployed together with its process (zeebe:calledDecision bindingType="deployment"); Tandem keeps no such deployments, so it evaluates the newest version.`,
    );
  }
  return problem(
    'error',
    task,
    `The zeebe:calledDecision bindingType "${bindingType}" of ${describe(task)} cannot be honored: Tandem evaluates the newest version of a decision (latest); decisions carry no version tags.`,
  );
}

function decisionProblems(task: ModdleElement): Problem[] {
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
}
