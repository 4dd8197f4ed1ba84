import pg from 'pg';

/** One statement's share of the server's execution time, from pg_stat_statements. */
export interface StatementCost {
  calls: number;
  totalMs: number;
  msPerCall: number;
  rowsPerCall: number;
  statement: string;
}

/** Empties the statistics of the database at `url` (creating the extension first). */
export async function resetStatementStatistics(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  });
}

/** The statements that cost the database at `url` the most execution time since the reset. */
export async function costliestStatements(url: string, limit = 12): Promise<StatementCost[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ calls: string; total: number; rows: string; query: string }>(
      `SELECT calls, total_exec_time AS total, rows, query FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY total_exec_time DESC LIMIT $1`,
      [limit],
    );
    return rows.map(({ calls, total, rows: rowCount, query }) => ({
      calls: Number(calls),
      totalMs: Math.round(total),
      msPerCall: +(total / Number(calls)).toFixed(3),
      rowsPerCall: +(Number(rowCount) / Number(calls)).toFixed(1),
      statement: query.replace(/\s+/g, ' ').slice(0, 110),
    }));
  });
}

/** Per table written while measuring: updates, the share that were HOT (no index touched), and the average row size. */
export async function tableWrites(url: string): Promise<Array<Record<string, string | number>>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ relname: string; inserts: string; updates: string; hot: string; bytes: string; rows: string }>(
      `SELECT s.relname, s.n_tup_ins AS inserts, s.n_tup_upd AS updates, s.n_tup_hot_upd AS hot,
              pg_relation_size(s.relid) AS bytes, greatest(s.n_live_tup, 1) AS rows
       FROM pg_stat_user_tables s WHERE s.n_tup_ins + s.n_tup_upd > 0 ORDER BY s.n_tup_ins + s.n_tup_upd DESC LIMIT 12`,
    );
    return rows.map((row) => ({
      table: row.relname,
      inserts: Number(row.inserts),
      updates: Number(row.updates),
      hotShare: Number(row.updates) === 0 ? '-' : `${Math.round((100 * Number(row.hot)) / Number(row.updates))} %`,
      bytesPerLiveRow: Math.round(Number(row.bytes) / Number(row.rows)),
    }));
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
