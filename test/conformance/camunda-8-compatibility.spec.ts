import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ZEEBE_ELEMENTS } from '../../libs/bpmn/src/camunda/camunda-8.js';

/**
 * Keeps docs/camunda-8-compatibility.md honest: every extension element of Camunda 8's zeebe:
 * schema has a row, its word is the validation's (libs/bpmn/src/camunda/camunda-8.ts), and each
 * row links a test or model that exists.
 */

const docs = new URL('../../docs/', import.meta.url);
const markdown = readFileSync(new URL('camunda-8-compatibility.md', docs), 'utf8');

/** Camunda's zeebe: schema as zeebe-bpmn-moddle ships it (the one Camunda Modeler writes with). */
const schema: { types: { name: string; extends?: string[]; superClass?: string[] }[] } = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('zeebe-bpmn-moddle/resources/zeebe.json'), 'utf8'),
);

/** Types that only appear inside another element, documented in their parent's row. */
const CHILDREN: Record<string, string> = {
  InputOutputParameter: 'ioMapping',
  Input: 'ioMapping',
  Output: 'ioMapping',
  Header: 'taskHeaders',
  Property: 'properties',
  LinkedResource: 'linkedResources',
  ExecutionListener: 'executionListeners',
  TaskListener: 'taskListeners',
};

const localName = (type: string) => type[0]!.toLowerCase() + type.slice(1);
/** Extension elements: the types that are neither attribute mixins (`extends`) nor children. */
const elementTypes = schema.types.filter((type) => !type.extends && !(type.name in CHILDREN)).map(({ name }) => localName(name));

const rows = new Map(
  markdown
    .slice(markdown.indexOf('## Extension elements'), markdown.indexOf('## Extension attributes'))
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [element, support, , , tested] = line
        .split('|')
        .slice(1)
        .map((cell) => cell.trim());
      return [/`([^`]+)`/.exec(element!)![1]!, { support, links: [...tested!.matchAll(/\]\(([^)]+)\)/g)].map(([, target]) => target!) }] as const;
    }),
);

describe('docs/camunda-8-compatibility.md', () => {
  it('has a row for every extension element of Camunda 8’s schema, and for nothing else', () => {
    expect([...rows.keys()].sort()).toEqual([...elementTypes].sort());
  });

  it('says of each element what the validation does with it', () => {
    for (const name of elementTypes) expect({ name, support: rows.get(name)?.support }).toEqual({ name, support: ZEEBE_ELEMENTS[name as keyof typeof ZEEBE_ELEMENTS]?.support });
  });

  it('links, for each row, a model or test that exists', () => {
    for (const [name, { links }] of rows) {
      expect({ name, linked: links.length > 0 }).toEqual({ name, linked: true });
      for (const link of links) expect({ name, link, exists: existsSync(new URL(link, docs)) }).toEqual({ name, link, exists: true });
    }
  });
});
