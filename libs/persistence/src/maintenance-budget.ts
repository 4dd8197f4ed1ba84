import type { EntityManager } from 'typeorm';

/** Long maintenance (moving a month of history) may run this long: far past a request's budget, still bounded. */
export const MAINTENANCE_BUDGET_MS = 30 * 60_000;

/** pg's client keeps the client-side query timeout here and reads it for every query it sends. */
interface PgClientParameters {
  connectionParameters: { query_timeout?: number | false };
}

/**
 * Runs maintenance work in the manager's transaction with its own budget instead of the pool's
 * request budget: the server's statement timeout for this transaction only, and the client-side
 * query timeout of this one connection, put back before the connection returns to the pool.
 */
export const withMaintenanceBudget = async <T>(manager: EntityManager, work: () => Promise<T>): Promise<T> => {
  await manager.query(`SET LOCAL statement_timeout = ${MAINTENANCE_BUDGET_MS}`);
  const client = (await manager.queryRunner!.connect()) as PgClientParameters;
  const requestBudget = client.connectionParameters.query_timeout;
  client.connectionParameters.query_timeout = MAINTENANCE_BUDGET_MS + 5_000;
  try {
    return await work();
  } finally {
    client.connectionParameters.query_timeout = requestBudget;
  }
};
