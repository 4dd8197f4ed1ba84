import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { DECISION_ERRORS } from './decision-errors.js';
import { evaluateDecision } from './evaluate-decision.js';
import { decisionTable } from './testing/decision-table.js';

/** A one-input table whose single rule has the entry under test. */
const entryTable = (entry: string) => decisionTable({ inputs: ['x'], outputs: ['matched'], rules: [[entry, 'true']] });

describe('evaluateDecision: input entries', () => {
  it.each([
    ['< 1000', 500, true],
    ['< 1000', 1000, false],
    ['[1..5]', 1, true],
    ['[1..5]', 5, true],
    ['[1..5]', 6, false],
    ['"gold","silver"', 'silver', true],
    ['"gold","silver"', 'bronze', false],
    ['not("x")', 'y', true],
    ['not("x")', 'x', false],
    ['-', 'anything', true],
    ['-', null, true],
    ['', 42, true],
    ['? > 3', 4, true],
    ['null', null, true],
    ['null, <= 3000', 2500, true],
    ['< 1000', null, false],
    ['< 1000', 'text', false],
  ])('entry %j with the input %j matches: %s', (entry, x, expected) => {
    // given a rule with the entry; when evaluated with the input value
    const result = evaluateDecision(entryTable(entry), { x });
    // then the rule matches or not
    expect(result.matchedRuleIds).toEqual(expected ? ['r1'] : []);
  });

  it('binds the variables in entries, besides the input value', () => {
    // given an entry comparing the input with another variable
    const sut = entryTable('< limit');
    // when evaluated below and above the limit
    const results = [evaluateDecision(sut, { x: 5, limit: 10 }), evaluateDecision(sut, { x: 15, limit: 10 })];
    // then only the first matches
    expect(results.map(({ matchedRuleIds }) => matchedRuleIds)).toEqual([['r1'], []]);
  });

  it('evaluates input expressions over the variables, a missing variable being null', () => {
    // given an input that reads a path and a table whose only rule needs a null tier
    const sut = decisionTable({
      inputs: ['customer.tier', 'amount * 2'],
      outputs: ['route'],
      rules: [
        ['"gold"', '> 100', '"vip"'],
        ['null', '-', '"unknown"'],
      ],
    });
    // when evaluated with and without the customer
    const results = [evaluateDecision(sut, { customer: { tier: 'gold' }, amount: 60 }).output, evaluateDecision(sut, { amount: 60 }).output];
    // then the path and the arithmetic are FEEL, and missing data is null rather than an error
    expect(results).toEqual(['vip', 'unknown']);
  });
});

describe('evaluateDecision: outputs', () => {
  it('yields the single output as a value and null when no rule matches', () => {
    // given a one-output table
    const sut = decisionTable({ inputs: ['amount'], outputs: ['tier'], rules: [['< 1000', '"small"']] });
    // when evaluated with a match and without
    const results = [evaluateDecision(sut, { amount: 10 }), evaluateDecision(sut, { amount: 5000 })];
    // then
    expect(results).toEqual([
      { decisionId: 'd', matchedRuleIds: ['r1'], hitRuleIds: ['r1'], output: 'small' },
      { decisionId: 'd', matchedRuleIds: [], hitRuleIds: [], output: null },
    ]);
  });

  it('yields several outputs as a context keyed by output name, an empty cell being null', () => {
    // given two outputs, the second computed from the variables, and a rule with an empty cell
    const sut = decisionTable({
      inputs: ['amount'],
      outputs: ['queue', 'fee'],
      rules: [
        ['> 1000', '"second-line"', 'amount * 0.01'],
        ['<= 1000', '"first-line"', ''],
      ],
    });
    // when evaluated on both rules
    const outputs = [evaluateDecision(sut, { amount: 2000 }).output, evaluateDecision(sut, { amount: 10 }).output];
    // then
    expect(outputs).toEqual([
      { queue: 'second-line', fee: 20 },
      { queue: 'first-line', fee: null },
    ]);
  });

  it('turns FEEL dates and durations into their ISO text, as variables store them', () => {
    // given outputs that are a date, a duration and a context holding a date
    const sut = decisionTable({
      inputs: [],
      outputs: ['followUpOn', 'dueIn', 'plan'],
      rules: [['date("2026-03-01") + duration("P3D")', 'duration("PT4H")', '{ call: date("2026-03-02"), steps: [1, 2] }']],
    });
    // when evaluated
    const { output } = evaluateDecision(sut, {});
    // then everything is plain JSON
    expect(output).toEqual({ followUpOn: '2026-03-04', dueIn: 'PT4H', plan: { call: '2026-03-02', steps: [1, 2] } });
  });
});

