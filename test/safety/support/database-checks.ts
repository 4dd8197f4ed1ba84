import pg from 'pg';

/** Direct reads of an engine's database, for what no API should have to answer (duplicates). */
export const withDatabase = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Step events written twice for one activity instance (a lifecycle event happens once). */
export const duplicateStepEvents = (url: string): Promise<number> =>
  withDatabase(url, async (client) => {
    const { rows } = await client.query(`SELECT count(*) AS n FROM (SELECT 1 FROM step_event GROUP BY activity_instance_id, type HAVING count(*) > 1) duplicated`);
    return Number(rows[0].n);
  });

/** Instances per status, of one process key or of all. */
export const instancesByStatus = (url: string, processKey?: string): Promise<Record<string, number>> =>
  withDatabase(url, async (client) => {
    const { rows } = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM instance WHERE $1::text IS NULL OR process_key = $1 GROUP BY status`, [
      processKey ?? null,
    ]);
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  });
