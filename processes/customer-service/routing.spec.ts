import { readFileSync } from 'node:fs';
import { loadDmn, type DecisionTable } from '#bpmn';
import { evaluateDecision } from '#engine';

const ROUTING_XML = readFileSync(new URL('./routing.dmn', import.meta.url), 'utf8');

const loadRouting = async (): Promise<DecisionTable> => {
  const { decisions, problems } = await loadDmn(ROUTING_XML);
  if (problems.length > 0 || decisions.length !== 1) throw new Error(`routing.dmn does not load: ${JSON.stringify(problems)}`);
  return decisions[0] as DecisionTable;
};

describe('the routing decision routing.dmn', () => {
  it('deploys without problems as the one UNIQUE decision routing', async () => {
    // given the sample routing table; when it is loaded
    const { decisions, problems } = await loadDmn(ROUTING_XML);
    // then it compiles to one decision with its three inputs and two outputs
    expect(problems).toEqual([]);
    expect(
      decisions.map(({ id, hitPolicy, inputs, outputs, rules }) => ({
        id,
        hitPolicy,
        inputs: inputs.map(({ expression }) => expression),
        outputs: outputs.map(({ name }) => name),
        rules: rules.length,
      })),
    ).toEqual([{ id: 'routing', hitPolicy: 'UNIQUE', inputs: ['category', 'customerTier', 'amount'], outputs: ['queue', 'priority'], rules: 9 }]);
  });

  it.each([
    ['an inquiry of a gold customer', { category: 'inquiry', customerTier: 'gold', amount: 0 }, 'Rule_InquiryGold', { queue: 'first-line', priority: 2 }],
    ['an inquiry of a standard customer', { category: 'inquiry', customerTier: 'standard', amount: 0 }, 'Rule_InquiryStandard', { queue: 'first-line', priority: 3 }],
    [
      'a transaction at the first-line authority',
      { category: 'transactional', customerTier: 'standard', amount: 3000 },
      'Rule_TransactionalWithinAuthority',
      { queue: 'first-line', priority: 3 },
    ],
    [
      'a gold transaction within the authority',
      { category: 'transactional', customerTier: 'gold', amount: 120 },
      'Rule_TransactionalWithinAuthority',
      { queue: 'first-line', priority: 2 },
    ],
    ['a transaction without an amount', { category: 'transactional', customerTier: 'standard' }, 'Rule_TransactionalWithinAuthority', { queue: 'first-line', priority: 3 }],
    [
      'a gold transaction above the authority',
      { category: 'transactional', customerTier: 'gold', amount: 3000.01 },
      'Rule_TransactionalGoldAboveAuthority',
      { queue: 'second-line', priority: 1 },
    ],
    [
      'a standard transaction above the authority',
      { category: 'transactional', customerTier: 'standard', amount: 5000 },
      'Rule_TransactionalStandardAboveAuthority',
      { queue: 'second-line', priority: 2 },
    ],
    ['a complaint of a gold customer', { category: 'complaint', customerTier: 'gold', amount: 10 }, 'Rule_ComplaintGold', { queue: 'experts', priority: 1 }],
    ['a standard complaint under 10,000', { category: 'complaint', customerTier: 'standard', amount: 9999 }, 'Rule_ComplaintStandard', { queue: 'second-line', priority: 2 }],
    ['a standard complaint from 10,000', { category: 'complaint', customerTier: 'standard', amount: 10000 }, 'Rule_ComplaintStandardLarge', { queue: 'experts', priority: 2 }],
    ['a complaint without an amount', { category: 'complaint', customerTier: 'standard', amount: null }, 'Rule_ComplaintStandard', { queue: 'second-line', priority: 2 }],
    ['a category the table does not know', { category: 'praise', customerTier: 'gold', amount: 0 }, 'Rule_UnknownCategory', { queue: 'first-line', priority: 3 }],
  ])('routes %s', async (_case, variables, ruleId, output) => {
    // given the routing table
    const sut = await loadRouting();
    // when the request is routed
    const result = evaluateDecision(sut, variables);
    // then one rule decides the queue and the priority
    expect(result).toEqual({ decisionId: 'routing', matchedRuleIds: [ruleId], hitRuleIds: [ruleId], output });
  });

  it('routes every combination of category, tier and amount by exactly one rule', async () => {
    // given the routing table and a grid over its inputs, edges of the amount bands included
    const sut = await loadRouting();
    const grid = ['inquiry', 'transactional', 'complaint', 'other'].flatMap((category) =>
      ['gold', 'standard'].flatMap((customerTier) => [0, 3000, 3000.01, 9999.99, 10000, 250000, null].map((amount) => ({ category, customerTier, amount }))),
    );
    // when each request is routed
    const notExactlyOne = grid.filter((variables) => evaluateDecision(sut, variables).matchedRuleIds.length !== 1);
    // then the UNIQUE table is complete (overlaps would have failed the evaluation)
    expect(notExactlyOne).toEqual([]);
  });
});
