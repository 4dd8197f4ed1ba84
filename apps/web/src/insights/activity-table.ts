import type { ActivityRow, Summary } from '../api/analytics-api.js';
import { formatDuration } from './heat-scale.js';

const STATISTICS = ['mean', 'median', 'p90'] as const;

const cell = (tag: 'td' | 'th', text: string, title?: string): HTMLTableCellElement => {
  const node = document.createElement(tag);
  node.textContent = text;
  if (title) node.title = title;
  return node;
};

/** The activities by total waiting contributed, most first (the bottleneck ranking); those without ended instances last. */
export const byTotalWaiting = (rows: readonly ActivityRow[]): ActivityRow[] =>
  rows.filter((row) => row.count > 0).sort((a, b) => b.waiting.total - a.waiting.total || (a.elementId < b.elementId ? -1 : 1));

/** The sign that a heading's definition is on hover. */
const infoMark = (): HTMLElement => {
  const mark = document.createElement('span');
  mark.className = 'info-mark';
  mark.textContent = 'i';
  mark.setAttribute('aria-hidden', 'true');
  return mark;
};

const figures = (summary: Summary): HTMLElement[] => STATISTICS.map((statistic) => cell('td', formatDuration(summary[statistic])));

/**
 * The per-activity table beside the heatmap: count, waiting and processing mean / median / p90 and
 * total waiting. Each column heading carries its definition as the API words it (hover, or the ⓘ).
 */
export const renderActivityTable = (
  table: HTMLTableElement,
  rows: readonly ActivityRow[],
  definitions: Record<string, string>,
  onSelect: (elementId: string) => void,
): void => {
  const head = document.createElement('thead');
  const groups = document.createElement('tr');
  groups.append(
    cell('th', '#', 'Rank by total waiting contributed (count x mean waiting)'),
    cell('th', 'Activity'),
    cell('th', 'n', 'Ended activity instances (completed or canceled) in the range and segment'),
  );
  for (const measure of ['waiting', 'processing'] as const) {
    const group = cell('th', `${measure === 'waiting' ? 'Waiting' : 'Processing'} `, definitions[measure]);
    group.append(infoMark());
    group.colSpan = 3;
    group.dataset.definition = measure;
    group.className = 'has-definition';
    groups.append(group);
  }
  const total = cell('th', 'Total waiting ', 'Count x mean waiting: what the bottleneck ranking sorts by');
  total.append(infoMark());
  groups.append(total);
  const statistics = document.createElement('tr');
  statistics.append(cell('th', ''), cell('th', ''), cell('th', ''));
  for (let index = 0; index < 2; index++) for (const statistic of STATISTICS) statistics.append(cell('th', statistic));
  statistics.append(cell('th', ''));
  head.append(groups, statistics);

  const body = document.createElement('tbody');
  byTotalWaiting(rows).forEach((row, index) => {
    const line = document.createElement('tr');
    line.dataset.element = row.elementId;
    const name = cell('td', row.name ?? row.elementId);
    if (row.valueClass) {
      const badge = document.createElement('span');
      badge.className = `tandem-value-badge tandem-value-${row.valueClass.toLowerCase()}`;
      badge.textContent = row.valueClass;
      name.append(' ', badge);
    }
    line.append(cell('td', String(index + 1)), name, cell('td', String(row.count)), ...figures(row.waiting), ...figures(row.processing), cell('td', formatDuration(row.waiting.total)));
    line.addEventListener('click', () => onSelect(row.elementId));
    body.append(line);
  });
  if (body.childElementCount === 0) {
    const empty = document.createElement('tr');
    const note = cell('td', 'No ended activity instances in this range and segment.');
    note.colSpan = 10;
    empty.append(note);
    body.append(empty);
  }
  table.replaceChildren(head, body);
};
