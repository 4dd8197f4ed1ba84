import { describe, expect, it } from '@jest/globals';
import type { DecisionResultMapping } from '#bpmn';
import { camundaDecisionResult } from './camunda-result.js';
import { DECISION_ERRORS } from './decision-errors.js';
import { evaluateDecision } from './evaluate-decision.js';
import { decisionTable } from './testing/decision-table.js';

/** One output, rule order: every rule whose minimum the amount reaches hits. */
const approvers = decisionTable({
  hitPolicy: 'RULE ORDER',
  inputs: ['amount'],
  outputs: ['approver'],
  rules: [
    ['>= 0', '"clerk"'],
    ['>= 1000', '"manager"'],
  ],
});
/** Two outputs, unique. */
const routing = decisionTable({
  inputs: ['category'],
  outputs: ['queue', 'priority'],
  rules: [
    ['"complaint"', '"experts"', '1'],
    ['"inquiry"', '"first-line"', '3'],
  ],
});

const result = (table: typeof approvers, variables: Record<string, unknown>, mapping: DecisionResultMapping) =>
  camundaDecisionResult(table, evaluateDecision(table, variables).output, mapping);

describe("camundaDecisionResult: Camunda 7's camunda:mapDecisionResult", () => {
  it.each([
    ['resultList', approvers, { amount: 1500 }, [{ approver: 'clerk' }, { approver: 'manager' }]],
    ['resultList', routing, { category: 'complaint' }, [{ queue: 'experts', priority: 1 }]],
    ['resultList', routing, { category: 'other' }, []],
    ['collectEntries', approvers, { amount: 1500 }, ['clerk', 'manager']],
    ['singleResult', routing, { category: 'inquiry' }, { queue: 'first-line', priority: 3 }],
    ['singleResult', routing, { category: 'other' }, null],
    ['singleEntry', approvers, { amount: 10 }, 'clerk'],
    ['singleResult', approvers, { amount: 10 }, { approver: 'clerk' }],
  ] as const)('%s of %#: the shape Camunda 7 hands the task', (mapping, table, variables, expected) => {
    expect(result(table, variables, mapping)).toEqual(expected);
  });

  it.each([
    ['singleEntry', approvers, { amount: 1500 }, /wants at most one result, and 2 rules hit/],
    ['singleResult', approvers, { amount: 1500 }, /wants at most one result/],
    ['singleEntry', routing, { category: 'complaint' }, /wants one output, and the decision has 2/],
    ['collectEntries', routing, { category: 'complaint' }, /wants one output/],
  ] as const)('fails %s when the result does not fit (%#)', (mapping, table, variables, message) => {
    expect(() => result(table, variables, mapping)).toThrow(expect.objectContaining({ code: DECISION_ERRORS.decisionFailed, message: expect.stringMatching(message) }));
  });
});
