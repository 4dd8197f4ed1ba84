/**
 * Reads the tables of docs/bpmn-coverage.md: a row is keyed by the code span in its first cell, a
 * cell has a status mark, the files it links to and the reasons it quotes.
 */

export type Status = 'executed' | 'refused' | 'notation' | 'none';

export interface Cell {
  status: Status;
  /** Relative link targets, as written. */
  links: string[];
  /** Quoted problem text; `…` separates fragments that appear in this order. */
  quotes: string[];
}

export interface Row {
  key: string;
  cells: Cell[];
}

export interface Table {
  header: string[];
  rows: Row[];
}

const MARKS: [string, Status][] = [
  ['✅', 'executed'],
  ['⛔', 'refused'],
  ['➖', 'notation'],
];

const splitRow = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());

function parseCell(text: string): Cell {
  const status = MARKS.find(([mark]) => text.startsWith(mark))?.[1] ?? 'none';
  return {
    status,
    links: [...text.matchAll(/\]\(([^)]+)\)/g)].map(([, target]) => target).filter((target) => !/^https?:/.test(target)),
    quotes: [...text.matchAll(/"([^"]+)"/g)].map(([, quote]) => quote),
  };
}

/** Every table of a markdown document, in order. */
export function parseTables(markdown: string): Table[] {
  const tables: Table[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length >= 2) {
      const [header, , ...body] = lines.map(splitRow);
      tables.push({ header, rows: body.map(([first, ...rest]) => ({ key: /`([^`]+)`/.exec(first)?.[1] ?? first, cells: rest.map(parseCell) })) });
    }
    lines = [];
  };
  for (const line of markdown.split('\n')) {
    if (line.trim().startsWith('|')) lines.push(line);
    else flush();
  }
  flush();
  return tables;
}

/** The table whose header starts with these cells. */
export function tableStartingWith(tables: Table[], ...header: string[]): Table {
  const found = tables.filter((table) => header.every((cell, index) => table.header[index] === cell));
  if (found.length !== 1) throw new Error(`Expected one table with the header ${header.join(' | ')}, found ${found.length}.`);
  return found[0];
}

/** Links anywhere in the document (tables and text), relative ones only. */
export const relativeLinks = (markdown: string): string[] =>
  [...markdown.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map(([, target]) => target).filter((target) => !/^https?:/.test(target));
