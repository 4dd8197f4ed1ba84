import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDataSource } from '#persistence';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the server of DATABASE_URL (set by jest global setup). */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run the tests through jest (global setup starts PostgreSQL)');
  const name = `tandem_e2e_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
};

const withAdminClient = async (url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
};

/**
 * A migrated database with a TypeORM DataSource on it, for the persistence specs: the
 * repositories take the DataSource directly, without the Nest app around them.
 */
export const openTestDataSource = async (): Promise<{ dataSource: DataSource; close(): Promise<void> }> => {
  const database = await createTestDatabase();
  const dataSource = await openDataSource({ url: database.url, poolSize: 8 });
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
};