describe('evaluateDecision: hit policies', () => {
  /** Three overlapping rules on the amount: r1 (any amount), r2 (> 100), r3 (> 1000). */
  const overlapping = (hitPolicy: 'FIRST' | 'COLLECT') =>
    decisionTable({
      hitPolicy,
      inputs: ['amount'],
      outputs: ['level'],
      rules: [
        ['-', '"low"'],
        ['> 100', '"medium"'],
        ['> 1000', '"high"'],
      ],
    });

  it('UNIQUE fails naming the decision and the rules when two rules match', () => {
    // given a unique table with overlapping rules
    const sut = decisionTable({
      inputs: ['amount'],
      outputs: ['level'],
      rules: [
        ['> 100', '"medium"'],
        ['> 1000', '"high"'],
      ],
    });
    // when evaluated where they overlap
    const evaluation = () => evaluateDecision(sut, { amount: 5000 });
    // then
    expect(evaluation).toThrow(domainError(DECISION_ERRORS.decisionFailed, { decisionId: 'd', ruleIds: ['r1', 'r2'] }));
    expect(evaluation).toThrow("Decision 'Decision' (d) failed: rules 'r1', 'r2' all match, but hit policy UNIQUE allows at most one.");
  });

  it('FIRST takes the first matching rule in rule order', () => {
    // when a FIRST table is evaluated where all three rules match
    const result = evaluateDecision(overlapping('FIRST'), { amount: 5000 });
    // then the first rule decides, and all three are reported as matched
    expect(result).toEqual({ decisionId: 'd', matchedRuleIds: ['r1', 'r2', 'r3'], hitRuleIds: ['r1'], output: 'low' });
  });

  it('PRIORITY takes the matching rule whose output ranks highest in the output values', () => {
    // given rules in an order unlike the priorities "high" > "medium" > "low"
    const sut = decisionTable({
      hitPolicy: 'PRIORITY',
      inputs: ['amount'],
      outputs: [{ name: 'level', values: ['high', 'medium', 'low'] }],
      rules: [
        ['-', '"low"'],
        ['> 1000', '"high"'],
        ['> 100', '"medium"'],
      ],
    });
    // when evaluated for two amounts
    const results = [evaluateDecision(sut, { amount: 5000 }), evaluateDecision(sut, { amount: 500 })];
    // then the highest-ranked output among the matches wins
    expect(results.map(({ hitRuleIds, output }) => ({ hitRuleIds, output }))).toEqual([
      { hitRuleIds: ['r2'], output: 'high' },
      { hitRuleIds: ['r3'], output: 'medium' },
    ]);
  });

  it('PRIORITY ranks compound outputs output by output', () => {
    // given two ranked outputs where the first ties and the second decides
    const sut = decisionTable({
      hitPolicy: 'PRIORITY',
      inputs: ['x'],
      outputs: [{ name: 'queue', values: ['experts', 'first-line'] }, { name: 'priority', values: [1, 2, 3] }, 'note'],
      rules: [
        ['-', '"first-line"', '1', '"a"'],
        ['-', '"experts"', '3', '"b"'],
        ['-', '"experts"', '2', '"c"'],
      ],
    });
    // when evaluated; then "experts" beats "first-line", and priority 2 beats 3 among the experts
    expect(evaluateDecision(sut, { x: 1 }).output).toEqual({ queue: 'experts', priority: 2, note: 'c' });
  });

  it('PRIORITY fails naming the rule when an output value is not in its list', () => {
    // given a rule yielding a value the list does not rank
    const sut = decisionTable({ hitPolicy: 'PRIORITY', inputs: ['x'], outputs: [{ name: 'level', values: ['high', 'low'] }], rules: [['-', '"medium"']] });
    // when evaluated; then
    expect(() => evaluateDecision(sut, { x: 1 })).toThrow(domainError(DECISION_ERRORS.decisionFailed, { ruleId: 'r1', outputId: 'o1' }));
  });

  it('ANY accepts several matching rules that agree', () => {
    // given two rules with the same output
    const sut = decisionTable({
      hitPolicy: 'ANY',
      inputs: ['amount'],
      outputs: ['approve'],
      rules: [
        ['> 100', 'false'],
        ['< 0', 'false'],
        ['[0..100]', 'true'],
      ],
    });
    // when evaluated on a negative amount and a large one
    const results = [evaluateDecision(sut, { amount: -5 }), evaluateDecision(sut, { amount: 500 })];
    // then each yields the shared output
    expect(results.map(({ hitRuleIds, output }) => ({ hitRuleIds, output }))).toEqual([
      { hitRuleIds: ['r2'], output: false },
      { hitRuleIds: ['r1'], output: false },
    ]);
  });

  it('ANY fails naming the rules when matching rules disagree', () => {
    // given two overlapping rules with different outputs
    const sut = decisionTable({
      hitPolicy: 'ANY',
      inputs: ['amount'],
      outputs: ['approve'],
      rules: [
        ['> 100', 'false'],
        ['> 50', 'true'],
      ],
    });
    // when evaluated where they overlap; then
    expect(() => evaluateDecision(sut, { amount: 500 })).toThrow(domainError(DECISION_ERRORS.decisionFailed, { ruleIds: ['r1', 'r2'] }));
  });

  it('COLLECT yields the outputs of all matching rules, in rule order', () => {
    // when a COLLECT table is evaluated for an amount two rules hold for, and for no amount, which only '-' holds for
    const results = [evaluateDecision(overlapping('COLLECT'), { amount: 500 }), evaluateDecision(overlapping('COLLECT'), { amount: null })];
    // then the outputs of the matching rules, as a list
    expect(results.map(({ hitRuleIds, output }) => ({ hitRuleIds, output }))).toEqual([
      { hitRuleIds: ['r1', 'r2'], output: ['low', 'medium'] },
      { hitRuleIds: ['r1'], output: ['low'] },
    ]);
  });

  it('COLLECT yields an empty list when no rule matches', () => {
    // given a COLLECT table none of whose rules holds
    const sut = decisionTable({ hitPolicy: 'COLLECT', inputs: ['amount'], outputs: ['level'], rules: [['> 100', '"high"']] });
    // when evaluated; then
    expect(evaluateDecision(sut, { amount: 1 }).output).toEqual([]);
  });

  it('RULE ORDER yields the outputs of all matching rules in rule order, as contexts for several outputs', () => {
    // given a RULE ORDER table with two outputs
    const sut = decisionTable({
      hitPolicy: 'RULE ORDER',
      inputs: ['amount'],
      outputs: ['check', 'team'],
      rules: [
        ['> 1000', '"fraud"', '"risk"'],
        ['-', '"identity"', '"first-line"'],
        ['> 100', '"approval"', '"second-line"'],
      ],
    });
    // when evaluated where all match
    const result = evaluateDecision(sut, { amount: 5000 });
    // then
    expect(result.output).toEqual([
      { check: 'fraud', team: 'risk' },
      { check: 'identity', team: 'first-line' },
      { check: 'approval', team: 'second-line' },
    ]);
  });

  it('OUTPUT ORDER yields the outputs of all matching rules by decreasing priority', () => {
    // given rules whose order differs from the output priority
    const sut = decisionTable({
      hitPolicy: 'OUTPUT ORDER',
      inputs: ['amount'],
      outputs: [{ name: 'level', values: ['high', 'medium', 'low'] }],
      rules: [
        ['-', '"low"'],
        ['> 1000', '"high"'],
        ['> 100', '"medium"'],
      ],
    });
    // when evaluated where all match
    const result = evaluateDecision(sut, { amount: 5000 });
    // then the list is in priority order
    expect({ hitRuleIds: result.hitRuleIds, output: result.output }).toEqual({ hitRuleIds: ['r2', 'r3', 'r1'], output: ['high', 'medium', 'low'] });
  });
});

