import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/e2e/support/test-database.js';
import { openDataSource } from './data-source-options.js';
import { withMaintenanceBudget } from './maintenance-budget.js';

describe('withMaintenanceBudget', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // one connection, so every query below runs on the same one; a request budget of 300 ms
    dataSource = await openDataSource({
      url: database.url,
      poolSize: 1,
      timeouts: { connectTimeoutMs: 5_000, statementTimeoutMs: 300, lockTimeoutMs: 300, idleInTransactionTimeoutMs: 5_000, queryTimeoutMs: 400 },
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('lets maintenance run past the request budget, and gives the connection its budget back afterwards', async () => {
    // given work that takes longer than a request may: the pool's statement timeout cancels it
    await expect(dataSource.query('SELECT pg_sleep(0.6)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    // when it runs with the maintenance budget, then it finishes
    const finished = await dataSource.transaction((manager) => withMaintenanceBudget(manager, () => manager.query('SELECT pg_sleep(0.6), 1 AS done')));
    expect(finished).toEqual([expect.objectContaining({ done: 1 })]);
    // and the same connection, back in the pool, is bounded by the request budget again (server and client side)
    await expect(dataSource.query('SELECT pg_sleep(0.6)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    await expect(dataSource.query('SHOW statement_timeout')).resolves.toEqual([{ statement_timeout: '300ms' }]);
  });
});
