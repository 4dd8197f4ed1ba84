import type { Problem } from '../../problem.js';
import type { DecisionTable } from '../decision-table.js';

/**
 * Within one document the XML reader already refuses a repeated id; this catches the same decision
 * id in two documents deployed together, where a business-rule task could not tell them apart.
 */
export function checkDecisionIds(decisions: readonly DecisionTable[]): Problem[] {
  const seen = new Set<string>();
  return decisions.flatMap((decision): Problem[] => {
    if (!seen.has(decision.id)) {
      seen.add(decision.id);
      return [];
    }
    return [
      {
        elementId: decision.id,
        rule: 'unique-decision-id',
        severity: 'error',
        message: `Decision id '${decision.id}' is deployed more than once ('${decision.name}'); a business-rule task calls a decision by its id, so ids must be unique.`,
      },
    ];
  });
}
