import { describe, expect, it } from '@jest/globals';
import { domainError } from '../testing/domain-error.js';
import { DECISION_ERRORS } from './decision-errors.js';
import { decisionLookupOf, requireDecision } from './decision-lookup.js';
import { decisionTable } from './testing/decision-table.js';

describe('decisionLookupOf and requireDecision', () => {
  const routing = { ...decisionTable({ inputs: ['category'], outputs: ['queue'], rules: [['-', '"first-line"']] }), id: 'routing' };

  it('finds a deployed decision by id', () => {
    // given the decisions of one deployment
    const sut = decisionLookupOf([routing]);
    // when a task asks for one; then it gets it
    expect(requireDecision(sut, 'routing', 'Task_Route')).toBe(routing);
  });

  it('fails with DECISION_NOT_FOUND naming the task and the decision id', () => {
    // given a deployment without the decision
    const sut = decisionLookupOf([routing]);
    // when a task asks for another; then
    expect(() => requireDecision(sut, 'pricing', 'Task_Price')).toThrow(domainError(DECISION_ERRORS.decisionNotFound, { elementId: 'Task_Price', decisionId: 'pricing' }));
  });
});
