import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { activityReport, activityReportFromAggregates, foldLedger, HISTOGRAM_RELATIVE_ERROR, leadTimeSummaryFromAggregate, type StepEvent } from '#analytics';
import { CATALOG, TWO_CASES, c1, c2 } from '../../../analytics/src/testing/two-cases.js';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { AnalyticsAggregator } from './analytics-aggregator.js';
import { AnalyticsRepository } from './analytics.repository.js';

const VERSION = '00000000-0000-4000-8000-00000000a001';

/** The fixtures' readable ids as uuids, the same id always the same uuid. */
const uuids = new Map<string, string>();
const uuid = (name: string): string => {
  let id = uuids.get(name);
  if (!id) {
    id = `00000000-0000-4000-8000-${String(uuids.size + 1).padStart(12, '0')}`;
    uuids.set(name, id);
  }
  return id;
};

/** Writes the two fixture cases' instances and steps as commits do, queuing every ended activity instance and both cases. */
const store = async (dataSource: DataSource, steps: StepEvent[]): Promise<void> => {
  for (const { instanceId, startedAt, endedAt } of TWO_CASES) {
    await dataSource.query(
      `INSERT INTO instance (id, process_version_id, process_key, status, state, revision, started_at, ended_at)
       VALUES ($1, $2, 'service', 'completed', '{}', 1, $3, $4)`,
      [uuid(instanceId), VERSION, new Date(startedAt), new Date(endedAt!)],
    );
    await dataSource.query(`INSERT INTO analytics_case_pending (instance_id) VALUES ($1)`, [uuid(instanceId)]);
  }
  for (const step of steps) {
    await dataSource.query(
      `INSERT INTO step_event (id, instance_id, activity_instance_id, element_id, element_type, type, at, actor, lane_id, previous_activity_instance_id, detail)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        uuid(step.instanceId),
        uuid(step.activityInstanceId),
        step.elementId,
        step.elementType,
        step.type,
        new Date(step.at),
        step.actor,
        step.laneId,
        step.previousActivityInstanceId === null ? null : uuid(step.previousActivityInstanceId),
        step.detail ?? null,
      ],
    );
    if (step.type === 'completed' || step.type === 'canceled') {
      await dataSource.query(`INSERT INTO analytics_pending (activity_instance_id, instance_id) VALUES ($1, $2)`, [uuid(step.activityInstanceId), uuid(step.instanceId)]);
    }
  }
};

describe('AnalyticsAggregator', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let sut: AnalyticsAggregator;
  let repository: AnalyticsRepository;

  beforeAll(async () => {
    database = await openTestDataSource();
    const { dataSource } = database;
    await dataSource.query(`INSERT INTO process_version (id, key, version, checksum, xml, graph, deployed_at) VALUES ($1, 'service', 1, 'x', '<x/>', '{"nodes": {}}', now())`, [
      VERSION,
    ]);
    sut = new AnalyticsAggregator(dataSource);
    repository = new AnalyticsRepository(dataSource);
    await store(dataSource, [...c1, ...c2]);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('folds each queued activity instance once into aggregates that agree with a ledger scan', async () => {
    // when the queue is drained twice (the second finds nothing)
    const folded = await sut.drain(3);
    const again = await sut.drain();

    // then c1 ended 4 activity instances (start, Triage, Fix, end) and c2 6 (start, Triage, Split, Fix, Check, end): 10
    expect([folded, again]).toEqual([10, 0]);
    const fromAggregates = Object.fromEntries(activityReportFromAggregates(await repository.activityAggregates([VERSION]), CATALOG).map((row) => [row.elementId, row]));
    const cases = await repository.findCases({ processVersionIds: [VERSION], segments: {} });
    const scanned = Object.fromEntries(
      activityReport(foldLedger(await repository.findSteps(cases.map(({ instanceId }) => instanceId))), CATALOG).map((row) => [row.elementId, row]),
    );
    expect(Object.keys(fromAggregates).sort()).toEqual(['Check', 'End', 'Fix', 'Split', 'Start', 'Triage']);
    for (const [elementId, row] of Object.entries(scanned)) {
      expect(fromAggregates[elementId]).toMatchObject({ count: row.count, completed: row.completed, canceled: row.canceled });
      expect(fromAggregates[elementId].timeClass).toBe(row.timeClass);
      for (const measure of ['queue', 'claimedIdle', 'waiting', 'processing', 'handoff', 'duration', 'designedWait', 'externalSystem'] as const) {
        expect(fromAggregates[elementId][measure].n).toBe(row[measure].n);
        expect(fromAggregates[elementId][measure].mean ?? 0).toBeCloseTo(row[measure].mean ?? 0, 6);
      }
    }
    // Fix: hand-off 1800 s (c1, across lanes, predecessor in an earlier "commit") and 0 s (c2) -> mean 900; queue 3600 s both
    expect(fromAggregates.Fix.handoff).toMatchObject({ n: 2, mean: 900 });
    expect(Math.abs(fromAggregates.Fix.queue.median! - 3600) / 3600).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
  });

  it('folds each ended case once into lead-time figures', async () => {
    // the queue was drained by the first test
    const sut = leadTimeSummaryFromAggregate(await repository.caseAggregate([VERSION]));

    // lead times 210 and 130 min: mean 170 min = 10200 s; processing 80 + 50 = 130 min = 7800 s (c2's external Check ran
    // while Fix queued: the desk's queue, no longer processing), and no "other" time
    expect(sut).toMatchObject({ cases: 2, leadTime: { n: 2, mean: 10200 }, components: { processing: { total: 7800 }, other: { total: 0 } } });
    expect((await repository.caseAggregate([VERSION], { fromDay: '2026-01-06' })).cases).toBe(0);
  });

  it('records each folded case once in the month-partitioned history', async () => {
    // the queue was drained by the first test; both cases ended on 5 January 2026, a month with no partition
    const sut: Array<{ id: string; partition: string; endedAt: Date }> = await database.dataSource.query(
      `SELECT id, tableoid::regclass::text AS partition, ended_at AS "endedAt" FROM instance_history ORDER BY id`,
    );

    expect(sut).toEqual(
      TWO_CASES.map(({ instanceId, endedAt }) => ({ id: uuid(instanceId), partition: 'instance_history_default', endedAt: new Date(endedAt!) })).sort((a, b) =>
        a.id.localeCompare(b.id),
      ),
    );
  });

  it('keeps day buckets that add up to the all-time row', async () => {
    // both cases ended on 5 January 2026
    const day = await repository.activityAggregates([VERSION], { fromDay: '2026-01-05', toDay: '2026-01-06' });
    const before = await repository.activityAggregates([VERSION], { toDay: '2026-01-05' });

    expect(day.find(({ elementId }) => elementId === 'Triage')).toMatchObject({ completed: 2, measures: { processing: { n: 2, totalSeconds: 3000 } } });
    expect(before).toEqual([]);
  });

  it('scans only the cases whose variables match the segment', async () => {
    await database.dataSource.query(`INSERT INTO variable (instance_id, name, value) VALUES ($1, 'channel', '"phone"'), ($2, 'channel', '"chat"')`, [uuid('c1'), uuid('c2')]);

    const sut = await repository.findCases({ processVersionIds: [VERSION], segments: { channel: 'chat' } });

    expect(sut.map(({ instanceId, variables }) => [instanceId, variables])).toEqual([[uuid('c2'), { channel: 'chat' }]]);
  });
});
