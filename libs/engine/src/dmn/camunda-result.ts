import type { DecisionResultMapping, DecisionTable } from '#bpmn';
import { decisionFailed } from './decision-errors.js';
import { isMultipleHit } from './hit-policy.js';

type Entries = Record<string, unknown>;

/**
 * A decision's output in the shape Camunda 7 hands a business-rule task (camunda:mapDecisionResult):
 * `resultList` every hit as a map of its outputs; `singleResult` the one hit's map; `singleEntry`
 * the one hit's one output value; `collectEntries` the one output of every hit. A result that does
 * not fit the shape fails the decision, as Camunda's result mapper does.
 */
export function camundaDecisionResult(table: DecisionTable, output: unknown, mapping: DecisionResultMapping): unknown {
  const asEntries = (value: unknown): Entries => (table.outputs.length === 1 ? { [table.outputs[0]!.name]: value } : (value as Entries));
  // A list of hits, unless the hit policy yields one (or an aggregation its number).
  const many = isMultipleHit(table.hitPolicy) && !table.aggregation;
  const results = many ? (output as unknown[]).map(asEntries) : output === null ? [] : [asEntries(output)];
  const refuse = (reason: string) => decisionFailed(table, `camunda:mapDecisionResult="${mapping}" ${reason}`, { mapDecisionResult: mapping });
  switch (mapping) {
    case 'resultList':
      return results;
    case 'singleResult':
      if (results.length > 1) throw refuse(`wants at most one result, and ${results.length} rules hit`);
      return results[0] ?? null;
    case 'singleEntry': {
      if (results.length > 1) throw refuse(`wants at most one result, and ${results.length} rules hit`);
      const entries = Object.values(results[0] ?? {});
      if (entries.length > 1) throw refuse(`wants one output, and the decision has ${entries.length}`);
      return results.length === 0 ? null : entries[0];
    }
    case 'collectEntries':
      if (table.outputs.length > 1) throw refuse(`wants one output, and the decision has ${table.outputs.length}`);
      return results.map((result) => Object.values(result)[0]);
  }
}
