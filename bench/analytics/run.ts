/**
 * Analytics benchmark (issue 6, "How we will know"): the per-activity report of one process version
 * over all time with 1,000,000 completed activity instances (aim: p95 under 300 ms).
 *
 * 1. An engine process migrates a fresh database and deploys bench/analytics/service.bpmn (six flow
 *    nodes in three lanes: start, Triage, a gateway, an external Look-up, Resolve, end).
 * 2. BENCH_ACTIVITY_INSTANCES / 6 completed cases are written in bulk by SQL (generate_series): the
 *    instance rows, their steps as the engine writes them (ready/claimed/started/completed, spread
 *    over 365 days in arrival order, durations varying by case), one `analytics_pending` row per
 *    ended activity instance and one `analytics_case_pending` row per case: what commits queue.
 * 3. The aggregates are built by `AnalyticsAggregator.drain()`, the code the engine runs (activity
 *    instances, then every case's figures); its time is the load time. A check compares an
 *    aggregate mean with SQL over step_event.
 * 4. The engine starts again and `GET /api/analytics/activities` is timed over HTTP, all time and
 *    for a 90-day window of whole days (the day buckets), and `GET /api/analytics/cases` all time
 *    (the case aggregates); p50 and p95 of BENCH_ROUNDS calls each.
 *
 *   npm run bench:analytics     # BENCH_ACTIVITY_INSTANCES (default 1000000), BENCH_ROUNDS (default 200)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { upperNearestRankQuantile } from '#core';
import { AnalyticsAggregator, openDataSource } from '#persistence';
import { startBenchDatabase } from '../support/bench-database.js';
import { deployXml, projectRoot, startEngineProcess, type EngineProcess } from '../support/engine-process.js';

const ACTIVITY_INSTANCES = Number(process.env.BENCH_ACTIVITY_INSTANCES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const PER_CASE = 6;
const CASES = Math.ceil(ACTIVITY_INSTANCES / PER_CASE);
const CASES_PER_INSERT = 20_000;

async function main() {
  const db = await startBenchDatabase(['analytics']);
  const url = db.url('analytics');
  try {
    let engine = await startEngineProcess({ databaseUrl: url });
    const version = await deployXml(engine, readFileSync(join(projectRoot(), 'bench/analytics/service.bpmn'), 'utf8'));
    // Stopped while loading, so that its background aggregation does not share the drain being timed.
    await engine.stop();

    const dataSource = await openDataSource({ url, poolSize: 4 });
    let began = performance.now();
    for (let from = 0; from < CASES; from += CASES_PER_INSERT) {
      await dataSource.query(LOAD_SQL, [version.id, from, Math.min(from + CASES_PER_INSERT, CASES) - 1, CASES]);
    }
    await dataSource.query(`INSERT INTO analytics_pending (activity_instance_id, instance_id)
                            SELECT activity_instance_id, instance_id FROM step_event WHERE type IN ('completed', 'canceled')`);
    await dataSource.query(`INSERT INTO analytics_case_pending (instance_id) SELECT id FROM instance WHERE ended_at IS NOT NULL`);
    const loadSeconds = (performance.now() - began) / 1000;
    const [{ steps, pending }] = await dataSource.query(`SELECT (SELECT count(*) FROM step_event)::int AS steps, (SELECT count(*) FROM analytics_pending)::int AS pending`);

    began = performance.now();
    const folded = await new AnalyticsAggregator(dataSource).drain();
    const drainSeconds = (performance.now() - began) / 1000;
    const [check] = await dataSource.query(
      `SELECT (SELECT queue_total / queue_n FROM analytics_activity_bucket WHERE grain = 'all' AND element_id = 'triage') AS aggregate,
              (SELECT avg(extract(epoch FROM c.at - r.at)) FROM step_event r JOIN step_event c
                 ON c.activity_instance_id = r.activity_instance_id AND c.type = 'claimed'
               WHERE r.type = 'ready' AND r.element_id = 'triage') AS scanned,
              (SELECT count(*) FROM analytics_activity_bucket)::int AS buckets,
              (SELECT cases FROM analytics_case_bucket WHERE grain = 'all') AS cases`,
    );
    await dataSource.destroy();

    engine = await startEngineProcess({ databaseUrl: url });
    const allTime = await time(engine, 'activities', `processVersionId=${version.id}`);
    const window = await time(engine, 'activities', `processVersionId=${version.id}&from=2025-03-01&to=2025-05-30`);
    const cases = await time(engine, 'cases', `processVersionId=${version.id}`);
    const peak = engine.peakRssMb();
    await engine.stop();

    console.log(`\nTandem analytics: ${CASES} cases, ${folded} completed activity instances, ${steps} steps (${pending} queued for aggregation)`);
    console.table({
      'bulk SQL load (instances, steps, queue) s': +loadSeconds.toFixed(1),
      'aggregation (AnalyticsAggregator.drain: activity instances, then cases) s': +drainSeconds.toFixed(1),
      'activity bucket rows': check.buckets,
      'cases in the case aggregates': check.cases,
    });
    console.log(`check: Triage mean queue time ${Number(check.aggregate).toFixed(3)} s from the aggregates, ${Number(check.scanned).toFixed(3)} s over step_event`);
    console.table([
      { report: 'activities, one version, all time', ...allTime },
      { report: 'activities, one version, 90 whole days', ...window },
      { report: 'cases (lead time), one version, all time', ...cases },
    ]);
    console.log(`engine peak RSS ${peak?.toFixed(0) ?? '?'} MB`);
  } finally {
    await db.stop();
  }
}

/** p50/p95 of GET /api/analytics/{report} over ROUNDS calls (after 5 to warm up). */
async function time(engine: EngineProcess, report: string, query: string) {
  const durations: number[] = [];
  let source = '';
  for (let round = -5; round < ROUNDS; round += 1) {
    const began = performance.now();
    const response = await fetch(`${engine.baseUrl}/analytics/${report}?${query}`, { headers: engine.authHeaders });
    const body = (await response.json()) as { source: string; sampleSize: Record<string, number> };
    if (!response.ok) throw new Error(`report failed: ${response.status} ${JSON.stringify(body)}`);
    if (round >= 0) durations.push(performance.now() - began);
    source = `${body.source} (${Object.entries(body.sampleSize)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ')})`;
  }
  durations.sort((a, b) => a - b);
  const at = (p: number) => +upperNearestRankQuantile(durations, p).toFixed(1);
  return { calls: ROUNDS, 'p50 ms': at(0.5), 'p95 ms': at(0.95), 'max ms': at(1), source };
}