describe('evaluateDecision: COLLECT aggregations', () => {
  /** Fees per matching rule: 10 always, 5 above 100, an empty cell above 1000, 20 above 5000. */
  const fees = (aggregation: 'SUM' | 'MIN' | 'MAX' | 'COUNT') =>
    decisionTable({
      hitPolicy: 'COLLECT',
      aggregation,
      inputs: ['amount'],
      outputs: ['fee'],
      rules: [
        ['-', '10'],
        ['> 100', '5'],
        ['> 1000', ''],
        ['> 5000', '20'],
      ],
    });

  it.each([
    ['SUM', 35],
    ['MIN', 5],
    ['MAX', 20],
    ['COUNT', 3],
  ] as const)('%s aggregates the outputs of the matching rules, leaving out empty cells', (aggregation, expected) => {
    // when evaluated where all four rules match (one of them with an empty fee)
    const result = evaluateDecision(fees(aggregation), { amount: 9000 });
    // then
    expect(result).toEqual({ decisionId: 'd', matchedRuleIds: ['r1', 'r2', 'r3', 'r4'], hitRuleIds: ['r1', 'r2', 'r3', 'r4'], output: expected });
  });

  it.each([
    ['SUM', null],
    ['MIN', null],
    ['MAX', null],
    ['COUNT', 0],
  ] as const)('%s of no matching rule is %s', (aggregation, expected) => {
    // given a table none of whose rules holds
    const sut = decisionTable({ hitPolicy: 'COLLECT', aggregation, inputs: ['amount'], outputs: ['fee'], rules: [['> 100', '5']] });
    // when evaluated; then
    expect(evaluateDecision(sut, { amount: 1 }).output).toBe(expected);
  });

  it('fails naming the rule when SUM meets an output that is not a number', () => {
    // given a rule whose fee is text
    const sut = decisionTable({
      hitPolicy: 'COLLECT',
      aggregation: 'SUM',
      inputs: ['amount'],
      outputs: ['fee'],
      rules: [
        ['-', '1'],
        ['-', '"free"'],
      ],
    });
    // when evaluated; then
    expect(() => evaluateDecision(sut, { amount: 1 })).toThrow(domainError(DECISION_ERRORS.decisionFailed, { ruleId: 'r2', outputId: 'o1' }));
  });
});

