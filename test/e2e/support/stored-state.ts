import type { DataSource } from 'typeorm';

/** One checksum per table: md5 of all its rows as text, in a stable order. */
export type StoredState = Record<string, string>;

/**
 * Everything the engine has stored, as a checksum per table of the public schema, so a test can
 * show that a refused request changed nothing. `except` names tables a refused request may change
 * on purpose (failed log-ins are counted in login_attempt).
 */
export const storedState = async (dataSource: DataSource, except: readonly string[] = []): Promise<StoredState> => {
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  const checked = tables.map(({ name }) => name).filter((name) => !except.includes(name));
  const rows: Array<{ name: string; checksum: string }> = await dataSource.query(
    checked.map((name) => `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS checksum FROM "${name}" t`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map(({ name, checksum }) => [name, checksum]));
};

/** The tables whose checksum differs between two states. */
export const changedTables = (before: StoredState, after: StoredState): string[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name]).sort();
