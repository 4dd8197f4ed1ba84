import type { DecisionRule, DecisionTable, HitPolicy } from '#bpmn';
import { decisionFailed } from './decision-errors.js';
import type { Hit } from './hit.js';
import { byOutputPriority } from './output-priority.js';

/** How a hit policy turns the matched rules (in rule order) into hits; outputs are evaluated only for rules it needs. */
type HitSelection = (table: DecisionTable, matched: readonly DecisionRule[], hitOf: (rule: DecisionRule) => Hit) => Hit[];

const ruleList = (rules: readonly { id: string }[]) => rules.map(({ id }) => `'${id}'`).join(', ');

const sameOutputs = (a: Hit, b: Hit): boolean => JSON.stringify(a.outputs) === JSON.stringify(b.outputs);

/** The selection of each hit policy, per DMN 1.3 section 8.2.11. */
export const HIT_SELECTIONS: Record<HitPolicy, HitSelection> = {
  UNIQUE: (table, matched, hitOf) => {
    if (matched.length > 1) {
      throw decisionFailed(table, `rules ${ruleList(matched)} all match, but hit policy UNIQUE allows at most one`, {
        ruleIds: matched.map(({ id }) => id),
      });
    }
    return matched.map(hitOf);
  },
  FIRST: (_table, matched, hitOf) => matched.slice(0, 1).map(hitOf),
  ANY: (table, matched, hitOf) => {
    const hits = matched.map(hitOf);
    const [first] = hits;
    if (first && hits.some((hit) => !sameOutputs(hit, first))) {
      throw decisionFailed(table, `rules ${ruleList(matched)} match with different outputs, but hit policy ANY requires matching rules to agree`, {
        ruleIds: matched.map(({ id }) => id),
      });
    }
    return hits.slice(0, 1);
  },
  PRIORITY: (table, matched, hitOf) => byOutputPriority(table, matched.map(hitOf)).slice(0, 1),
  COLLECT: (_table, matched, hitOf) => matched.map(hitOf),
  'RULE ORDER': (_table, matched, hitOf) => matched.map(hitOf),
  'OUTPUT ORDER': (table, matched, hitOf) => byOutputPriority(table, matched.map(hitOf)),
};

/** Multiple-hit policies yield a list (or its aggregate); the others at most one result. */
export const isMultipleHit = (policy: HitPolicy): boolean => policy === 'COLLECT' || policy === 'RULE ORDER' || policy === 'OUTPUT ORDER';
