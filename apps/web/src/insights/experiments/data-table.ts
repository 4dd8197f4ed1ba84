import { element, type ElementChild } from '../../ui/dom.js';

export interface TableRow {
  cells: ElementChild[];
  /** attributes of the row (`data-*` for tests and styles) */
  attributes?: Record<string, string | number | boolean | undefined>;
}

/** A plain table of the dashboard: a header row and text or node cells; the first cell of each row is its header. */
export const dataTable = (className: string, headers: readonly string[], rows: readonly TableRow[]): HTMLTableElement =>
  element(
    'table',
    { class: `experiment-table ${className}` },
    element('thead', {}, element('tr', {}, ...headers.map((header) => element('th', { scope: 'col' }, header)))),
    element(
      'tbody',
      {},
      ...rows.map((row) =>
        element(
          'tr',
          row.attributes ?? {},
          // data-label: on a phone each row becomes a card, the column's name beside each value.
          ...row.cells.map((cell, index) => (index === 0 ? element('th', { scope: 'row' }, cell) : element('td', { 'data-label': headers[index] }, cell))),
        ),
      ),
    ),
  );

/** A titled panel of the dashboard. */
export const panel = (role: string, title: string, ...children: ElementChild[]): HTMLElement =>
  element('section', { class: `experiment-panel experiment-${role}`, 'data-role': role, 'aria-label': title }, element('h2', {}, title), ...children);
