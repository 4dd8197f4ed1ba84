import type { DecisionTable } from '#bpmn';
import { DomainError } from '#core';

/** Domain error codes of decision evaluation (mapped to HTTP in apps/engine/src/error-status.ts). */
export const DECISION_ERRORS = {
  /** A decision could not produce a result (hit policy violated, FEEL failure, unranked output): 422. */
  decisionFailed: 'DECISION_FAILED',
  /** A businessRuleTask names a decision that is not deployed: 422. */
  decisionNotFound: 'DECISION_NOT_FOUND',
} as const;

const describeTable = (table: DecisionTable): string => (table.name && table.name !== table.id ? `Decision '${table.name}' (${table.id})` : `Decision '${table.id}'`);

/** DECISION_FAILED naming the decision, with what failed and where in the details. */
export const decisionFailed = (table: DecisionTable, reason: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(DECISION_ERRORS.decisionFailed, `${describeTable(table)} failed: ${reason}.`, { decisionId: table.id, ...details });