/**
 * Cases $2..$3 of $4 on version $1: cases arrive in order over the 365 days of 2025 (about 450 a
 * day for a million activity instances), during working hours; every duration varies with i. Activity instance ids are md5 uuids of (case, element), so each step's
 * predecessor is known without a lookup.
 */
const LOAD_SQL = `
WITH c AS (
  SELECT i,
         md5('case:' || i)::uuid AS id,
         timestamptz '2025-01-01 08:00Z' + make_interval(days => (i::bigint * 365 / $4::int)::int, secs => (i * 7919) % 28800) AS t0,
         60 + (i * 37) % 3600 AS q1, (i * 53) % 600 AS i1, 120 + (i * 71) % 1200 AS p1,
         5 + (i * 13) % 120 AS q2, 1 + (i * 17) % 30 AS p2,
         300 + (i * 97) % 14400 AS q3, (i * 29) % 900 AS i3, 300 + (i * 61) % 2400 AS p3
  FROM generate_series($2::int, $3::int) AS i
), t AS (
  SELECT c.*,
         t0 + make_interval(secs => q1) AS t1c, t0 + make_interval(secs => q1 + i1) AS t1s, t0 + make_interval(secs => q1 + i1 + p1) AS t1e,
         t0 + make_interval(secs => q1 + i1 + p1 + q2) AS t2s, t0 + make_interval(secs => q1 + i1 + p1 + q2 + p2) AS t2e,
         t0 + make_interval(secs => q1 + i1 + p1 + q2 + p2 + q3) AS t3c,
         t0 + make_interval(secs => q1 + i1 + p1 + q2 + p2 + q3 + i3) AS t3s,
         t0 + make_interval(secs => q1 + i1 + p1 + q2 + p2 + q3 + i3 + p3) AS t3e
  FROM c
), cases AS (
  INSERT INTO instance (id, process_version_id, process_key, status, state, revision, started_at, ended_at)
  SELECT id, $1::uuid, 'bench-analytics', 'completed', '{}'::jsonb, 1, t0, t3e FROM t
)
INSERT INTO step_event (id, instance_id, activity_instance_id, element_id, element_type, type, at, actor, lane_id, previous_activity_instance_id)
SELECT gen_random_uuid(), t.id, md5(t.i || ':' || s.element)::uuid, s.element, s.element_type, s.type, s.at, s.actor, s.lane,
       CASE WHEN s.previous IS NULL THEN NULL ELSE md5(t.i || ':' || s.previous)::uuid END
FROM t CROSS JOIN LATERAL (VALUES
  ('received', 'startEvent', 'ready', t.t0, NULL, 'first-line', NULL),
  ('received', 'startEvent', 'completed', t.t0, NULL, 'first-line', NULL),
  ('triage', 'userTask', 'ready', t.t0, NULL, 'first-line', 'received'),
  ('triage', 'userTask', 'claimed', t.t1c, 'agent-' || (t.i % 12), 'first-line', NULL),
  ('triage', 'userTask', 'started', t.t1s, 'agent-' || (t.i % 12), 'first-line', NULL),
  ('triage', 'userTask', 'completed', t.t1e, 'agent-' || (t.i % 12), 'first-line', NULL),
  ('route', 'parallelGateway', 'ready', t.t1e, NULL, 'first-line', 'triage'),
  ('route', 'parallelGateway', 'completed', t.t1e, NULL, 'first-line', NULL),
  ('lookup', 'serviceTask', 'ready', t.t1e, NULL, 'systems', 'route'),
  ('lookup', 'serviceTask', 'started', t.t2s, 'crm-worker', 'systems', NULL),
  ('lookup', 'serviceTask', 'completed', t.t2e, 'crm-worker', 'systems', NULL),
  ('resolve', 'userTask', 'ready', t.t2e, NULL, 'second-line', 'lookup'),
  ('resolve', 'userTask', 'claimed', t.t3c, 'expert-' || (t.i % 5), 'second-line', NULL),
  ('resolve', 'userTask', 'started', t.t3s, 'expert-' || (t.i % 5), 'second-line', NULL),
  ('resolve', 'userTask', 'completed', t.t3e, 'expert-' || (t.i % 5), 'second-line', NULL),
  ('resolved', 'endEvent', 'ready', t.t3e, NULL, 'second-line', 'resolve'),
  ('resolved', 'endEvent', 'completed', t.t3e, NULL, 'second-line', NULL)
) AS s(element, element_type, type, at, actor, lane, previous)
ORDER BY t.i`;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
