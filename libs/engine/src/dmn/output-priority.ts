import type { DecisionTable } from '#bpmn';
import { decisionFailed } from './decision-errors.js';
import type { Hit } from './hit.js';

/**
 * Orders hits by decreasing output priority (DMN 1.3, 8.2.11): the position of each output's value
 * in that output's values list, compared output by output; outputs without a list do not rank.
 * Ties keep rule order. A value missing from its list has no priority, which is a modeling error.
 */
export function byOutputPriority(table: DecisionTable, hits: readonly Hit[]): Hit[] {
  const ranked = table.outputs.filter((output) => output.values !== undefined);
  const ranksOf = (hit: Hit): number[] =>
    ranked.map((output) => {
      const value = hit.outputs[output.name];
      const rank = (output.values ?? []).findIndex((candidate) => candidate === value);
      if (rank < 0) {
        throw decisionFailed(
          table,
          `rule '${hit.ruleId}' yields ${JSON.stringify(value)} for output '${output.name}', which is not among its output values ${JSON.stringify(output.values)}, so hit policy ${table.hitPolicy} cannot rank it`,
          { ruleId: hit.ruleId, outputId: output.id },
        );
      }
      return rank;
    });
  const ranks = new Map(hits.map((hit) => [hit, ranksOf(hit)]));
  return [...hits].sort((a, b) => compareRanks(ranks.get(a) ?? [], ranks.get(b) ?? []));
}

function compareRanks(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return (a[index] ?? 0) - (b[index] ?? 0);
  }
  return 0;
}
