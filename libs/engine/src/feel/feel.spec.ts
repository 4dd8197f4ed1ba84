import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
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

describe('evaluateFeel: what an expression can reach and how long it may run', () => {
  it.each([
    'process',
    'globalThis',
    'this',
    'require',
    'constructor',
    'customer.constructor',
    'customer.__proto__',
    'customer.toString',
    '"text".constructor',
    'get value(customer, "constructor")',
  ])('gives %s nothing but null: only the variables exist', (expression) => {
    // given the instance variables
    const variables = { customer: { name: 'Ann' } };
    // when an expression reaches for what lies behind them, then it finds nothing
    expect(evaluateFeel(expression, variables, 'f1')).toBeNull();
  });

  it('fails the Function-constructor trick as a call of nothing, with EXPRESSION_FAILED', () => {
    // when an expression tries to build a JavaScript function from a string and call it
    const evaluation = () => evaluateFeel('customer.constructor.constructor("return process")()', { customer: {} }, 'f1');
    // then there is no function to call
    expect(evaluation).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'f1' }));
  });

  it('keeps a context entry named __proto__ from touching any prototype', () => {
    // given variables whose names are prototype keys, as a JSON body can carry them
    const variables = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"polluted": true}}') as Record<string, unknown>;
    // when expressions read them and build contexts with such keys
    const results = [
      evaluateFeel('__proto__.polluted', variables, 'f1'),
      evaluateFeel('context put({}, ["__proto__", "polluted"], true)', variables, 'f1'),
      evaluateFeel('{__proto__: {polluted: true}}', variables, 'f1'),
    ];
    // then the variables are read as data, and no object prototype was changed
    expect(results[0]).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses a runaway expression before evaluating it, naming the element', () => {
    // when a script loops a hundred million times
    const evaluation = () => evaluateFeel('= for x in 1..100000000 return x', {}, 'compute');
    // then it is refused as too costly, with the element and the limits
    expect(evaluation).toThrow(domainError(ENGINE_ERRORS.expressionTooCostly, { elementId: 'compute', expression: 'for x in 1..100000000 return x' }));
    expect(evaluation).toThrow(/'compute' is too costly to evaluate: .* would iterate more than 100000 times/);
  });

  it('measures a loop against the variables it runs on', () => {
    // given a loop bounded by a variable
    const expression = 'count(for i in 1..n return i)';
    // when n is small, and when it is a billion
    const small = evaluateFeel(expression, { n: 3 }, 'f1');
    const huge = () => evaluateFeel(expression, { n: 1e9 }, 'f1');
    // then the small one runs and the huge one is refused
    expect(small).toBe(3);
    expect(huge).toThrow(domainError(ENGINE_ERRORS.expressionTooCostly));
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
