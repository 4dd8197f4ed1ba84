import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { eventually } from '../../../../test/e2e/support/test-app.js';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { DEFAULT_DATABASE_TIMEOUTS, dataSourceOptions } from '../data-source-options.js';
import { ExternalTaskListener, type AnnouncedTopics } from './external-task-listener.js';

describe('ExternalTaskListener', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openTestDataSource();
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('hears announcements after their commit, including the trigger on new external tasks', async () => {
    // given a listener
    const sut = new ExternalTaskListener(dataSource);
    const heard: AnnouncedTopics[] = [];
    const listening = await sut.listen(
      (topics) => heard.push(topics),
      () => undefined,
    );
    try {
      // when topics are announced
      await sut.announce(['billing']);
      await eventually(
        async () => heard.length,
        (count) => count === 1,
      );
      // and a transaction inserts external tasks, with an announcement heard while it is still open
      await dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO process_version (id, key, version, checksum, xml, graph, deployed_at)
          VALUES ('00000000-0000-4000-8000-000000000001', 'p', 1, 'c', '<x/>', '{}', now())`);
        await manager.query(`INSERT INTO instance (id, process_version_id, process_key, status, state, revision, started_at)
          VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'p', 'active', '{}', 1, now())`);
        await manager.query(`INSERT INTO external_task (id, instance_id, element_id, topic, retries, status, created_at) VALUES
          ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'a', 'crm', 3, 'open', now()),
          ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002', 'b', 'crm', 3, 'open', now()),
          ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000002', 'c', 'mail', 0, 'open', now())`);
        await sut.announce(['meanwhile']);
        await eventually(
          async () => heard.length,
          (count) => count === 2,
        );
      });
      // then the inserted tasks are heard only after the commit, naming each fetchable topic once
      await eventually(
        async () => heard.length,
        (count) => count === 3,
      );
      expect(heard).toEqual([['billing'], ['meanwhile'], ['crm']]);
    } finally {
      await listening.close();
    }
  });

  it('listens again after losing its connection, and says that announcements may have been missed', async () => {
    // given a listener
    const sut = new ExternalTaskListener(dataSource);
    const heard: AnnouncedTopics[] = [];
    const lost: Error[] = [];
    const listening = await sut.listen(
      (topics) => heard.push(topics),
      (error) => lost.push(error),
    );
    try {
      // when the database ends its connection
      await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`);
      // then it reports the loss, reconnects announcing 'any', and hears later announcements
      await eventually(
        async () => heard,
        (topics) => topics.includes('any'),
      );
      expect(lost).toHaveLength(1);
      await sut.announce(['after']);
      await eventually(
        async () => heard,
        (topics) => topics.some((announced) => Array.isArray(announced) && announced[0] === 'after'),
      );
      expect(heard).toEqual(['any', ['after']]);
    } finally {
      await listening.close();
    }
  });

  it('gives up connecting to a server that never answers within the pool connect timeout, and tries again later', async () => {
    // given a server that accepts TCP connections and says nothing (a frozen PostgreSQL), and a data source bounded to 300 ms
    const accepted: Socket[] = [];
    const silent = createServer((socket) => void accepted.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    const frozen = new DataSource(
      dataSourceOptions({ url: `postgres://tandem:secret@127.0.0.1:${port}/tandem`, poolSize: 1, timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, connectTimeoutMs: 300 } }),
    );
    const lost: Error[] = [];
    try {
      // when a listener starts on it, then its first attempt ends (the test's own timeout bounds the wait) and reports the loss
      const listening = await new ExternalTaskListener(frozen).listen(
        () => undefined,
        (error) => lost.push(error),
      );
      await listening.close();
      expect(lost.map((error) => error.message)).toEqual(['timeout expired']);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((done) => silent.close(done));
    }
  }, 10_000);
});
