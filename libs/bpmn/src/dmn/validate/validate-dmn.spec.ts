import { loadDmn } from '../load-dmn.js';
import { inlineDecisionTable, inlineDmn, type TableSpec } from '../testing/inline-dmn.js';

/** One input, one output, one rule: every case below changes one thing about it. */
const TABLE: TableSpec = { inputs: ['amount'], outputs: ['tier'], rules: [['< 1000', '"small"']] };
const table = (changes: Partial<TableSpec>) => inlineDecisionTable({ ...TABLE, ...changes });

const problemsOf = async (xml: string) => (await loadDmn(xml)).problems.map(({ elementId, rule, severity }) => ({ elementId, rule, severity }));
const messagesOf = async (xml: string) => (await loadDmn(xml)).problems.map(({ message }) => message);

describe('validateDmn', () => {
  it('accepts a decision table without problems', async () => {
    expect(await problemsOf(table({}))).toEqual([]);
  });

  it.each([
    ['UNIQUE', ''],
    ['FIRST', ''],
    ['ANY', ''],
    ['RULE ORDER', ''],
    ['COLLECT', ''],
    ['COLLECT', 'aggregation="SUM"'],
    ['COLLECT', 'aggregation="MIN"'],
    ['COLLECT', 'aggregation="MAX"'],
    ['COLLECT', 'aggregation="COUNT"'],
  ])('accepts hit policy %s %s', async (policy, aggregation) => {
    // given a table with the hit policy; when validated; then nothing is reported
    expect(await problemsOf(table({ attributes: `hitPolicy="${policy}" ${aggregation}` }))).toEqual([]);
  });

  it.each(['PRIORITY', 'OUTPUT ORDER'])('accepts hit policy %s with output values to rank by', async (policy) => {
    // given a ranked table whose output lists its values
    const xml = table({ attributes: `hitPolicy="${policy}"`, outputs: [{ name: 'tier', values: '"large","small"' }] });
    // when validated; then nothing is reported
    expect(await problemsOf(xml)).toEqual([]);
  });

  it('accepts input data and knowledge sources, which only document the decision', async () => {
    // given a decision drawn with its input data and a knowledge source
    const xml = inlineDmn(`
      <decision id="d" name="Tier">
        <informationRequirement id="ir"><requiredInput href="#amountInput" /></informationRequirement>
        <authorityRequirement id="ar"><requiredAuthority href="#policy" /></authorityRequirement>
        <decisionTable id="t"><input id="i1"><inputExpression id="ie1"><text>amount</text></inputExpression></input><output id="o1" name="tier" />
          <rule id="r1"><inputEntry><text>-</text></inputEntry><outputEntry><text>"small"</text></outputEntry></rule></decisionTable>
      </decision>
      <inputData id="amountInput" name="amount" />
      <knowledgeSource id="policy" name="Service policy" />`);
    // when validated; then nothing is reported
    expect(await problemsOf(xml)).toEqual([]);
  });

  it.each([
    ['an unknown hit policy', table({ attributes: 'hitPolicy="SOMETIMES"' }), { elementId: 'd', rule: 'hit-policy', severity: 'error' }],
    ['an unknown aggregation', table({ attributes: 'hitPolicy="COLLECT" aggregation="AVERAGE"' }), { elementId: 'd', rule: 'hit-policy', severity: 'error' }],
    ['an aggregation without COLLECT', table({ attributes: 'hitPolicy="RULE ORDER" aggregation="SUM"' }), { elementId: 'd', rule: 'hit-policy', severity: 'error' }],
    [
      'an aggregation over two outputs',
      table({ attributes: 'hitPolicy="COLLECT" aggregation="SUM"', outputs: ['a', 'b'], rules: [['-', '1', '2']] }),
      { elementId: 'd', rule: 'hit-policy', severity: 'error' },
    ],
    ['PRIORITY without output values', table({ attributes: 'hitPolicy="PRIORITY"' }), { elementId: 'd', rule: 'output-priority', severity: 'error' }],
    [
      'OUTPUT ORDER with output values that are not literals',
      table({ attributes: 'hitPolicy="OUTPUT ORDER"', outputs: [{ name: 'tier', values: '< 5' }] }),
      { elementId: 'o1', rule: 'output-priority', severity: 'error' },
    ],
    ['a table without outputs', table({ outputs: [], rules: [['< 1000']] }), { elementId: 'd', rule: 'output-clause', severity: 'error' }],
    ['an unnamed output among several', table({ outputs: ['tier', ''], rules: [['-', '1', '2']] }), { elementId: 'o2', rule: 'output-clause', severity: 'error' }],
    ['a repeated output name', table({ outputs: ['tier', 'tier'], rules: [['-', '1', '2']] }), { elementId: 'o2', rule: 'output-clause', severity: 'error' }],
    ['an input without an expression', table({ inputs: [' '] }), { elementId: 'i1', rule: 'input-clause', severity: 'error' }],
    ['a rule missing an input entry', table({ inputs: ['amount', 'tier'] }), { elementId: 'r1', rule: 'rule-entries', severity: 'error' }],
    ['a rule with an extra output entry', table({ rules: [['-', '"a"', '"b"']] }), { elementId: 'r1', rule: 'rule-entries', severity: 'error' }],
    ['a table without rules', table({ rules: [] }), { elementId: 'd', rule: 'rule-entries', severity: 'warning' }],
    ['a FEEL error in an input expression', table({ inputs: ['amount +'] }), { elementId: 'i1', rule: 'feel-syntax', severity: 'error' }],
    ['a FEEL error in an input entry', table({ rules: [['[1..', '"small"']] }), { elementId: 'r1', rule: 'feel-syntax', severity: 'error' }],
    ['a FEEL error in an output entry', table({ rules: [['-', '"small']] }), { elementId: 'r1', rule: 'feel-syntax', severity: 'error' }],
    ['a FEEL error in output values', table({ outputs: [{ name: 'tier', values: '"a",' }] }), { elementId: 'o1', rule: 'feel-syntax', severity: 'error' }],
    [
      'a decision whose logic is a literal expression',
      inlineDmn('<decision id="d"><literalExpression id="le"><text>amount * 2</text></literalExpression></decision>'),
      { elementId: 'd', rule: 'supported-element', severity: 'error' },
    ],
    ['a decision without logic', inlineDmn('<decision id="d" name="Empty" />'), { elementId: 'd', rule: 'supported-element', severity: 'error' }],
    ['a business knowledge model', inlineDmn('<businessKnowledgeModel id="bkm" name="Fee schedule" />'), { elementId: 'bkm', rule: 'supported-element', severity: 'error' }],
    [
      'a decision without an id',
      inlineDmn('<decision name="Nameless"><decisionTable><output name="x" /><rule><outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>'),
      { elementId: null, rule: 'decision-id', severity: 'error' },
    ],
    [
      'an input expression in JUEL',
      inlineDecisionTable({ ...TABLE, inputs: ['amount'] }).replace('<inputExpression id="i1-expression"', '<inputExpression id="i1-expression" expressionLanguage="juel"'),
      { elementId: 'i1', rule: 'expression-language', severity: 'error' },
    ],
    [
      'a document whose expression language is JavaScript',
      inlineDecisionTable(TABLE).replace('<definitions ', '<definitions expressionLanguage="javascript" '),
      { elementId: 'defs', rule: 'expression-language', severity: 'error' },
    ],
  ])('reports %s', async (_case, xml, expected) => {
    // given a model with one flaw; when validated; then exactly that flaw is reported
    expect(await problemsOf(xml)).toEqual([expected]);
  });

  it('reports a decision that requires another decision, naming both', async () => {
    // given a decision requiring another one (a decision requirement graph)
    const xml = inlineDmn(`
      <decision id="discount"><decisionTable id="t1"><output id="o1" name="discount" /><rule id="r1"><outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>
      <decision id="price"><informationRequirement id="ir"><requiredDecision href="#discount" /></informationRequirement>
        <decisionTable id="t2"><output id="o2" name="price" /><rule id="r2"><outputEntry><text>discount</text></outputEntry></rule></decisionTable></decision>`);
    // when validated
    const { problems } = await loadDmn(xml);
    // then the requiring decision is refused with the required one in the message
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'price', rule: 'supported-element', severity: 'error', message: expect.stringMatching(/requires decision 'discount'/) }),
    ]);
  });

  it('names the rule, the column and the position of a FEEL error in an input entry', async () => {
    // given a labeled input and a broken entry in the second rule
    const xml = table({
      inputs: [{ label: 'Amount', expression: 'amount' }],
      rules: [
        ['< 1000', '"small"'],
        ['> 3 and', '"large"'],
      ],
    });
    // when validated; then the message says where to look
    expect(await messagesOf(xml)).toEqual([
      `The input entry of rule 'r2' for input 'Amount' (i1) of decision 'Decision' (d) is not valid FEEL: syntax error at character 8 of "> 3 and".`,
    ]);
  });

  it('gives a rule without an id a stable name built from its decision and position', async () => {
    // given a rule the model left without an id, with a broken output entry
    const xml = inlineDmn('<decision id="d"><decisionTable id="t"><output id="o1" name="x" /><rule><outputEntry><text>1 +</text></outputEntry></rule></decisionTable></decision>');
    // when validated; then the problem names it by position
    expect(await problemsOf(xml)).toEqual([{ elementId: 'd.rule-1', rule: 'feel-syntax', severity: 'error' }]);
  });
});
