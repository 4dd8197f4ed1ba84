import { writeCsv } from '../common/csv-output.js';

/** The unit a column's header carries (`queue.mean_s`), or undefined for a column without one (names, counts, shares). */
export type ColumnUnit = (column: string) => string | undefined;

/**
 * One table as CSV: nested objects become dotted columns (`queue.mean`), arrays are joined with
 * ' > ' (a loop's element sequence), absent figures are empty cells. Durations carry their unit in
 * the header (`queue.mean_s`), so a spreadsheet reader never guesses seconds from minutes.
 */
export const tableCsv = (rows: readonly object[], unitOf: ColumnUnit = () => undefined): string => {
  const flat = rows.map((row) => flatten(row as Record<string, unknown>));
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))].map((key) => {
    const unit = unitOf(key);
    return { key, header: unit === undefined ? key : `${key}_${unit}` };
  });
  return writeCsv(flat, { header: true, columns });
};

const flatten = (value: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> => {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(item)) into[name] = item.join(' > ');
    else if (item !== null && typeof item === 'object') flatten(item as Record<string, unknown>, name, into);
    else into[name] = item ?? '';
  }
  return into;
};

/** The statistics of a duration Summary (its `n` is a count). */
const DURATION_STATISTIC = /(^|\.)(mean|median|p90|total)$/;

/** Tables whose Summaries are all durations in seconds: the activities' time parts, lead time and its components. */
export const summarySeconds: ColumnUnit = (column) => (DURATION_STATISTIC.test(column) ? 's' : undefined);

/** The bottleneck and designed-wait tables: their waiting figures are seconds. */
export const waitingSeconds: ColumnUnit = (column) => (/^(mean|median|total)(Waiting|DesignedWait)$/.test(column) ? 's' : undefined);
