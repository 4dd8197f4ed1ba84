import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { eventually } from '../../../../test/e2e/support/test-app.js';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { IdentityChanges, type IdentityChangeListener } from './identity-changes.js';

/** A listener that writes down what it is told: `changed`, `hearing` or `deaf: <error>`. */
const recorder = (): IdentityChangeListener & { told: string[] } => {
  const told: string[] = [];
  return {
    told,
    changed: () => told.push('changed'),
    hearing: (heard, lost) => told.push(heard ? 'hearing' : `deaf: ${lost?.message ?? ''}`),
  };
};

/** One no-op statement per identity table: statement triggers fire even when no row matches. */
const WRITES = [
  `UPDATE identity_user SET display_name = display_name WHERE false`,
  `DELETE FROM identity_membership WHERE false`,
  `UPDATE auth_session SET revoked_at = revoked_at WHERE false`,
  `UPDATE api_key SET revoked_at = revoked_at WHERE false`,
];

describe('IdentityChanges', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openTestDataSource();
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it("hears a write to each identity table after its commit, and this process's own changes at once", async () => {
    // given a listener, told that it hears changes once its probe came back
    const sut = new IdentityChanges(dataSource);
    const listener = recorder();
    const listening = await sut.listen(listener);
    try {
      await eventually(
        async () => listener.told,
        (told) => told.length === 2,
      );
      expect(listener.told).toEqual(['changed', 'hearing']);
      // when each identity table is written, then each write is heard
      for (const [n, write] of WRITES.entries()) {
        await dataSource.query(write);
        await eventually(
          async () => listener.told.length,
          (count) => count === 3 + n,
        );
      }
      // and a write inside a transaction is heard only after its commit
      await dataSource.transaction(async (manager) => {
        await manager.query(WRITES[0]!);
        await new Promise((done) => setTimeout(done, 100));
        expect(listener.told).toHaveLength(2 + WRITES.length);
      });
      await eventually(
        async () => listener.told.length,
        (count) => count === 3 + WRITES.length,
      );
      // and a change told by a repository here reaches the listener before anything else happens
      sut.changed();
      expect(listener.told).toHaveLength(4 + WRITES.length);
    } finally {
      await listening.close();
    }
    // and once closed, nothing more is told
    sut.changed();
    expect(listener.told.filter((told) => told === 'changed')).toHaveLength(3 + WRITES.length);
  });

  it('stays deaf when its probe never comes back (LISTEN behind a transaction-mode pooler hears nothing)', async () => {
    // given a pool whose statements reach another database than the listening connection, as a pooler would route them
    const elsewhere = await openTestDataSource();
    const pooled = { options: dataSource.options, query: (text: string, values: unknown[]) => elsewhere.dataSource.query(text, values) } as unknown as DataSource;
    const sut = new IdentityChanges(pooled);
    const listener = recorder();
    const listening = await sut.listen(listener);
    try {
      // when the probe has had ample time to come back
      await new Promise((done) => setTimeout(done, 300));
      // then the listener was never told it hears changes
      expect(listener.told).toEqual(['changed']);
    } finally {
      await listening.close();
      await elsewhere.close();
    }
  });

  it('says it is deaf while its connection is lost, and that anything may have changed once it hears again', async () => {
    // given a listener that hears changes
    const sut = new IdentityChanges(dataSource);
    const listener = recorder();
    const listening = await sut.listen(listener);
    try {
      await eventually(
        async () => listener.told,
        (told) => told.length === 2,
      );
      // when the database ends its connection
      await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`);
      // then it reports itself deaf, then hearing again, with a change each time (caches must drop what they hold)
      await eventually(
        async () => listener.told,
        (told) => told.length === 6,
      );
      expect(listener.told[2]).toBe('changed');
      expect(listener.told[3]).toMatch(/^deaf: /);
      expect(listener.told.slice(4)).toEqual(['changed', 'hearing']);
    } finally {
      await listening.close();
    }
  });
});
