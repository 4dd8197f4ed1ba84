import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { kpiTotalsOfRollup, reworkOfRollup } from '#analytics';
import type { TestDatabase } from '../../../../test/e2e/support/test-database.js';
import { CaseFactRollup1764000003200 } from '../migrations/1764000003200-case-fact-rollup.js';
import { databaseBeforeMigration } from '../testing/database-before-migration.js';
import { AnalyticsAggregator } from './analytics-aggregator.js';
import { CaseFactRepository } from './case-fact.repository.js';

const VERSION = '00000000-0000-4000-8000-00000000e001';
const HOUR_MS = 3_600_000;

describe('the fact rollup migration on a database with case facts', () => {
  let database: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    // given facts as the earlier aggregator left them: cust-1 twice (the second a day after the first ended), cust-2 reworked, cust-3 running
    const before = await databaseBeforeMigration(CaseFactRollup1764000003200);
    database = before.database;
    const { earlier } = before;
    await earlier.query(`INSERT INTO process_version (id, key, version, checksum, xml, graph, deployed_at) VALUES ($1, 'desk', 1, 'x', '<x/>', '{"nodes":{}}', now())`, [VERSION]);
    const fact = async (customer: string, startedAt: string, ended: boolean, rework: unknown = null) =>
      earlier.query(
        `INSERT INTO case_fact (instance_id, process_version_id, business_key, status, started_at, ended_at, last_seq, lead_time_ms, desk_time_ms,
                                queue_ms, claimed_idle_ms, processing_ms, handoff_ms, external_system_ms, designed_wait_ms, other_ms, handling_ms,
                                nva_ms, nva_steps, nva_processing_ms, va_processing_ms, first_response_ms, first_lane, user_task_lanes, escalated, rework,
                                costed_amount, uncosted_processing_ms, segments, ended_runs, first_ready_at, last_ended_at, work, stages, worked)
         SELECT gen_random_uuid(), $1, $2, CASE WHEN $4 THEN 'completed' ELSE 'running' END, $3::timestamptz, CASE WHEN $4 THEN $3::timestamptz + interval '2 hours' END,
                1, $5, $5, 0, 0, $5, 0, 0, 0, 0, $5, 0, 0, 0, $5, 600000, 'first-line', '{first-line}', false, $6::jsonb, 30, 0, '{"channel":"phone"}', 2,
                $3::timestamptz, $3::timestamptz + interval '1 hour', '[{"team":"first-line","kind":"group","endedAt":0,"processingMs":3600000}]', '{}', '[]'`,
        [VERSION, customer, startedAt, ended, ended ? 2 * HOUR_MS : null, rework === null ? null : JSON.stringify(rework)],
      );
    await fact('cust-1', '2026-02-02T09:00:00Z', true);
    await fact('cust-1', '2026-02-03T11:00:00Z', true);
    await fact('cust-2', '2026-02-02T10:00:00Z', true, { elements: { intake: 1 }, loops: [['intake', 'settle', 'intake']] });
    await fact('cust-3', '2026-02-04T10:00:00Z', false);

    // when the engine migrates and its aggregator drains
    sut = await before.migrateAll();
    await new AnalyticsAggregator(sut).drain();
  });

  afterAll(async () => {
    await sut?.destroy();
    await database?.drop();
  });

  it('rolls up every ended fact once, and leaves the running one to its facts', async () => {
    const [{ rolled, unrolled }] = await sut.query(
      `SELECT count(*) FILTER (WHERE rolled_up)::int AS rolled, count(*) FILTER (WHERE NOT rolled_up)::int AS unrolled FROM case_fact`,
    );
    expect([rolled, unrolled]).toEqual([3, 1]);
  });

  it('answers from the rollup: cust-1 came back (a repeat contact, no first-contact resolution), cust-2 was reworked', async () => {
    const repository = new CaseFactRepository(sut);
    const kpis = kpiTotalsOfRollup(await repository.rollup([VERSION], undefined, { channel: 'phone' }, 'kpis'));
    const byDay = kpiTotalsOfRollup(await repository.rollup([VERSION], { fromDay: '2026-02-02', toDay: '2026-02-03' }, {}, 'kpis'));
    const rework = reworkOfRollup(await repository.rollup([VERSION], undefined, {}, 'rework'));
    // A whole month from its month row; a window with days before a whole month from both; an open end
    const cases = async (fromDay?: string, toDay?: string) => (await repository.rollup([VERSION], { fromDay, toDay }, {}, 'kpis')).cases;
    expect(await Promise.all([cases('2026-02-01', '2026-03-01'), cases('2026-01-15', '2026-03-01'), cases('2026-02-03'), cases(undefined, '2026-02-03')])).toEqual([3, 3, 1, 2]);

    expect([kpis.escalation.of, kpis.repeats, kpis.fcr]).toEqual([3, { met: 1, of: 3 }, { met: 2, of: 3 }]);
    expect(kpis.leadTimeHours).toMatchObject({ n: 3, mean: 2, total: 6 });
    expect(byDay.escalation.of).toBe(2);
    expect(rework).toMatchObject({ cases: 3, casesWithRework: 1, elements: [{ elementId: 'intake', cases: 1, extraExecutions: 1 }] });
  });
});
