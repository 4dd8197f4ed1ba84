import type { Aggregation, DecisionTable } from '#bpmn';
import { decisionFailed } from './decision-errors.js';
import type { Hit } from './hit.js';

const REDUCERS: Record<Exclude<Aggregation, 'COUNT'>, (numbers: number[]) => number> = {
  SUM: (numbers) => numbers.reduce((total, value) => total + value, 0),
  MIN: (numbers) => Math.min(...numbers),
  MAX: (numbers) => Math.max(...numbers),
};

/**
 * COLLECT with an aggregation over the table's single output (DMN C+, C<, C>, C#). Null outputs
 * (empty cells) are left out of every aggregation; with nothing left, COUNT is 0 and the others null.
 */
export function aggregate(table: DecisionTable, aggregation: Aggregation, hits: readonly Hit[]): number | null {
  const [output] = table.outputs;
  if (!output || table.outputs.length > 1) {
    throw decisionFailed(table, `aggregation ${aggregation} needs exactly one output, and the table has ${table.outputs.length}`);
  }
  const present = hits.filter((hit) => hit.outputs[output.name] !== null);
  if (aggregation === 'COUNT') return present.length;
  const numbers = present.map((hit) => {
    const value = hit.outputs[output.name];
    if (typeof value !== 'number') {
      const reason = `rule '${hit.ruleId}' yields ${JSON.stringify(value)} for output '${output.name}', and ${aggregation} aggregates numbers only`;
      throw decisionFailed(table, reason, { ruleId: hit.ruleId, outputId: output.id });
    }
    return value;
  });
  return numbers.length === 0 ? null : REDUCERS[aggregation](numbers);
}