describe('evaluateDecision: FEEL failures', () => {
  it('fails naming the input when its expression does not parse', () => {
    // given an input expression with a syntax error (deploy validation would have refused it)
    const sut = decisionTable({ inputs: ['amount +'], outputs: ['x'], rules: [['-', '1']] });
    // when evaluated; then
    expect(() => evaluateDecision(sut, { amount: 1 })).toThrow(domainError(DECISION_ERRORS.decisionFailed, { decisionId: 'd', inputId: 'i1', expression: 'amount +' }));
  });

  it('fails naming the input when its expression fails for other reasons than missing data', () => {
    // given an input adding a number to text
    const sut = decisionTable({ inputs: ['amount + "x"'], outputs: ['x'], rules: [['-', '1']] });
    // when evaluated; then the message says what failed
    expect(() => evaluateDecision(sut, { amount: 1 })).toThrow(
      `Decision 'Decision' (d) failed: the input expression "amount + "x"" of input 'amount + "x"' (i1) failed: Can't add '"x"' to '1'.`,
    );
  });

  it('fails naming the rule and the input when an input entry fails', () => {
    // given an entry calling a function that does not exist
    const sut = decisionTable({
      inputs: ['amount'],
      outputs: ['x'],
      rules: [
        ['< 5', '1'],
        ['missing(?)', '2'],
      ],
    });
    // when evaluated where the first rule does not match; then
    expect(() => evaluateDecision(sut, { amount: 10 })).toThrow(domainError(DECISION_ERRORS.decisionFailed, { ruleId: 'r2', inputId: 'i1', expression: 'missing(?)' }));
  });

  it('fails naming the rule and the output when an output entry fails', () => {
    // given an output entry with a type error
    const sut = decisionTable({ inputs: ['amount'], outputs: ['fee'], rules: [['-', 'amount * "x"']] });
    // when evaluated; then
    expect(() => evaluateDecision(sut, { amount: 10 })).toThrow(domainError(DECISION_ERRORS.decisionFailed, { ruleId: 'r1', outputId: 'o1' }));
  });

  it('fails naming the rule when an output is a range, which no variable can hold', () => {
    // given an output entry that yields a range
    const sut = decisionTable({ inputs: [], outputs: ['band'], rules: [['[1..5]']] });
    // when evaluated; then
    expect(() => evaluateDecision(sut, {})).toThrow(domainError(DECISION_ERRORS.decisionFailed, { ruleId: 'r1', outputId: 'o1' }));
  });
});

describe('evaluateDecision: runaway entries', () => {
  it('refuses an input entry that would loop past the limit, naming the rule, before evaluating it', () => {
    // given a rule whose entry loops a hundred million times
    const sut = entryTable('count(for i in 1..100000000 return i) > ?');
    // when the decision is evaluated, then it is refused as too costly, naming the decision and rule
    expect(() => evaluateDecision(sut, { x: 1 })).toThrow(domainError(ENGINE_ERRORS.expressionTooCostly, { decisionId: 'd', ruleId: 'r1' }));
  });
});
