import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { analyticsDataSourceOptions, dataSourceOptions } from '../data-source-options.js';
import { databaseOfError, Sql } from '../sql.js';
import { ANALYTICS_DATABASE, AnalyticsDatabase } from './analytics-database.js';

/** A port nothing listens on: bound for a moment, then released. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('AnalyticsDatabase', () => {
  let sut: AnalyticsDatabase | undefined;

  afterEach(async () => {
    await sut?.onModuleDestroy();
    sut = undefined;
  });

  it('is the primary itself when no analytics database is set', async () => {
    // given the primary's DataSource (not connected: nothing is read here)
    const primary = new DataSource(dataSourceOptions({ url: 'postgres://127.0.0.1:1/none', poolSize: 1 }));
    // when the reports' database is opened without analyticsUrl
    sut = await AnalyticsDatabase.open(primary, { url: 'postgres://127.0.0.1:1/none', poolSize: 1 });
    // then reports read the primary, and closing it leaves the primary alone
    expect(sut.dataSource).toBe(primary);
    expect(sut.separate).toBe(false);
  });

  it("opens the reports' sessions read-only and named, so a report can never write and a replica shows whose connections they are", () => {
    // when the analytics pool's options are made
    const sut = analyticsDataSourceOptions({ url: 'postgres://primary/db', analyticsUrl: 'postgres://replica/db', poolSize: 4 });
    // then they point at the analytics database with read-only sessions and no migrations of their own
    expect(sut).toEqual(
      expect.objectContaining({
        url: 'postgres://replica/db',
        migrations: [],
        extra: expect.objectContaining({ max: 4, application_name: 'tandem-analytics', options: '-c default_transaction_read_only=on' }),
      }),
    );
  });

  it('lets the engine start while the analytics database is down, and fails a report read as an outage of that database', async () => {
    // given an analytics database nobody answers on
    const port = await closedPort();
    const primary = new DataSource(dataSourceOptions({ url: 'postgres://127.0.0.1:1/none', poolSize: 1 }));
    // when it is opened (at the engine's start) and a report reads through it
    sut = await AnalyticsDatabase.open(primary, { url: 'postgres://127.0.0.1:1/none', analyticsUrl: `postgres://postgres@127.0.0.1:${port}/none`, poolSize: 1 });
    const read = new Sql(sut.dataSource).rows('SELECT 1').catch((error: unknown) => error);
    // then opening did not fail, and the read fails with a connection error tagged as the analytics database's
    expect(sut.separate).toBe(true);
    const error = await read;
    expect(error).toEqual(expect.objectContaining({ code: '08003' }));
    expect(databaseOfError(error)).toBe(ANALYTICS_DATABASE);
  });
});
