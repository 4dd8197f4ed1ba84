import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model.js';
import { domainError } from '../testing/domain-error.js';
import { evaluateFeel, feelDuration, feelText } from './feel.js';

describe('evaluateFeel', () => {
  it('evaluates against the variables, with or without the leading =', () => {
    // given
    const variables = { amount: 120, customer: { tier: 'gold' } };

    // when
    const results = [evaluateFeel('amount > 100', variables, 'f1'), evaluateFeel('= customer.tier', variables, 'f1')];

    // then
    expect(results).toEqual([true, 'gold']);
  });

  it('yields null for a missing variable', () => {
    expect(evaluateFeel('amount > 100', {}, 'f1')).toBeNull();
  });

  it('fails with EXPRESSION_FAILED naming the element on a syntax error', () => {
    // when
    const evaluation = () => evaluateFeel('amount >', { amount: 1 }, 'f1');

    // then
    expect(evaluation).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'f1', expression: 'amount >' }));
  });

  it('fails with EXPRESSION_FAILED when evaluation reports a problem other than missing data', () => {
    // when
    const evaluation = () => evaluateFeel('missing(1)', {}, 'f1');

    // then
    expect(evaluation).toThrow(domainError(ENGINE_ERRORS.expressionFailed));
  });
});

describe('feelText and feelDuration', () => {
  it('turn a FEEL duration or text into an ISO string and keep null unset', () => {
    // given
    const duration = evaluateFeel('duration("PT2H")', {}, 'task');

    // when
    const results = [feelDuration(duration, 'task', '=d'), feelText('ann', 'task', '=a'), feelText(null, 'task', '=a')];

    // then
    expect(results).toEqual(['PT2H', 'ann', undefined]);
  });

  it('reject a value of the wrong type with EXPRESSION_FAILED', () => {
    expect(() => feelText(42, 'task', '=n')).toThrow(domainError(ENGINE_ERRORS.expressionFailed));
    expect(() => feelDuration('soon', 'task', '=s')).toThrow(domainError(ENGINE_ERRORS.expressionFailed));
  });
});
