import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ANALYTICS_APPLICATION_NAME, ANALYTICS_DATA_SOURCE } from '#persistence';
import { startStreamingReplica, type StreamingReplica } from '../../bench/support/streaming-replica.js';
import { createTestApp, deploy, eventually, type TestApp } from './support/test-app.js';

/** Cases that end as they start: each is one ended case in the facts at once. */
const INSTANT = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="replica-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="replica-instant" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="answered"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="answered" />
  </bpmn:process>
</bpmn:definitions>`;

/** How long the replica may take to replay what the primary wrote (it streams within milliseconds here; generous for a loaded machine). */
const CATCH_UP_MS = 20_000;

/**
 * TANDEM_ANALYTICS_DATABASE_URL with a real streaming replica (PostgreSQL 18, started here): the
 * engine writes to the primary, every report reads the replica through a read-only pool of its own.
 */
describe('reports on a streaming replica (TANDEM_ANALYTICS_DATABASE_URL)', () => {
  let replica: StreamingReplica;
  let sut: TestApp;
  const http = () => request(sut.server);
  const startCases = async (count: number) => {
    for (let index = 0; index < count; index++) expect((await http().post('/api/processes/replica-instant/instances').send({})).status).toBe(201);
  };
  const kpiCases = async (): Promise<number> => {
    const response = await http().get('/api/analytics/kpis').query({ processKey: 'replica-instant' });
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { sampleSize: { cases: number } }).sampleSize.cases;
  };
  const eventLogCases = async (): Promise<number> => {
    const response = await http().get('/api/analytics/event-log').query({ processKey: 'replica-instant', format: 'csv' }).buffer(true);
    expect(response.status).toBe(200);
    const rows = response.text.trim().split('\n').slice(1);
    return new Set(rows.map((row) => row.split(',')[0])).size;
  };
  const onReplica = async <T>(sql: string): Promise<T[]> => {
    const client = await replica.replicaClient();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const onPrimary = async <T>(sql: string): Promise<T[]> => {
    const client = await replica.primaryClient();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    replica = await startStreamingReplica('tandem_replica_e2e');
    // The primary's database is the replica's too: it goes when the servers stop.
    sut = await createTestApp({ analyticsDatabaseUrl: replica.replicaUrl }, { database: { url: replica.primaryUrl, drop: async () => undefined } });
    await deploy(sut.server, INSTANT);
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
    await replica?.close();
  });

  it('reads reports through a pool of its own on the replica, whose sessions are read-only', async () => {
    // given the engine with the analytics database set
    const reports = sut.app.get<DataSource>(ANALYTICS_DATA_SOURCE);
    // when a report has run and we ask the reports' pool where it is
    await kpiCases();
    const [session] = (await reports.query(
      `SELECT pg_is_in_recovery() AS "inRecovery", current_setting('default_transaction_read_only') AS "readOnly", inet_server_port() AS port`,
    )) as Array<{ inRecovery: boolean; readOnly: string; port: number }>;
    // then it is the replica (a server in recovery, on the replica's port), read-only, and not the engine's own pool
    expect(session).toEqual({ inRecovery: true, readOnly: 'on', port: Number(new URL(replica.replicaUrl).port) });
    expect(reports).not.toBe(sut.app.get(DataSource));
    // and the reports' connections are on the replica, none on the primary
    const replicaSessions = await onReplica<{ count: number }>(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = '${ANALYTICS_APPLICATION_NAME}'`);
    const primarySessions = await onPrimary<{ count: number }>(`SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = '${ANALYTICS_APPLICATION_NAME}'`);
    expect(replicaSessions[0].count).toBeGreaterThan(0);
    expect(primarySessions[0].count).toBe(0);
  });

  it('answers from what the replica has replayed: cases it has not replayed yet are missing until it catches up', async () => {
    // given three cases, which the replica has replayed (the report shows them once it has)
    await startCases(3);
    expect(await eventually(kpiCases, (cases) => cases === 3, CATCH_UP_MS)).toBe(3);
    // when the replica stops replaying (as if it lagged) and two more cases run on the primary
    await onReplica('SELECT pg_wal_replay_pause()');
    await eventually(
      () => onReplica<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state'),
      ([{ state }]) => state === 'paused',
      CATCH_UP_MS,
    );
    await startCases(2);
    // then the reports still show the three (the report folded all five into the primary's facts first: the replica has not seen them)
    expect(await kpiCases()).toBe(3);
    expect(await eventLogCases()).toBe(3);
    const [{ facts }] = await onPrimary<{ facts: number }>('SELECT count(*)::int AS facts FROM case_fact WHERE ended_at IS NOT NULL');
    expect(facts).toBe(5);
    // and when it replays again, the reports show all five
    await onReplica('SELECT pg_wal_replay_resume()');
    expect(await eventually(kpiCases, (cases) => cases === 5, CATCH_UP_MS)).toBe(5);
    expect(await eventLogCases()).toBe(5);
  });

  it('answers reports 503 naming the setting while the replica is down; the engine goes on', async () => {
    // given the replica stopped
    await replica.stopReplica();
    // when a report is asked for, a case started and readiness probed
    const report = await http().get('/api/analytics/kpis').query({ processKey: 'replica-instant' });
    const started = await http().post('/api/processes/replica-instant/instances').send({});
    const health = await request(sut.anonymousServer).get('/api/health');
    // then only the report fails: 503 with Retry-After, naming the setting
    expect(report.status).toBe(503);
    expect(report.headers['retry-after']).toBe('5');
    expect(report.body).toEqual(
      expect.objectContaining({ code: 'DATABASE_UNAVAILABLE', details: { database: 'analytics', setting: 'TANDEM_ANALYTICS_DATABASE_URL', retryAfterSeconds: 5 } }),
    );
    expect(report.body.message).toContain('TANDEM_ANALYTICS_DATABASE_URL');
    expect(started.status).toBe(201);
    expect(health.status).toBe(200);
  });
});
