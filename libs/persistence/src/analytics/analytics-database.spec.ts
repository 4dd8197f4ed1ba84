import { connect, createServer, type Server } from 'node:net';
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

/** Polls a read until it answers (the pool is opened in the background), for at most 10 s. */
const eventuallyRead = async (sql: Sql): Promise<unknown[]> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await sql.rows<{ one: number }>('SELECT 1 AS one');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};

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

  it('reaches an analytics database that was down at start once it answers, and reports read it from then on', async () => {
    // given an analytics database down while the engine starts (nothing on its port yet)
    const port = await closedPort();
    const server = new URL(process.env.DATABASE_URL!);
    const primary = new DataSource(dataSourceOptions({ url: server.toString(), poolSize: 1 }));
    const analyticsUrl = new URL(server);
    analyticsUrl.port = String(port);
    sut = await AnalyticsDatabase.open(primary, { url: server.toString(), analyticsUrl: analyticsUrl.toString(), poolSize: 1 }, 50);
    expect(await new Sql(sut.dataSource).rows('SELECT 1').catch((error: unknown) => databaseOfError(error))).toBe(ANALYTICS_DATABASE);
    // when it comes up on that port (a forwarder to the test run's PostgreSQL)
    const forwarder: Server = createServer((socket) => socket.pipe(connect(Number(server.port), server.hostname)).pipe(socket));
    await new Promise<void>((resolve) => forwarder.listen(port, '127.0.0.1', resolve));
    try {
      // then a report read answers once the retry has opened the pool
      expect(await eventuallyRead(new Sql(sut.dataSource))).toEqual([{ one: 1 }]);
      await sut.onModuleDestroy();
      sut = undefined;
    } finally {
      forwarder.close();
    }
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
