import { stringify } from 'csv-stringify/sync';

/**
 * One table as CSV: nested objects become dotted columns (`queue.mean`), arrays are joined with
 * ' > ' (a loop's element sequence), absent figures are empty cells.
 */
export const tableCsv = (rows: readonly object[]): string => {
  const flat = rows.map((row) => flatten(row as Record<string, unknown>));
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  return stringify(flat, { header: true, columns });
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
