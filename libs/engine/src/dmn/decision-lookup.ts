import type { DecisionTable } from '#bpmn';
import { DomainError } from '#core';
import { DECISION_ERRORS } from './decision-errors.js';

/**
 * How a businessRuleTask finds the decision it calls. Synchronous: the decisions deployed beside a
 * process version are loaded with it, so evaluation never waits on I/O mid-step.
 */
export interface DecisionLookup {
  find(decisionId: string): DecisionTable | undefined;
}

/** A lookup over the compiled decisions of one deployment. */
export function decisionLookupOf(decisions: readonly DecisionTable[]): DecisionLookup {
  const byId = new Map(decisions.map((decision) => [decision.id, decision]));
  return { find: (decisionId) => byId.get(decisionId) };
}

/** The decision a task calls, or DECISION_NOT_FOUND naming the task and the decision id. */
export function requireDecision(lookup: DecisionLookup, decisionId: string, elementId: string): DecisionTable {
  const decision = lookup.find(decisionId);
  if (!decision) {
    throw new DomainError(
      DECISION_ERRORS.decisionNotFound,
      `'${elementId}' calls decision '${decisionId}', which was not deployed with this process version.`,
      { elementId, decisionId },
    );
  }
  return decision;
}
