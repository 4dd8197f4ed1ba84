import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Socket } from 'node:net';
import type { DataSource } from 'typeorm';
import { createTestDatabase, openTestDataSource } from '../../../test/e2e/support/test-database.js';
import { DEFAULT_DATABASE_TIMEOUTS, MIGRATIONS, openDataSource } from './data-source-options.js';
import { COMMIT_TABLES, sqlType } from './tables.js';

/** information_schema's names for the types the declarations use. */
const declaredType = (dataType: string, udtName: string): string =>
  dataType === 'ARRAY' ? `${udtName.replace(/^_/, '')}[]` : dataType === 'timestamp with time zone' ? 'timestamptz' : dataType;

describe('the migrated schema', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let sut: DataSource;

  beforeAll(async () => {
    database = await openTestDataSource();
    sut = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('matches the entities exactly, so entity reads see the columns the migration made', async () => {
    // given the migrations ran when the data source opened
    // when TypeORM compares the entities with the database
    const pending = await sut.driver.createSchemaBuilder().log();
    // then it finds nothing to change
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it.each(COMMIT_TABLES.map((table) => [table.name, table] as const))(
    'has the columns the declaration of %s says, with their types, and nulls where it allows them',
    async (name, table) => {
      // given the migrated table's columns
      const rows: Array<{ column_name: string; data_type: string; udt_name: string; is_nullable: 'YES' | 'NO' }> = await sut.query(
        `SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [name],
      );
      const migrated = new Map(rows.map((row) => [row.column_name, row]));
      // when each declared column is looked up there
      const found = Object.entries(table.columns).map(([column, type]) => {
        const row = migrated.get(column);
        return { column, type: row && declaredType(row.data_type, row.udt_name), nullable: row?.is_nullable === 'YES' || !type.endsWith('?') };
      });
      // then it exists with the declared type, and a column declared nullable may hold null
      expect(found).toEqual(Object.entries(table.columns).map(([column, type]) => ({ column, type: sqlType(type), nullable: true })));
    },
  );
});

describe('openDataSource', () => {
  it('lets engine processes starting at once on a fresh database migrate it exactly once', async () => {
    // given an empty database
    const database = await createTestDatabase();
    try {
      // when three engine processes open it at the same moment
      const opened = await Promise.all([1, 2, 3].map(() => openDataSource({ url: database.url, poolSize: 2 })));
      // then all three start, and each migration ran once
      const rows: Array<{ name: string }> = await opened[0].query('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
      await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    } finally {
      await database.drop();
    }
  });

  it('gives up on a server that accepts the connection and never answers, within the connect timeout', async () => {
    // given a server that accepts TCP connections and says nothing, as a frozen PostgreSQL does
    const accepted: Socket[] = [];
    const silent = createServer((socket) => void accepted.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    try {
      // when an engine process starts on it, then the start fails (the test's own timeout is the bound on the wait)
      const opening = openDataSource({ url: `postgres://tandem:secret@127.0.0.1:${port}/tandem`, poolSize: 2, timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, connectTimeoutMs: 300 } });
      await expect(opening).rejects.toThrow('Connection terminated due to connection timeout');
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((done) => silent.close(done));
    }
  }, 10_000);
});
