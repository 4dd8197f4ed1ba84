import type { ActivityRow, Summary } from '../api/analytics-api.js';
import { formatReportDuration, SUB_SECOND_NOTE } from '../format/units.js';

const STATISTICS = ['mean', 'median', 'p90'] as const;

/** The column groups of the table: the desk's waiting and processing, then the two kinds of time that are not the desk's. */
const GROUPS = [
  { measure: 'waiting', label: "Waiting (the desk's)", apart: false },
  { measure: 'processing', label: "Processing (the desk's)", apart: false },
  { measure: 'designedWait', label: 'Designed wait', apart: true },
  { measure: 'externalSystem', label: 'External system', apart: true },
] as const;

const cell = (tag: 'td' | 'th', text: string, title?: string): HTMLTableCellElement => {
  const node = document.createElement(tag);
  node.textContent = text;
  if (title) node.title = title;
  return node;
};

/** Whether a row's time is not the desk's: a designed wait or an external task. */
const isApart = (row: ActivityRow): boolean => row.timeClass === 'designedWait' || row.timeClass === 'externalSystem';

/**
 * The activities as the table lists them: the desk's bottleneck ranking first (by the desk's total
 * waiting, most first), then the designed waits and external tasks (not ranked, most time first),
 * then the desk's activities that never waited; those without ended instances are left out.
 */
export const byTotalWaiting = (rows: readonly ActivityRow[]): ActivityRow[] => {
  const ended = rows.filter((row) => row.count > 0);
  const byId = (a: ActivityRow, b: ActivityRow) => (a.elementId < b.elementId ? -1 : 1);
  const ranked = ended.filter((row) => !isApart(row) && row.waiting.total > 0).sort((a, b) => b.waiting.total - a.waiting.total || byId(a, b));
  const apart = ended.filter(isApart).sort((a, b) => b.designedWait.total + b.externalSystem.total - (a.designedWait.total + a.externalSystem.total) || byId(a, b));
  const rest = ended.filter((row) => !isApart(row) && row.waiting.total <= 0).sort(byId);
  return [...ranked, ...apart, ...rest];
};

/** The sign that a heading's definition is on hover. */
const infoMark = (): HTMLElement => {
  const mark = document.createElement('span');
  mark.className = 'info-mark';
  mark.textContent = 'i';
  mark.setAttribute('aria-hidden', 'true');
  return mark;
};

const figures = (summary: Summary, className?: string): HTMLElement[] =>
  STATISTICS.map((statistic) => {
    const node = cell('td', summary.n > 0 ? formatReportDuration(summary[statistic]) : '–');
    if (className) node.className = className;
    return node;
  });

/**
 * The per-activity table beside the heatmap: count, the desk's waiting and processing mean / median
 * / p90 and total waiting (what the bottleneck ranking sorts by), then the designed wait and the
 * external-system time in columns of their own. Only the desk's activities that wait get a rank;
 * designed waits and external tasks are listed apart under them. Each column heading carries its
 * definition as the API words it (hover, or the ⓘ).
 */
export const renderActivityTable = (table: HTMLTableElement, rows: readonly ActivityRow[], definitions: Record<string, string>, onSelect: (elementId: string) => void): void => {
  const head = document.createElement('thead');
  const groups = document.createElement('tr');
  groups.append(
    cell('th', '#', "Rank by the desk's total waiting contributed (count x mean waiting); designed waits and external tasks are not ranked"),
    cell('th', 'Activity'),
    cell('th', 'n', 'Ended activity instances (completed or canceled) in the range and segment'),
  );
  const groupCell = ({ measure, label, apart }: (typeof GROUPS)[number]) => {
    const group = cell('th', `${label} `, definitions[measure] ? `${definitions[measure]} ${SUB_SECOND_NOTE}` : SUB_SECOND_NOTE);
    group.append(infoMark());
    group.colSpan = 3;
    group.dataset.definition = measure;
    group.className = apart ? 'has-definition not-desk' : 'has-definition';
    return group;
  };
  groups.append(groupCell(GROUPS[0]), groupCell(GROUPS[1]));
  const total = cell('th', 'Total waiting ', "Count x mean waiting (the desk's): what the bottleneck ranking sorts by");
  total.append(infoMark());
  groups.append(total, groupCell(GROUPS[2]), groupCell(GROUPS[3]));
  const statistics = document.createElement('tr');
  statistics.append(cell('th', ''), cell('th', ''), cell('th', ''));
  for (let index = 0; index < 2; index++) for (const statistic of STATISTICS) statistics.append(cell('th', statistic));
  statistics.append(cell('th', ''));
  for (let index = 0; index < 2; index++) {
    for (const statistic of STATISTICS) {
      const node = cell('th', statistic);
      node.className = 'not-desk';
      statistics.append(node);
    }
  }
  head.append(groups, statistics);

  const body = document.createElement('tbody');
  let rank = 0;
  let firstApart = true;
  for (const row of byTotalWaiting(rows)) {
    const line = document.createElement('tr');
    line.dataset.element = row.elementId;
    line.dataset.timeClass = row.timeClass;
    const name = cell('td', row.name ?? row.elementId);
    if (row.valueClass) {
      const badge = document.createElement('span');
      badge.className = `tandem-value-badge tandem-value-${row.valueClass.toLowerCase()}`;
      badge.textContent = row.valueClass;
      name.append(' ', badge);
    }
    const apart = isApart(row);
    if (apart) {
      const tag = document.createElement('span');
      tag.className = 'time-class-tag';
      tag.dataset.timeClass = row.timeClass;
      tag.textContent = row.timeClass === 'designedWait' ? 'designed wait' : 'external system';
      tag.title = definitions[row.timeClass] ?? '';
      name.append(' ', tag);
      line.classList.add('apart-row');
      if (firstApart) line.classList.add('apart-first');
      firstApart = false;
    }
    const ranked = !apart && row.waiting.total > 0;
    if (ranked) rank += 1;
    const rankCell = cell('td', ranked ? String(rank) : '–', ranked ? undefined : apart ? "Not ranked: not the desk's time" : 'Not ranked: no waiting');
    line.append(
      rankCell,
      name,
      cell('td', String(row.count)),
      ...figures(row.waiting),
      ...figures(row.processing),
      cell('td', row.waiting.n > 0 ? formatReportDuration(row.waiting.total) : '–'),
      ...figures(row.designedWait, 'not-desk'),
      ...figures(row.externalSystem, 'not-desk not-desk-external'),
    );
    line.addEventListener('click', () => onSelect(row.elementId));
    body.append(line);
  }
  if (body.childElementCount === 0) {
    const empty = document.createElement('tr');
    const note = cell('td', 'No ended activity instances in this range and segment.');
    note.colSpan = 16;
    empty.append(note);
    body.append(empty);
  }
  table.replaceChildren(head, body);
};
