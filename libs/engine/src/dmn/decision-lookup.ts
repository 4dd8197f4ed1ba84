import type { DecisionTable } from '#bpmn';
import { DomainError } from '#core';
import type { DecisionLookup } from '../model/ports.js';
import { DECISION_ERRORS } from './decision-errors.js';

/** No decision deployed: every business-rule task fails with DECISION_NOT_FOUND. */
export const NO_DECISIONS: DecisionLookup = { find: () => undefined };

/** A lookup over compiled decisions, by decision id (the app passes the latest version of each). */
export function decisionLookupOf(decisions: readonly DecisionTable[]): DecisionLookup {
  const byId = new Map(decisions.map((decision) => [decision.id, decision]));
  return { find: (decisionId) => byId.get(decisionId) };
}

/** The decision a task calls, or DECISION_NOT_FOUND naming the task and the decision id. */
export function requireDecision(lookup: DecisionLookup, decisionId: string, elementId: string): DecisionTable {
  const decision = lookup.find(decisionId);
  if (!decision) {
    throw new DomainError(DECISION_ERRORS.decisionNotFound, `'${elementId}' calls decision '${decisionId}', which is not deployed; deploy a DMN document defining it.`, {
      elementId,
      decisionId,
    });
  }
  return decision;
}
