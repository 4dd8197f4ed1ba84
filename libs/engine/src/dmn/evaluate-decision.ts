import { matchesAnything, type DecisionRule, type DecisionTable, type InputClause, type OutputClause } from '#bpmn';
import type { Variables } from '../model/state.js';
import { aggregate } from './aggregation.js';
import { decisionFailed } from './decision-errors.js';
import { describeEntry, evaluateExpression, testInputEntry, type EntryLocation } from './feel-evaluation.js';
import type { Hit } from './hit.js';
import { HIT_SELECTIONS, isMultipleHit } from './hit-policy.js';
import { toVariableValue } from './output-value.js';

export interface DecisionResult {
  decisionId: string;
  /** Rules whose input entries all matched, in rule order. */
  matchedRuleIds: string[];
  /** The matched rules the hit policy put into the output (DMN: the hits), in output order. */
  hitRuleIds: string[];
  /**
   * One output: its value; several: a context keyed by output name. Single-hit policies yield one
   * of these or null when no rule matched; COLLECT, RULE ORDER and OUTPUT ORDER a list of them,
   * or with an aggregation its number. Plain JSON, ready to become process variables.
   */
  output: unknown;
}

const column = (kind: 'input' | 'output', clause: InputClause | OutputClause): string => `${kind} '${'label' in clause ? clause.label : clause.name}' (${clause.id})`;

/**
 * Evaluates a decision table against the variables with the semantics of DMN 1.3: input
 * expressions once, each rule's input entries as unary tests on the input values, then the hit
 * policy over the matching rules. Fails with DECISION_FAILED naming the decision and the rule or
 * entry when FEEL fails or the hit policy is violated.
 */
export function evaluateDecision(table: DecisionTable, variables: Variables): DecisionResult {
  const inputValues = table.inputs.map((input) =>
    evaluateExpression(input.expression, variables, {
      table,
      kind: 'input expression',
      place: `of ${column('input', input)}`,
      details: { inputId: input.id },
    }),
  );
  const matched = table.rules.filter((rule) => matches(table, rule, inputValues, variables));
  const hits = HIT_SELECTIONS[table.hitPolicy](table, matched, (rule) => hitOf(table, rule, variables));
  return {
    decisionId: table.id,
    matchedRuleIds: matched.map(({ id }) => id),
    hitRuleIds: hits.map(({ ruleId }) => ruleId),
    output: outputOf(table, hits),
  };
}

function matches(table: DecisionTable, rule: DecisionRule, inputValues: unknown[], variables: Variables): boolean {
  return table.inputs.every((input, index) => {
    const entry = rule.inputEntries[index] ?? '';
    return (
      matchesAnything(entry) ||
      testInputEntry(entry, inputValues[index], variables, {
        table,
        kind: 'input entry',
        place: `of rule '${rule.id}' for ${column('input', input)}`,
        details: { ruleId: rule.id, inputId: input.id },
      })
    );
  });
}

function hitOf(table: DecisionTable, rule: DecisionRule, variables: Variables): Hit {
  const outputs = table.outputs.map((output, index) => {
    const entry = rule.outputEntries[index] ?? '';
    const where: EntryLocation = {
      table,
      kind: 'output entry',
      place: `of rule '${rule.id}' for ${column('output', output)}`,
      details: { ruleId: rule.id, outputId: output.id },
    };
    // An empty output entry yields null, as in Camunda.
    const value = entry.trim() === '' ? null : toVariableValue(evaluateExpression(entry, variables, where));
    if (value === undefined) {
      throw decisionFailed(table, `${describeEntry(entry, where)} yields a range or function, which no variable can hold`, {
        ...where.details,
        expression: entry,
      });
    }
    return [output.name, value] as const;
  });
  return { ruleId: rule.id, outputs: Object.fromEntries(outputs) };
}

function outputOf(table: DecisionTable, hits: readonly Hit[]): unknown {
  const shape = (hit: Hit): unknown => (table.outputs.length === 1 ? hit.outputs[table.outputs[0]?.name ?? ''] : hit.outputs);
  if (!isMultipleHit(table.hitPolicy)) return hits[0] ? shape(hits[0]) : null;
  return table.hitPolicy === 'COLLECT' && table.aggregation ? aggregate(table, table.aggregation, hits) : hits.map(shape);
}
