import { describe, expect, it } from '@jest/globals';
import type { ModdleElement } from 'bpmn-moddle';
import { existsSync, readFileSync } from 'node:fs';
import type { Problem } from '#bpmn';
import { classify } from '../../libs/bpmn/src/validate/element-kinds.js';
import { BPMN_EVENT_KINDS, deploy, EVENT_COLUMNS, EVENT_TYPE_OF, eventModel, hasElement, hasEvent, NOTATION, REFUSED_ELEMENTS } from './coverage/coverage-models.js';
import { parseTables, relativeLinks, tableStartingWith, type Row } from './coverage/coverage-table.js';

/**
 * Keeps docs/bpmn-coverage.md honest: every claim in its tables is checked against the models it
 * links, against what deploy answers, and against the BPMN 2.0 meta-model, so an element the engine
 * starts (or stops) executing cannot be missing from the page.
 */

const docs = new URL('../../docs/', import.meta.url);
const markdown = readFileSync(new URL('bpmn-coverage.md', docs), 'utf8');
const tables = parseTables(markdown);
const elements = tableStartingWith(tables, 'Element', 'Tandem');
const events = tableStartingWith(tables, 'Definition', 'Start', 'ESP start, interrupting');
const reasons = tableStartingWith(tables, 'Definition', 'Reason');

/** The BPMN 2.0 meta-model as bpmn-moddle ships it: its types and what they extend. */
const metaModel: { types: { name: string; superClass?: string[]; isAbstract?: boolean }[] } = JSON.parse(
  readFileSync(new URL('../../node_modules/bpmn-moddle/resources/bpmn/json/bpmn.json', import.meta.url), 'utf8'),
);
const extendsType = (name: string, base: string): boolean =>
  name === base || (metaModel.types.find((type) => type.name === name)?.superClass ?? []).some((parent) => extendsType(parent, base));
const concreteSubtypes = (base: string) =>
  metaModel.types.filter((type) => !type.isAbstract && extendsType(type.name, base) && type.name !== base).map(({ name }) => `bpmn:${name}`);

const EVENTS = ['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:EndEvent'];
/** Flow nodes that only live in choreographies, or that the standard uses internally: never in a process. */
const NOT_IN_PROCESSES = ['bpmn:CallChoreography', 'bpmn:SubChoreography', 'bpmn:ChoreographyTask', 'bpmn:ImplicitThrowEvent'];

const containsInOrder = (message: string, quote: string): boolean => {
  let from = 0;
  for (const fragment of quote.split('…').map((part) => part.trim())) {
    const at = message.indexOf(fragment, from);
    if (at < 0) return false;
    from = at + fragment.length;
  }
  return true;
};

/** An error naming the element whose message holds the quote. */
const refusal = (problems: Problem[], elementId: string | null, quote: string) =>
  problems.find((problem) => problem.severity === 'error' && problem.elementId === elementId && containsInOrder(problem.message, quote));

const errorsOf = (problems: Problem[]) => problems.filter(({ severity }) => severity === 'error');

async function compiledModel(link: string) {
  const { graphs, problems } = await deploy(readFileSync(new URL(link, docs), 'utf8'));
  expect(errorsOf(problems)).toEqual([]);
  expect(graphs).toHaveLength(1);
  return graphs[0];
}

/** A bare meta-model element, as classify sees it. */
const element = ($type: string, more: Record<string, unknown> = {}): ModdleElement => ({ $type, id: 'x', ...more });

const definitionsOf = (row: string): ModdleElement[] => {
  if (row === 'none') return [];
  if (row === 'multiple' || row === 'parallelMultiple') return [element('bpmn:MessageEventDefinition'), element('bpmn:SignalEventDefinition')];
  return [element(row)];
};

