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
 * 4. The engine starts again and every report is timed over HTTP (issue 20): per activity all time
 *    and for 90 whole days (the day buckets), lead time all time (the case aggregates), and from the
 *    case facts: KPIs all time, KPIs by channel for a quarter, rework, utilisation, lead time by
 *    channel; p50 and p95 of BENCH_ROUNDS calls each.
 * 5. "Before": the ledger scan those reports ran until the case facts (the cases, all their steps,
 *    folded in memory; KPIs, rework and utilisation), timed in this process on the same database for
 *    the same scopes. It refused any scope over 20,000 cases with a 422, so it is timed only where
 *    the scope is within that cap (BENCH_LEDGER_ROUNDS calls each).
 *
 * 6. An experiment (the version against a redesign, every case routed, half each) is analysed over
 *    HTTP: p50 and p95 of BENCH_EXPERIMENT_ROUNDS calls (the analysis reads the arms' facts).
 *
 * Each case carries the segments the process declares (tandem:segments: channel, category,
 * customerTier), a customer (business key, every customer about three cases, so repeats happen)
 * and, for some, CSAT and NPS.
 *
 * 7. BENCH_FACT_CASES more ended cases are written straight into case_fact by SQL (no instance
 *    rows, no steps): the facts the aggregator would have folded, so that the facts' reports are
 *    timed at a million cases without folding 17 million steps first (about an hour here). The
 *    per-activity and all-time lead-time reports read aggregates that do not grow with the cases.
 *
 * 8. BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of the facts' costly parts and of the rollup's reads.
 *
 *   npm run bench:analytics     # BENCH_CASES (default 20000; or BENCH_ACTIVITY_INSTANCES / 6), BENCH_ROUNDS (default 50), BENCH_LEDGER_ROUNDS (default 5), BENCH_EXPERIMENT_ROUNDS (default 5), BENCH_FACT_CASES (default 0; 980000 with BENCH_CASES=20000 for the issue's million)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { caseFigures, DEFAULT_KPI_SETTINGS, elementCatalog, endedWithin, foldLedger, kpis, rework, utilization } from '#analytics';
import type { DataSource } from 'typeorm';
import type { ProcessGraph } from '#bpmn';
import { upperNearestRankQuantile } from '#core';
import { AnalyticsAggregator, AnalyticsRepository, CaseFactRepository, DEFAULT_DATABASE_TIMEOUTS, openDataSource, type AnalyticsScope } from '#persistence';
import { startBenchDatabase } from '../support/bench-database.js';
import { deployXml, postAsAdmin, projectRoot, startEngineProcess, type EngineProcess } from '../support/engine-process.js';

const PER_CASE = 6;
const CASES = Number(process.env.BENCH_CASES ?? (process.env.BENCH_ACTIVITY_INSTANCES ? Math.ceil(Number(process.env.BENCH_ACTIVITY_INSTANCES) / PER_CASE) : 20_000));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const LEDGER_ROUNDS = Number(process.env.BENCH_LEDGER_ROUNDS ?? 5);
const EXPERIMENT_ROUNDS = Number(process.env.BENCH_EXPERIMENT_ROUNDS ?? 5);
/** The cap the ledger-scanning reports had: more cases in scope answered 422. */
const OLD_CAP = 20_000;
const QUARTER = 'from=2025-04-01&to=2025-07-01';
const CASES_PER_INSERT = 5_000;
/** Ended cases written straight into case_fact (no steps), on top of BENCH_CASES: the scale of the facts' reports without a day of folding. */
const FACT_CASES = Number(process.env.BENCH_FACT_CASES ?? 0);
const FACTS_PER_INSERT = 100_000;
/** Bulk loading on a shared machine can take longer than the engine's 10 s statement timeout. */
const LOAD_TIMEOUTS = { ...DEFAULT_DATABASE_TIMEOUTS, statementTimeoutMs: 600_000, queryTimeoutMs: 605_000 };

async function main() {
  const db = await startBenchDatabase(['analytics']);
  const url = db.url('analytics');
  try {
    let engine = await startEngineProcess({ databaseUrl: url });
    const xml = readFileSync(join(projectRoot(), 'bench/analytics/service.bpmn'), 'utf8');
    const version = await deployXml(engine, xml);
    // A redesign to run against it: every case is routed to one of the two arms, half each.
    const candidate = await deployXml(engine, xml.replace('name="Resolve request"', 'name="Resolve request (redesigned)"'));
    const experimentId = await startExperiment(engine, version.id, candidate.id);
    // Stopped while loading, so that its background aggregation does not share the drain being timed.
    await engine.stop();

    const dataSource = await openDataSource({ url, poolSize: 4, timeouts: LOAD_TIMEOUTS });
    let began = performance.now();
    for (let from = 0; from < CASES; from += CASES_PER_INSERT) {
      await dataSource.query(LOAD_SQL, [version.id, from, Math.min(from + CASES_PER_INSERT, CASES) - 1, CASES]);
    }
    await dataSource.query(`INSERT INTO analytics_pending (activity_instance_id, instance_id)
                            SELECT activity_instance_id, instance_id FROM step_event WHERE type IN ('completed', 'canceled')`);
    await dataSource.query(`INSERT INTO analytics_case_pending (instance_id) SELECT id FROM instance WHERE ended_at IS NOT NULL`);
    // The facts are written by the drain below with each case's aggregates, not by the migration's backfill.
    await dataSource.query(`DELETE FROM case_fact_backfill`);
    // Half the cases (by their id) ran on the candidate; each case's assignment as the router writes it.
    await dataSource.query(`UPDATE instance SET process_version_id = $1 WHERE get_byte(decode(md5(id::text), 'hex'), 0) % 2 = 1`, [candidate.id]);
    await dataSource.query(
      `INSERT INTO experiment_assignment (instance_id, experiment_id, arm_id, process_version_id, reason, unit_key, assigned_at)
       SELECT id, $1, CASE WHEN process_version_id = $2 THEN 'to-be' ELSE 'as-is' END, process_version_id, 'weight', id::text, started_at FROM instance`,
      [experimentId, candidate.id],
    );
    const loadSeconds = (performance.now() - began) / 1000;
    // Facts only: as the aggregator writes an ended case's final fact, without its steps.
    for (let from = 0; from < FACT_CASES; from += FACTS_PER_INSERT) {
      await dataSource.query(FACT_SQL, [version.id, candidate.id, from, Math.min(from + FACTS_PER_INSERT, FACT_CASES) - 1, FACT_CASES]);
    }
    const [{ steps, pending }] = await dataSource.query(`SELECT (SELECT count(*) FROM step_event)::int AS steps, (SELECT count(*) FROM analytics_pending)::int AS pending`);

    began = performance.now();
    const folded = await new AnalyticsAggregator(dataSource).drain();
    const drainSeconds = (performance.now() - began) / 1000;
    const [check] = await dataSource.query(
      `SELECT (SELECT sum(queue_total) / sum(queue_n) FROM analytics_activity_bucket WHERE grain = 'all' AND element_id = 'triage') AS aggregate,
              (SELECT avg(extract(epoch FROM c.at - r.at)) FROM step_event r JOIN step_event c
                 ON c.activity_instance_id = r.activity_instance_id AND c.type = 'claimed'
               WHERE r.type = 'ready' AND r.element_id = 'triage') AS scanned,
              (SELECT count(*) FROM analytics_activity_bucket)::int AS buckets,
              (SELECT sum(cases)::int FROM analytics_case_bucket WHERE grain = 'all') AS cases,
              (SELECT count(*) FROM case_fact)::int AS facts,
              (SELECT count(*) FROM case_fact_rollup)::int AS rollup_rows`,
    );
    const graphs: Array<{ graph: ProcessGraph }> = await dataSource.query(`SELECT graph FROM process_version WHERE id = ANY($1::uuid[]) ORDER BY version`, [
      [version.id, candidate.id],
    ]);
    const ledger = ledgerReports(dataSource, elementCatalog(graphs.map(({ graph }) => graph)), [version.id, candidate.id]);
    const all = await ledger.time({});
    const byChannel = await ledger.time({ from: new Date('2025-04-01'), to: new Date('2025-07-01'), segments: { channel: 'phone' } });
    // What the analysis reads of the arms: their facts (the rest of its time is the statistics).
    const facts = new CaseFactRepository(dataSource);
    const factReads: number[] = [];
    for (let round = 0; round < Math.max(EXPERIMENT_ROUNDS, 3); round += 1) {
      const began = performance.now();
      await facts.armFacts(experimentId);
      factReads.push(performance.now() - began);
    }
    await dataSource.destroy();

    engine = await startEngineProcess({ databaseUrl: url });
    // Both versions: the baseline's cases and the candidate's.
    const scope = 'processKey=bench-analytics';
    const reports = [
      { report: 'activities, all time', after: await time(engine, 'activities', scope) },
      { report: 'activities, 90 whole days', after: await time(engine, 'activities', `${scope}&from=2025-03-01&to=2025-05-30`) },
      { report: 'cases (lead time distribution), all time', after: await time(engine, 'cases', scope) },
      { report: 'KPIs, all time', after: await time(engine, 'kpis', scope), before: all.kpis },
      { report: 'KPIs by channel (phone), a quarter', after: await time(engine, 'kpis', `${scope}&${QUARTER}&segment.channel=phone`), before: byChannel.kpis },
      { report: 'rework, all time', after: await time(engine, 'rework', scope), before: all.rework },
      { report: 'utilisation, all time', after: await time(engine, 'utilisation', scope), before: all.utilisation },
      { report: 'utilisation, a quarter', after: await time(engine, 'utilisation', `${scope}&${QUARTER}`) },
      { report: 'rework by channel (phone), a quarter', after: await time(engine, 'rework', `${scope}&${QUARTER}&segment.channel=phone`) },
      { report: 'lead time by channel (phone), a quarter', after: await time(engine, 'cases', `${scope}&${QUARTER}&segment.channel=phone`), before: byChannel.cases },
    ];
    // BENCH_EXPERIMENT_ROUNDS=0 skips the analysis over HTTP (its statistics take long on large arms).
    const experiment = EXPERIMENT_ROUNDS > 0 ? await time(engine, '', '', `${engine.baseUrl}/experiments/${experimentId}/analysis`, EXPERIMENT_ROUNDS) : null;
    const peak = engine.peakRssMb();
    await engine.stop();
    const plans = process.env.BENCH_EXPLAIN ? await explain(url, [version.id, candidate.id]) : [];

    console.log(
      `\nTandem analytics: ${CASES} cases with steps + ${FACT_CASES} ended cases as facts only, ${folded} completed activity instances, ${steps} steps (${pending} queued for aggregation)`,
    );
    console.table({
      'bulk SQL load (instances, steps, queue) s': +loadSeconds.toFixed(1),
      'aggregation (AnalyticsAggregator.drain: activity instances, cases, the rollup of the facts) s': +drainSeconds.toFixed(1),
      'activity bucket rows': check.buckets,
      'cases in the case aggregates': check.cases,
      'case facts': check.facts,
      'case fact rollup rows (versions x days and all time x segment values)': check.rollup_rows,
    });
    console.log(`check: Triage mean queue time ${Number(check.aggregate).toFixed(3)} s from the aggregates, ${Number(check.scanned).toFixed(3)} s over step_event`);
    console.table(
      reports.map(({ report, after, before }) => ({
        report,
        'p50 ms': after['p50 ms'],
        'p95 ms': after['p95 ms'],
        source: after.source,
        'before: ledger scan p95 ms': before ?? '-',
      })),
    );
    console.log(
      `experiment analysis ${experiment ? `(${experiment.source}): p50 ${experiment['p50 ms']} ms, p95 ${experiment['p95 ms']} ms over ${EXPERIMENT_ROUNDS} calls` : 'over HTTP skipped'}; reading the arms' facts alone (in process) p50 ${upperNearestRankQuantile(
        factReads.sort((a, b) => a - b),
        0.5,
      ).toFixed(0)} ms`,
    );
    console.log(`engine peak RSS ${peak?.toFixed(0) ?? '?'} MB`);
    for (const { name, plan } of plans) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${name}:\n${plan}`);
  } finally {
    await db.stop();
  }
}

/**
 * The reports as they were computed before the case facts (the service's ledger scan): the cases
 * in scope, all their steps folded in memory. Timed in this process for a scope within the old cap;
 * over it the endpoint answered 422.
 */
function ledgerReports(dataSource: DataSource, catalog: ReturnType<typeof elementCatalog>, versionIds: string[]) {
  const repository = new AnalyticsRepository(dataSource);
  const scan = async (scope: AnalyticsScope) => {
    const cases = await repository.findCases(scope);
    const runs = foldLedger(await repository.findSteps(cases.map(({ instanceId }) => instanceId)), catalog);
    const window = { from: scope.from?.getTime(), to: scope.to?.getTime() };
    const ended = cases.filter(({ endedAt }) => endedAt !== null && (window.from === undefined || endedAt >= window.from) && (window.to === undefined || endedAt < window.to));
    return { cases, runs, ended, window };
  };
  const p95 = async (scope: AnalyticsScope, report: (scanned: Awaited<ReturnType<typeof scan>>) => unknown): Promise<string> => {
    // The old rule: more than the cap in scope (the segment filter included) and the report refused.
    const count = (await repository.findCases(scope, OLD_CAP + 1)).length;
    if (count > OLD_CAP) return `422 (over ${OLD_CAP} cases)`;
    const durations: number[] = [];
    for (let round = 0; round < LEDGER_ROUNDS; round += 1) {
      const began = performance.now();
      report(await scan(scope));
      durations.push(performance.now() - began);
    }
    durations.sort((a, b) => a - b);
    return `${upperNearestRankQuantile(durations, 0.95).toFixed(0)} (${count} cases)`;
  };
  return {
    time: async (partial: Partial<AnalyticsScope>) => {
      const scope: AnalyticsScope = { processVersionIds: versionIds, segments: {}, ...partial };
      return {
        kpis: await p95(scope, ({ cases, ended, runs, window }) => {
          const running = cases.filter(({ endedAt, startedAt }) => endedAt === null && (window.from === undefined || startedAt >= window.from));
          return kpis([...ended, ...running], runs, caseFigures(ended, runs, catalog), catalog, DEFAULT_KPI_SETTINGS);
        }),
        rework: await p95(scope, ({ ended, runs }) =>
          rework(
            ended.map(({ instanceId }) => instanceId),
            runs,
          ),
        ),
        utilisation: await p95(scope, ({ runs, window }) => {
          const counted = runs.filter((run) => endedWithin(run, window));
          return utilization(counted, catalog, { from: window.from ?? 0, to: window.to ?? Date.now() }, new Map());
        }),
        cases: await p95(scope, ({ ended, runs }) => caseFigures(ended, runs, catalog)),
      };
    },
  };
}

/**
 * BENCH_EXPLAIN: the plans behind the figures, the engine stopped: what the facts' KPI query spends
 * all time (its sorts: the percentiles, the customers' window for repeats) and the rollup's reads.
 */
async function explain(url: string, versionIds: string[]): Promise<Array<{ name: string; plan: string }>> {
  const dataSource = await openDataSource({ url, poolSize: 1, timeouts: LOAD_TIMEOUTS });
  const statements = {
    'facts, all time: counts and type-7 percentiles (the KPI query without repeats)': `SELECT count(*) FILTER (WHERE escalated), count(first_response_ms),
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY lead_time_ms) FROM case_fact f WHERE f.process_version_id = ANY($1::uuid[]) AND f.ended_at IS NOT NULL`,
    "facts, all time: the repeat contacts (a window over each customer's cases)": `SELECT count(*) FILTER (WHERE repeat) FROM (
       SELECT min(started_at) OVER (PARTITION BY business_key ORDER BY started_at RANGE BETWEEN '7 days'::interval PRECEDING AND CURRENT ROW) < started_at AS repeat
       FROM case_fact f WHERE f.process_version_id = ANY($1::uuid[])) AS r`,
    'rollup, all time (KPI part)': `SELECT totals - '{figures,rework,work}'::text[] FROM case_fact_rollup
       WHERE process_version_id = ANY($1::uuid[]) AND grain = 'all' AND period = '-infinity' AND segments @> '{}'::jsonb`,
    'rollup, a quarter by channel (KPI part: its three month rows)': `SELECT totals - '{figures,rework,work}'::text[] FROM case_fact_rollup
       WHERE process_version_id = ANY($1::uuid[]) AND grain = 'month' AND segments @> '{"channel":"phone"}'::jsonb AND period >= '2025-04-01' AND period < '2025-07-01'`,
  };
  const plans = [];
  for (const [name, sql] of Object.entries(statements)) {
    const rows: Array<{ 'QUERY PLAN': string }> = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [versionIds]);
    plans.push({ name, plan: rows.map((row) => row['QUERY PLAN']).join('\n') });
  }
  await dataSource.destroy();
  return plans;
}

/** An experiment on the key, started and stopped (its cases are written below): the version as the baseline, the candidate beside it, half each. */
async function startExperiment(engine: EngineProcess, baseline: string, candidate: string): Promise<string> {
  const post = (path: string, body: unknown) => postAsAdmin<{ id: string }>(engine, path, body);
  const { id } = await post('/experiments', {
    processKey: 'bench-analytics',
    seed: 2026,
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: baseline, weight: 50 },
      { id: 'to-be', role: 'candidate', processVersionId: candidate, weight: 50 },
    ],
    primaryMetric: 'leadTime',
    secondaryMetrics: ['waitingTime', 'fcr'],
    plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.8 },
  });
  await post(`/experiments/${id}/start`, {});
  // Stopped at once: a running experiment's guardrails would be checked in the background while the reports are timed.
  await post(`/experiments/${id}/stop`, {});
  return id;
}

/** p50/p95 of GET /api/analytics/{report} (or the url given) over `rounds` calls (after 5 to warm up). */
async function time(engine: EngineProcess, report: string, query: string, url = `${engine.baseUrl}/analytics/${report}?${query}`, rounds = ROUNDS) {
  const durations: number[] = [];
  let source = '';
  for (let round = -Math.min(5, rounds); round < rounds; round += 1) {
    const began = performance.now();
    const response = await fetch(url, { headers: engine.authHeaders });
    const body = (await response.json()) as { source?: string; sampleSize?: Record<string, number>; verdict?: string; arms?: Array<{ assigned: number }>; code?: string };
    // A report that fails (e.g. past the statement timeout) is a figure too: its status after so long, not retried.
    if (!response.ok) {
      const failed = `${response.status} ${body.code ?? ''} after ${(performance.now() - began).toFixed(0)} ms`;
      return { calls: 1, 'p50 ms': failed, 'p95 ms': failed, 'max ms': failed, source: 'failed' };
    }
    if (round >= 0) durations.push(performance.now() - began);
    source = body.sampleSize
      ? `${body.source} (${Object.entries(body.sampleSize)
          .map(([name, n]) => `${n} ${name}`)
          .join(', ')})`
      : `verdict ${body.verdict}, ${body.arms?.map(({ assigned }) => assigned).join(' + ')} cases`;
  }
  durations.sort((a, b) => a - b);
  const at = (p: number) => +upperNearestRankQuantile(durations, p).toFixed(1);
  return { calls: rounds, 'p50 ms': at(0.5), 'p95 ms': at(0.95), 'max ms': at(1), source };
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
  INSERT INTO instance (id, process_version_id, process_key, business_key, status, state, revision, started_at, ended_at)
  SELECT id, $1::uuid, 'bench-analytics', 'customer-' || ((i * 7) % GREATEST($4::int / 3, 1)), 'completed', '{}'::jsonb, 1, t0, t3e FROM t
), variables AS (
  INSERT INTO variable (instance_id, name, value)
  SELECT t.id, v.name, v.value FROM t CROSS JOIN LATERAL (VALUES
    ('channel', to_jsonb((ARRAY['phone', 'chat', 'email', 'app', 'web'])[1 + t.i % 5])),
    ('category', to_jsonb((ARRAY['inquiry', 'transaction', 'complaint'])[1 + (t.i * 7) % 3])),
    ('customerTier', to_jsonb(CASE WHEN t.i % 5 = 0 THEN 'gold' ELSE 'standard' END)),
    ('csat', CASE WHEN t.i % 3 = 0 THEN to_jsonb(1 + t.i % 5) END),
    ('nps', CASE WHEN t.i % 4 = 0 THEN to_jsonb(t.i % 11) END)
  ) AS v(name, value) WHERE v.value IS NOT NULL
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

/**
 * Facts only: ended cases $3..$4 of $5, alternately on versions $1 and $2, over 2025 as LOAD_SQL
 * spreads them, with the same segments, customers (about three cases each, so repeats happen),
 * scores, some escalated and some with rework; their work by team as the fold writes it.
 */
const FACT_SQL = `
WITH c AS (
  SELECT i,
         timestamptz '2025-01-01 08:00Z' + make_interval(days => (i::bigint * 365 / $5::int)::int, secs => (i * 7919) % 28800) AS t0,
         60 + (i * 37) % 3600 AS q1, (i * 53) % 600 AS i1, 120 + (i * 71) % 1200 AS p1,
         5 + (i * 13) % 120 AS q2, 1 + (i * 17) % 30 AS p2,
         300 + (i * 97) % 14400 AS q3, (i * 29) % 900 AS i3, 300 + (i * 61) % 2400 AS p3
  FROM generate_series($3::int, $4::int) AS n, LATERAL (SELECT n::bigint AS i) AS wide
), t AS (
  SELECT c.*, (q1 + i1 + p1 + q2 + p2 + q3 + i3 + p3) * 1000.0 AS lead_ms, t0 + make_interval(secs => q1 + i1 + p1) AS t1e,
         t0 + make_interval(secs => q1 + i1 + p1 + q2 + p2 + q3 + i3 + p3) AS t3e
  FROM c
)
INSERT INTO case_fact (instance_id, process_version_id, business_key, status, started_at, ended_at, last_seq, lead_time_ms, desk_time_ms, queue_ms,
                       claimed_idle_ms, processing_ms, handoff_ms, external_system_ms, designed_wait_ms, other_ms, handling_ms, nva_ms, nva_steps,
                       nva_processing_ms, va_processing_ms, first_response_ms, first_lane, user_task_lanes, escalated, rework, costed_amount,
                       uncosted_processing_ms, csat, nps, segments, ended_runs, first_ready_at, last_ended_at, work, stages, worked)
SELECT md5('fact:' || i)::uuid, CASE WHEN i % 2 = 0 THEN $1::uuid ELSE $2::uuid END, 'fact-customer-' || ((i * 7) % GREATEST($5::int / 3, 1)), 'completed', t0, t3e, 17,
       lead_ms, lead_ms - (q2 + p2) * 1000.0, (q1 + q3) * 1000.0, (i1 + i3) * 1000.0, (p1 + p3) * 1000.0, 0, (q2 + p2) * 1000.0, 0, 0, (p1 + p3) * 1000.0,
       (q1 + i1 + p1) * 1000.0, 1, p1 * 1000.0, p3 * 1000.0, (q1 + i1) * 1000.0, 'first-line',
       CASE WHEN i % 13 = 0 THEN ARRAY['first-line'] ELSE ARRAY['first-line', 'second-line'] END, i % 17 = 0,
       CASE WHEN i % 11 = 0 THEN '{"elements":{"triage":1},"loops":[["triage","route","lookup","resolve","triage"]]}'::jsonb END,
       p1 / 3600.0 * 30 + p3 / 3600.0 * 60, p2 * 1000.0,
       CASE WHEN i % 3 = 0 THEN 1 + i % 5 END, CASE WHEN i % 4 = 0 THEN i % 11 END,
       jsonb_build_object('channel', (ARRAY['phone', 'chat', 'email', 'app', 'web'])[(1 + i % 5)::int], 'category', (ARRAY['inquiry', 'transaction', 'complaint'])[(1 + (i * 7) % 3)::int],
                          'customerTier', CASE WHEN i % 5 = 0 THEN 'gold' ELSE 'standard' END),
       6, t0, t3e,
       jsonb_build_array(jsonb_build_object('team', 'first-line', 'kind', 'group', 'endedAt', extract(epoch FROM t1e) * 1000, 'processingMs', p1 * 1000.0),
                         jsonb_build_object('team', 'systems', 'kind', 'lane', 'endedAt', extract(epoch FROM t1e) * 1000 + (q2 + p2) * 1000.0, 'processingMs', p2 * 1000.0),
                         jsonb_build_object('team', 'second-line', 'kind', 'group', 'endedAt', extract(epoch FROM t3e) * 1000, 'processingMs', p3 * 1000.0)),
       '{}'::jsonb, '[]'::jsonb
FROM t`;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
