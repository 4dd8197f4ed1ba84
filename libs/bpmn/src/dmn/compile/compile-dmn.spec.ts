import { loadDmn } from '../load-dmn.js';
import { inlineDecisionTable, inlineDmn } from '../testing/inline-dmn.js';
import { checkDecisionIds } from '../validate/unique-decision-id.js';

describe('loadDmn', () => {
  it('compiles a decision table to plain JSON', async () => {
    // given a COLLECT SUM table with labels, value lists, an empty cell and a '-'
    const xml = inlineDecisionTable({
      id: 'fees',
      name: 'Service fees',
      attributes: 'hitPolicy="COLLECT" aggregation="SUM"',
      inputs: [{ label: 'Customer tier', expression: 'customer.tier' }, 'amount'],
      outputs: [{ name: 'fee', values: '10, 5, 0' }],
      rules: [
        ['"gold","silver"', '-', '0'],
        ['', '> 1000', ' 10 '],
      ],
    });
    // when loaded
    const { decisions, problems } = await loadDmn(xml);
    // then the table is plain data in document order
    expect(problems).toEqual([]);
    expect(decisions).toEqual([
      {
        id: 'fees',
        name: 'Service fees',
        hitPolicy: 'COLLECT',
        aggregation: 'SUM',
        inputs: [
          { id: 'i1', label: 'Customer tier', expression: 'customer.tier' },
          { id: 'i2', label: 'amount', expression: 'amount' },
        ],
        outputs: [{ id: 'o1', name: 'fee', values: [10, 5, 0] }],
        rules: [
          { id: 'r1', inputEntries: ['"gold","silver"', '-'], outputEntries: ['0'] },
          { id: 'r2', inputEntries: ['', '> 1000'], outputEntries: ['10'] },
        ],
      },
    ]);
    expect(JSON.parse(JSON.stringify(decisions))).toEqual(decisions);
  });

  it('fills what the model leaves out: UNIQUE, type refs only when given, ids by position', async () => {
    // given a hand-written table without hit policy, ids or an output name
    const xml = inlineDmn(`
      <decision id="tier" name="Tier"><decisionTable>
        <input><inputExpression typeRef="number"><text>amount</text></inputExpression></input>
        <output typeRef="string" />
        <rule><inputEntry><text>&lt; 1000</text></inputEntry><outputEntry><text>"small"</text></outputEntry></rule>
      </decisionTable></decision>`);
    // when loaded
    const { decisions } = await loadDmn(xml);
    // then the compiled table is complete
    expect(decisions).toEqual([
      {
        id: 'tier',
        name: 'Tier',
        hitPolicy: 'UNIQUE',
        inputs: [{ id: 'tier.input-1', label: 'amount', expression: 'amount', typeRef: 'number' }],
        outputs: [{ id: 'tier.output-1', name: 'tier.output-1', typeRef: 'string' }],
        rules: [{ id: 'tier.rule-1', inputEntries: ['< 1000'], outputEntries: ['"small"'] }],
      },
    ]);
  });

  it('compiles nothing when any problem is an error', async () => {
    // given two decisions, one of them broken
    const xml = inlineDmn(`
      <decision id="ok"><decisionTable id="t1"><output id="o1" name="x" /><rule id="r1"><outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>
      <decision id="broken"><literalExpression id="le"><text>1</text></literalExpression></decision>`);
    // when loaded
    const { decisions, problems } = await loadDmn(xml);
    // then no decision is deployable and the problem says why
    expect(decisions).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ elementId: 'broken', severity: 'error' })]);
  });

  it('still compiles when the problems are only warnings', async () => {
    // given a table without rules
    const xml = inlineDecisionTable({ inputs: ['amount'], outputs: ['tier'], rules: [] });
    // when loaded
    const { decisions, problems } = await loadDmn(xml);
    // then it is deployable, with the warning
    expect(decisions.map(({ id }) => id)).toEqual(['d']);
    expect(problems.map(({ severity }) => severity)).toEqual(['warning']);
  });
});

describe('checkDecisionIds', () => {
  it('reports a decision id deployed in two documents', async () => {
    // given two documents deployed together that both define decision "routing"
    const documents = await Promise.all(
      ['first-line', 'experts'].map((queue) => loadDmn(inlineDecisionTable({ id: 'routing', inputs: ['category'], outputs: ['queue'], rules: [['-', `"${queue}"`]] }))),
    );
    // when the deployment checks the ids
    const problems = checkDecisionIds(documents.flatMap(({ decisions }) => decisions));
    // then the second one is refused by id
    expect(problems).toEqual([expect.objectContaining({ elementId: 'routing', rule: 'unique-decision-id', severity: 'error' })]);
  });

  it('accepts distinct ids', async () => {
    // given two different decisions
    const tables = await Promise.all(['routing', 'priority'].map((id) => loadDmn(inlineDecisionTable({ id, inputs: ['x'], outputs: ['y'], rules: [['-', '1']] }))));
    // when checked; then nothing is reported
    expect(checkDecisionIds(tables.flatMap(({ decisions }) => decisions))).toEqual([]);
  });
});