describe('docs/bpmn-coverage.md', () => {
  it('links only to files that exist', () => {
    // given
    const links = relativeLinks(markdown);

    // then
    expect(links.length).toBeGreaterThan(80);
    expect(links.filter((link) => !existsSync(new URL(link, docs)))).toEqual([]);
  });

  it('lists every kind of flow node a process can hold, marked executed exactly when the engine executes it', () => {
    // given every flow node of BPMN 2.0 but events (their own table) and choreography elements
    const types = concreteSubtypes('FlowNode').filter((type) => !EVENTS.includes(type) && !NOT_IN_PROCESSES.includes(type));

    // when
    const listed = types.map((type) => ({ type, status: elements.rows.find(({ key }) => key === type)?.cells[0].status }));
    const executable = types.map((type) => ({ type, status: classify(element(type)).supported ? 'executed' : 'refused' }));

    // then
    expect(types.length).toBeGreaterThan(15);
    expect(listed).toEqual(executable);
  });

  it('lists every kind of data element and artifact', () => {
    // given
    const notation = [...concreteSubtypes('Artifact'), 'bpmn:DataObjectReference', 'bpmn:DataStoreReference'];

    // then
    expect(notation.filter((type) => !elements.rows.some(({ key }) => key === type))).toEqual([]);
  });

  describe('element table', () => {
    const byStatus = (status: string) => elements.rows.filter((row) => row.cells[0].status === status);

    it.each(byStatus('executed').map((row): [string, Row] => [row.key, row]))('%s: every model it links holds it and deploys', async (_key, row) => {
      // given
      const links = row.cells[1].links;
      const models = links.filter((link) => link.endsWith('.bpmn'));

      // then
      expect(links.length).toBeGreaterThan(0);
      for (const link of models) expect({ link, holds: hasElement(await compiledModel(link), row.key) }).toEqual({ link, holds: true });
    });

    it.each(byStatus('refused').map((row): [string, Row] => [row.key, row]))('%s: deploy refuses it, naming it, for the quoted reason', async (key, row) => {
      // given
      const example = REFUSED_ELEMENTS[key];
      const [quote] = row.cells[1].quotes;

      // when
      const { problems } = await deploy(example.xml);

      // then
      expect(quote).toBeDefined();
      expect(refusal(problems, example.elementId, quote)).toBeDefined();
    });

    it.each(byStatus('notation').map((row): [string, Row] => [row.key, row]))('%s: deploys as notation beside the process, without a problem', async (key, row) => {
      // given
      const model = NOTATION[key];

      // when
      const { graphs, problems } = await deploy(model);

      // then
      expect(errorsOf(problems)).toEqual([]);
      expect(graphs).toHaveLength(1);
      for (const quote of row.cells[1].quotes) {
        const example = REFUSED_ELEMENTS[key];
        expect(refusal((await deploy(example.xml)).problems, example.elementId, quote)).toBeDefined();
      }
    });
  });

  describe('events table', () => {
    it('has a row per event definition of BPMN, and for none, multiple and parallel multiple events', () => {
      // given
      const definitions = concreteSubtypes('EventDefinition');

      // then
      expect(events.rows.map(({ key }) => key).sort()).toEqual([...definitions, 'none', 'multiple', 'parallelMultiple'].sort());
      expect(events.rows.every(({ cells }) => cells.length === EVENT_COLUMNS.length)).toBe(true);
    });

    it('marks `·` exactly where BPMN 2.0 defines no such event', () => {
      // given
      const marked = events.rows.map(({ key, cells }) => ({ key, defined: EVENT_COLUMNS.filter((_, index) => cells[index].status !== 'none') }));

      // then
      expect(marked).toEqual(events.rows.map(({ key }) => ({ key, defined: [...(BPMN_EVENT_KINDS[key] ?? [])] })));
    });

    it('marks an event kind executed exactly when the engine executes it', () => {
      // given each event element with each row's definitions
      const claims = events.rows.flatMap(({ key, cells }) =>
        EVENTS.map((type) => ({
          event: `${type} ${key}`,
          executed: EVENT_COLUMNS.some((column, index) => EVENT_TYPE_OF[column] === type && cells[index].status === 'executed'),
        })),
      );

      // when
      const engine = claims.map(({ event }) => {
        const [type, key] = event.split(' ');
        return { event, executed: classify(element(type, { eventDefinitions: definitionsOf(key) })).supported };
      });

      // then
      expect(claims).toEqual(engine);
    });

    it.each(events.rows.map((row): [string, Row] => [row.key, row]))(
      '%s: every ✅ links a model with that event in that place, every ⛔ is refused naming it',
      async (key, row) => {
        const reason = reasons.rows.find((candidate) => candidate.key === key)?.cells[0].quotes[0];
        for (const [index, column] of EVENT_COLUMNS.entries()) {
          const cell = row.cells[index];
          if (cell.status === 'executed') {
            // then
            expect(cell.links.length).toBeGreaterThan(0);
            for (const link of cell.links) expect({ column, link, holds: hasEvent(await compiledModel(link), key, column) }).toEqual({ column, link, holds: true });
          }
          if (cell.status === 'refused') {
            // when
            const { problems } = await deploy(eventModel(key, column));

            // then
            expect({ column, reason: reason !== undefined }).toEqual({ column, reason: true });
            expect({ column, refused: refusal(problems, 'x', reason ?? '') !== undefined }).toEqual({ column, refused: true });
          }
        }
      },
    );
  });
});
