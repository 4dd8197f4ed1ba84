/**
 * Replication lag of the analytics replica under load (issue 20 point 5): how far behind the
 * primary a report read from TANDEM_ANALYTICS_DATABASE_URL is while the engine runs at its peak.
 *
 * A PostgreSQL 18 primary and a streaming replica of it (bench/support/streaming-replica.ts),
 * durable commits on both; one engine process with DATABASE_URL on the primary and
 * TANDEM_ANALYTICS_DATABASE_URL on the replica. BENCH_CLIENTS clients start cases as fast as they
 * are answered for BENCH_SECONDS (a case that ends as it starts: the commit, its steps, and the
 * aggregator's fold of its facts every 5 s), while one analyst asks for the KPIs every second (read
 * on the replica). The primary's pg_stat_replication is sampled every 100 ms: replay_lag (the
 * time from a commit on the primary until the replica has replayed it) and the bytes not yet
 * replayed.
 *
 *   npm run build && node dist/bench/analytics/replica-lag.js    # BENCH_SECONDS (default 30), BENCH_CLIENTS (default 8)
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { upperNearestRankQuantile } from '#core';
import { deployXml, sleep, startEngineProcess } from '../support/engine-process.js';
import { startStreamingReplica } from '../support/streaming-replica.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);

const INSTANT = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="lag-definitions" targetNamespace="https://tandem.dev/bench">
  <bpmn:process id="lag-instant" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="answered"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="answered" />
  </bpmn:process>
</bpmn:definitions>`;

async function main() {
  const replica = await startStreamingReplica('tandem', { durable: true });
  const engine = await startEngineProcess({ databaseUrl: replica.primaryUrl, env: { TANDEM_ANALYTICS_DATABASE_URL: replica.replicaUrl } });
  const primary = await replica.primaryClient();
  try {
    await deployXml(engine, INSTANT);
    const headers = { ...engine.authHeaders, 'content-type': 'application/json' };
    const deadline = performance.now() + SECONDS * 1000;
    let started = 0;
    let failed = 0;
    const client = async () => {
      while (performance.now() < deadline) {
        const response = await fetch(`${engine.baseUrl}/processes/lag-instant/instances`, { method: 'POST', headers, body: '{}' });
        await response.arrayBuffer();
        if (response.status === 201) started++;
        else failed++;
      }
    };
    const reports: number[] = [];
    const analyst = async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        const response = await fetch(`${engine.baseUrl}/analytics/kpis?processKey=lag-instant`, { headers });
        await response.arrayBuffer();
        if (response.status === 200) reports.push(performance.now() - at);
        await sleep(1000);
      }
    };
    const lagMs: number[] = [];
    const lagBytes: number[] = [];
    const sampler = async () => {
      while (performance.now() < deadline) {
        const { rows } = await primary.query<{ ms: number | null; bytes: string | null }>(
          `SELECT EXTRACT(EPOCH FROM replay_lag) * 1000 AS ms, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS bytes
             FROM pg_stat_replication WHERE application_name = 'tandem_replica'`,
        );
        if (rows[0]?.ms !== null && rows[0]?.ms !== undefined) lagMs.push(Number(rows[0].ms));
        if (rows[0]?.bytes !== null && rows[0]?.bytes !== undefined) lagBytes.push(Number(rows[0].bytes));
        await sleep(100);
      }
    };
    const load = loadavg()[0];
    await Promise.all([...Array.from({ length: CLIENTS }, client), analyst(), sampler()]);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const figure = (values: number[], digits = 1) =>
      values.length === 0
        ? 'none'
        : `p50 ${upperNearestRankQuantile(sorted(values), 0.5).toFixed(digits)}, p95 ${upperNearestRankQuantile(sorted(values), 0.95).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}`;
    console.log(`\nReplica lag: ${SECONDS} s, ${CLIENTS} clients starting cases, one analyst reading KPIs on the replica every second`);
    console.log(`cases started ${started} (${(started / SECONDS).toFixed(0)}/s), failed ${failed}; load average at start ${load.toFixed(1)}, at end ${loadavg()[0].toFixed(1)}`);
    console.log(`replay lag ms (${lagMs.length} samples): ${figure(lagMs)}`);
    console.log(`WAL bytes not yet replayed (${lagBytes.length} samples): ${figure(lagBytes, 0)}`);
    console.log(`KPI report on the replica ms (${reports.length} calls): ${figure(reports)}`);
  } finally {
    await primary.end();
    await engine.stop();
    await replica.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
