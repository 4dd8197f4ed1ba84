import { describe, expect, it } from '@jest/globals';
import { FEEL_LIMITS, feelCostProblem } from './feel-cost.js';

describe('feelCostProblem', () => {
  it.each([
    ['amount > 100 and customer.tier = "gold"', {}],
    ['for x in 1..100 return x * 2', {}],
    ['sum(for i in 1..count(items) return items[i].price)', { items: [{ price: 1 }, { price: 2 }] }],
    ['for order in orders return sum(for line in order.lines return line.amount)', { orders: [{ lines: [{ amount: 1 }] }] }],
    ['some x in [1, 2, 3] satisfies x > 2', {}],
    ['for x in 1..n return x', { n: FEEL_LIMITS.iterations }],
    ['{name: customer.name, tier: "gold"}', { customer: { name: 'Ann' } }],
  ])('lets through "%s", whose cost is bounded', (expression, variables) => {
    // when the expression is measured against its variables, then nothing is wrong with it
    expect(feelCostProblem(expression, variables)).toBeUndefined();
  });

  it.each([
    ['for x in 1..100000000 return x', {}, 'would iterate more than 100000 times'],
    ['count(for x in 1..1000, y in 1..1000 return 1)', {}, 'would iterate more than 100000 times'],
    ['for x in 1..1000 return for y in 1..1000 return x', {}, 'would iterate more than 100000 times'],
    ['some x in 1..n satisfies x < 0', { n: 1e9 }, 'would iterate more than 100000 times'],
    ['string join(for x in 1..100000000 return "aaaaaaaaaa")', {}, 'would iterate more than 100000 times'],
    ['for x in 1..(count(for y in 1..1000000000 return y)) return x', {}, 'would iterate more than 100000 times'],
    ['for a in xs, b in xs, c in xs return 1', { xs: Array.from({ length: 100 }, (_, i) => i) }, 'would iterate more than 100000 times'],
    ['for x in 1..10, y in 1..x return y', {}, 'are not numbers known before evaluation'],
    ['for x in 1..limit return x', { limit: 'all' }, 'are not numbers known before evaluation'],
    ['{f: function(n) if n = 0 then 1 else f(n - 1) + f(n - 1)}.f(30)', {}, 'defines a function'],
    ['{a: s, b: a + a, c: b + b}.c', { s: 'x' }, 'reads an earlier entry of the same context'],
    [`${'('.repeat(150)}1${')'.repeat(150)}`, {}, 'nests'],
    [`1${' + 1'.repeat(5_000)}`, {}, 'characters long'],
  ])('refuses expression %# before evaluating it', (expression, variables, reason) => {
    // when the runaway expression is measured
    const problem = feelCostProblem(expression, variables);
    // then the reason says what is too costly
    expect(problem).toContain(reason);
  });

  it('measures DMN input entries as unary tests', () => {
    // when a plain entry and an entry that loops are measured
    const plain = feelCostProblem('< 10, [20..30]', {}, true);
    const looping = feelCostProblem('count(for x in 1..100000000 return x) > 1', {}, true);
    // then only the loop is refused
    expect(plain).toBeUndefined();
    expect(looping).toContain('would iterate');
  });
});
