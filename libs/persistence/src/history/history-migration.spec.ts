import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { TestDatabase } from '../../../../test/e2e/support/test-database.js';
import { databaseBeforeMigration } from '../testing/database-before-migration.js';
import { HistoryPartitions1764000001300 } from '../migrations/1764000001300-history-partitions.js';

const VERSION = '00000000-0000-4000-8000-00000000c001';
const ENDED = '00000000-0000-4000-8000-00000000c002';
const RUNNING = '00000000-0000-4000-8000-00000000c003';

describe('the history-partitions migration on a database with history', () => {
  let database: TestDatabase;
  let sut: DataSource;
  let stepsBefore: Array<{ id: string; seq: string; at: Date }>;

  beforeAll(async () => {
    // given a database migrated up to the migration before this one, holding an ended case (counted) and a running one
    const before = await databaseBeforeMigration(HistoryPartitions1764000001300);
    database = before.database;
    const { earlier } = before;
    await earlier.query(`INSERT INTO process_version (id, key, version, checksum, xml, graph, deployed_at) VALUES ($1, 'service', 1, 'x', '<x/>', '{"nodes": {}}', now())`, [
      VERSION,
    ]);
    await earlier.query(
      `INSERT INTO instance (id, process_version_id, process_key, status, state, revision, started_at, ended_at)
       VALUES ($1, $3, 'service', 'completed', '{}', 1, '2025-03-30T10:00:00Z', '2025-04-02T10:00:00Z'),
              ($2, $3, 'service', 'running', '{}', 1, '2025-04-01T10:00:00Z', NULL)`,
      [ENDED, RUNNING, VERSION],
    );
    await earlier.query(`INSERT INTO variable (instance_id, name, value) VALUES ($1, 'channel', '"phone"')`, [ENDED]);
    for (const [instanceId, at] of [
      [ENDED, '2025-03-30T10:00:00Z'],
      [ENDED, '2025-04-02T10:00:00Z'],
      [RUNNING, '2025-04-01T10:00:00Z'],
    ]) {
      await earlier.query(
        `INSERT INTO step_event (id, instance_id, activity_instance_id, element_id, element_type, type, at) VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'record', 'userTask', 'ready', $2)`,
        [instanceId, at],
      );
    }
    stepsBefore = await earlier.query(`SELECT id, seq, at FROM step_event ORDER BY seq`);
    // when the engine opens it with every migration
    sut = await before.migrateAll();
  });

  afterAll(async () => {
    await sut?.destroy();
    await database?.drop();
  });

  it('keeps every step with its commit order, each in its month partition, and goes on counting after them', async () => {
    const steps: Array<{ id: string; seq: string; at: Date; partition: string }> = await sut.query(
      `SELECT id, seq, at, tableoid::regclass::text AS partition FROM step_event ORDER BY seq`,
    );
    expect(steps.map(({ id, seq, at }) => ({ id, seq, at }))).toEqual(stepsBefore);
    expect(steps.map(({ partition }) => partition)).toEqual(['step_event_p2025_03', 'step_event_p2025_04', 'step_event_p2025_04']);
    const [next]: Array<{ seq: string }> = await sut.query(
      `INSERT INTO step_event (id, instance_id, activity_instance_id, element_id, element_type, type, at)
       VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'record', 'userTask', 'started', now()) RETURNING seq`,
      [RUNNING],
    );
    expect(BigInt(next.seq)).toBeGreaterThan(BigInt(stepsBefore[stepsBefore.length - 1].seq));
  });

  it('records the ended case, with its final variables, in the history of its month', async () => {
    const history: unknown[] = await sut.query(`SELECT id, status, variables, tableoid::regclass::text AS partition FROM instance_history`);
    expect(history).toEqual([{ id: ENDED, status: 'completed', variables: { channel: 'phone' }, partition: 'instance_history_p2025_04' }]);
  });
});
