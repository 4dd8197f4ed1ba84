import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { HistoryPartitionRepository } from './history-partition.repository.js';

const VERSION = '00000000-0000-4000-8000-00000000b001';
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('HistoryPartitionRepository', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let dataSource: DataSource;
  let sut: HistoryPartitionRepository;

  /** A case as commits and the aggregator leave it: its row, a variable, its steps and (when counted) its history row. */
  const storeCase = async (n: number, { steps, endedAt, counted, parent }: { steps: string[]; endedAt: string | null; counted: boolean; parent?: number }) => {
    await dataSource.query(
      `INSERT INTO instance (id, process_version_id, process_key, status, state, revision, started_at, ended_at, parent_instance_id)
       VALUES ($1, $2, 'service', $3, '{}', 1, $4, $5, $6)`,
      [id(n), VERSION, endedAt === null ? 'running' : 'completed', steps[0], endedAt, parent === undefined ? null : id(parent)],
    );
    await dataSource.query(`INSERT INTO variable (instance_id, name, value) VALUES ($1, 'channel', '"phone"')`, [id(n)]);
    for (const at of steps) {
      await dataSource.query(
        `INSERT INTO step_event (id, instance_id, activity_instance_id, element_id, element_type, type, at)
         VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'record', 'userTask', 'ready', $2)`,
        [id(n), at],
      );
    }
    if (endedAt === null) return;
    if (counted) {
      await dataSource.query(
        `INSERT INTO instance_history (id, process_version_id, process_key, status, started_at, ended_at, variables)
         VALUES ($1, $2, 'service', 'completed', $3, $4, '{"channel": "phone"}')`,
        [id(n), VERSION, steps[0], endedAt],
      );
    } else {
      await dataSource.query(`INSERT INTO analytics_case_pending (instance_id) VALUES ($1)`, [id(n)]);
    }
  };

  const partitionsOf = async (table: string): Promise<string[]> =>
    (
      await dataSource.query<Array<{ name: string }>>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`,
        [table],
      )
    ).map(({ name }) => name);

  const stepsOf = async (n: number): Promise<number> =>
    Number((await dataSource.query<Array<{ count: string }>>(`SELECT count(*) FROM step_event WHERE instance_id = $1`, [id(n)]))[0].count);

  const instanceExists = async (n: number): Promise<boolean> => (await dataSource.query<unknown[]>(`SELECT 1 FROM instance WHERE id = $1`, [id(n)])).length > 0;

  beforeAll(async () => {
    database = await openTestDataSource();
    dataSource = database.dataSource;
    sut = new HistoryPartitionRepository(dataSource);
    await dataSource.query(`INSERT INTO process_version (id, key, version, checksum, xml, graph, deployed_at) VALUES ($1, 'service', 1, 'x', '<x/>', '{"nodes": {}}', now())`, [
      VERSION,
    ]);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('makes the partitions of this month and the months ahead once, moving in what the default partition took for them', async () => {
    // given a step written for a month that has no partition yet
    await storeCase(1, { steps: ['2025-08-05T10:00:00Z'], endedAt: null, counted: false });
    // when partitions are made from August 2025 with two months ahead, twice
    const created = await sut.ensureAhead(new Date('2025-08-01T00:00:00Z'), 2);
    const again = await sut.ensureAhead(new Date('2025-08-20T00:00:00Z'), 2);
    // then each table got August to October once
    expect(created).toEqual([
      'step_event_p2025_08',
      'step_event_p2025_09',
      'step_event_p2025_10',
      'instance_history_p2025_08',
      'instance_history_p2025_09',
      'instance_history_p2025_10',
    ]);
    expect(again).toEqual([]);
    expect(await partitionsOf('step_event')).toEqual(expect.arrayContaining(['step_event_default', 'step_event_p2025_08', 'step_event_p2025_10']));
    // and the early step now lives in its month's partition
    const [{ partition }] = await dataSource.query<Array<{ partition: string }>>(`SELECT tableoid::regclass::text AS partition FROM step_event WHERE instance_id = $1`, [id(1)]);
    expect(partition).toBe('step_event_p2025_08');
  });

  it('lets engine processes maintaining at once take turns, so each partition is made once', async () => {
    // given two engine processes
    const other = new HistoryPartitionRepository(dataSource);
    // when both make the partitions from November 2025 at the same moment
    const [mine, theirs] = await Promise.all([sut.ensureAhead(new Date('2025-11-02T00:00:00Z'), 1), other.ensureAhead(new Date('2025-11-02T00:00:00Z'), 1)]);
    // then every partition was made by exactly one of them
    expect([...mine, ...theirs].sort()).toEqual(['instance_history_p2025_11', 'instance_history_p2025_12', 'step_event_p2025_11', 'step_event_p2025_12']);
  });

  it('drops the month partitions older than the retention and deletes the counted cases that ended before it, and nothing else', async () => {
    // given partitions from January to June 2026
    await sut.ensureAhead(new Date('2026-01-10T00:00:00Z'), 5);
    // and a case ended in January and counted, a running case from February, a case ended in January
    // but not counted yet, and a case that started in March and ended in April
    await storeCase(10, { steps: ['2026-01-05T09:00:00Z', '2026-01-20T09:00:00Z'], endedAt: '2026-01-20T09:00:00Z', counted: true });
    await storeCase(11, { steps: ['2026-02-03T09:00:00Z', '2026-05-03T09:00:00Z'], endedAt: null, counted: false });
    await storeCase(12, { steps: ['2026-01-07T09:00:00Z'], endedAt: '2026-01-25T09:00:00Z', counted: false });
    await storeCase(13, { steps: ['2026-03-25T09:00:00Z', '2026-04-02T09:00:00Z'], endedAt: '2026-04-02T09:00:00Z', counted: true });

    // when history is kept for 2 months beside June's: from April on
    const result = await sut.dropExpired(new Date('2026-06-15T12:00:00Z'), 2);

    // then exactly the partitions of the months before April are gone, each table's
    expect(result.dropped).toEqual([
      'step_event_p2025_08',
      'step_event_p2025_09',
      'step_event_p2025_10',
      'step_event_p2025_11',
      'step_event_p2025_12',
      'step_event_p2026_01',
      'step_event_p2026_02',
      'step_event_p2026_03',
      'instance_history_p2025_08',
      'instance_history_p2025_09',
      'instance_history_p2025_10',
      'instance_history_p2025_11',
      'instance_history_p2025_12',
      'instance_history_p2026_01',
      'instance_history_p2026_02',
      'instance_history_p2026_03',
    ]);
    const stepPartitions = await partitionsOf('step_event');
    expect(stepPartitions).toEqual(expect.arrayContaining(['step_event_default', 'step_event_p2026_04', 'step_event_p2026_05', 'step_event_p2026_06']));
    expect(stepPartitions.filter((name) => name < 'step_event_p2026_04' && name !== 'step_event_default')).toEqual([]);
    expect((await partitionsOf('instance_history')).filter((name) => name < 'instance_history_p2026_04' && name !== 'instance_history_default')).toEqual([]);
    // and the counted January case is gone with everything that referenced it
    expect(result.deletedInstances).toBe(1);
    expect(await instanceExists(10)).toBe(false);
    expect(await stepsOf(10)).toBe(0);
    expect(await dataSource.query(`SELECT 1 FROM variable WHERE instance_id = $1`, [id(10)])).toEqual([]);
    // while the running cases (the one from 2025 too), the uncounted case and the case ended in April keep every step
    expect(await instanceExists(1)).toBe(true);
    expect(await stepsOf(1)).toBe(1);
    expect(await instanceExists(11)).toBe(true);
    expect(await stepsOf(11)).toBe(2);
    expect(await instanceExists(12)).toBe(true);
    expect(await stepsOf(12)).toBe(1);
    expect(await instanceExists(13)).toBe(true);
    expect(await stepsOf(13)).toBe(2);
    expect(await dataSource.query(`SELECT id FROM instance_history WHERE id = $1`, [id(13)])).toEqual([{ id: id(13) }]);
  });

  it('deletes a case kept back for the aggregator once it is counted', async () => {
    // given the January case that was still queued has been counted since
    await dataSource.query(`DELETE FROM analytics_case_pending WHERE instance_id = $1`, [id(12)]);
    await dataSource.query(
      `INSERT INTO instance_history (id, process_version_id, process_key, status, started_at, ended_at, variables)
       VALUES ($1, $2, 'service', 'completed', '2026-01-07T09:00:00Z', '2026-01-25T09:00:00Z', '{}')`,
      [id(12), VERSION],
    );
    // when retention runs again
    const result = await sut.dropExpired(new Date('2026-06-20T12:00:00Z'), 2);
    // then no partition was left to drop, and the case and its steps (kept in the default partition) are gone
    expect(result).toEqual({ dropped: [], deletedInstances: 1 });
    expect(await instanceExists(12)).toBe(false);
    expect(await stepsOf(12)).toBe(0);
    expect(await dataSource.query(`SELECT id FROM instance_history WHERE id = $1`, [id(12)])).toEqual([]);
  });

  it('keeps a counted case whose fact the backfill has not folded yet, and deletes it once folded', async () => {
    // given a counted January case still queued for the case facts' backfill (it was there before the facts)
    await storeCase(30, { steps: ['2026-01-10T09:00:00Z'], endedAt: '2026-01-11T09:00:00Z', counted: true });
    await dataSource.query(`INSERT INTO case_fact_backfill (instance_id) VALUES ($1)`, [id(30)]);
    // when retention runs, and again once the aggregator folded its fact
    const whileQueued = await sut.dropExpired(new Date('2026-06-21T12:00:00Z'), 2);
    const keptSteps = await stepsOf(30);
    await dataSource.query(`DELETE FROM case_fact_backfill WHERE instance_id = $1`, [id(30)]);
    const afterwards = await sut.dropExpired(new Date('2026-06-21T12:00:00Z'), 2);
    // then its steps stay for the fold, and go after it
    expect([whileQueued.deletedInstances, keptSteps]).toEqual([0, 1]);
    expect(afterwards.deletedInstances).toBe(1);
    expect(await instanceExists(30)).toBe(false);
  });

  it('keeps an ended case while a case it called must stay, and deletes ended callers with their called cases', async () => {
    // given a January case that called a case still running, and a January case that called a case ended in January too
    await storeCase(20, { steps: ['2026-01-08T09:00:00Z'], endedAt: '2026-01-09T09:00:00Z', counted: true });
    await storeCase(21, { steps: ['2026-01-08T09:05:00Z'], endedAt: null, counted: false, parent: 20 });
    await storeCase(22, { steps: ['2026-01-10T09:00:00Z'], endedAt: '2026-01-12T09:00:00Z', counted: true });
    await storeCase(23, { steps: ['2026-01-10T09:05:00Z'], endedAt: '2026-01-11T09:00:00Z', counted: true, parent: 22 });
    // when retention runs
    const result = await sut.dropExpired(new Date('2026-06-25T12:00:00Z'), 2);
    // then the second family is gone, and the caller of the running case stays with it
    expect(result.deletedInstances).toBe(2);
    expect([await instanceExists(20), await instanceExists(21), await instanceExists(22), await instanceExists(23)]).toEqual([true, true, false, false]);
  });
});
