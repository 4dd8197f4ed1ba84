import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { bucketOf, emptyHistogram } from '#analytics';
import type { TestDatabase } from '../../../../test/e2e/support/test-database.js';
import { databaseBeforeMigration } from '../testing/database-before-migration.js';
import { TimeClasses1764000001600 } from '../migrations/1764000001600-time-classes.js';
import { AnalyticsAggregator } from './analytics-aggregator.js';
import { AnalyticsRepository } from './analytics.repository.js';
import { trimmedHistogram } from './bucket-columns.js';

const VERSION = '00000000-0000-4000-8000-00000000d001';
const CASE = '00000000-0000-4000-8000-00000000d002';

/** The model the buckets are of: a timer, a link catch, a service task, a multi-instance one, a message a worker sends, a user task. */
const node = (fields: Record<string, unknown>) => ({ incoming: [], outgoing: [], lean: {}, boundaryEventIds: [], ...fields });
const GRAPH = {
  nodes: {
    Wait: node({ id: 'Wait', type: 'intermediateCatchEvent', eventDefinition: { type: 'timer', timeDuration: 'PT2H' } }),
    Jump: node({ id: 'Jump', type: 'intermediateCatchEvent', eventDefinition: { type: 'link', linkName: 'a' } }),
    Sync: node({ id: 'Sync', type: 'serviceTask', topic: 'crm' }),
    Many: node({ id: 'Many', type: 'serviceTask', topic: 'crm', loop: { type: 'multiInstance', isSequential: false } }),
    Notify: node({ id: 'Notify', type: 'intermediateThrowEvent', eventDefinition: { type: 'message', messageName: 'done' }, externalTask: { topic: 'mail', retries: 3 } }),
    Answer: node({ id: 'Answer', type: 'userTask', candidateGroups: [], candidateUsers: [] }),
  },
};

/** A histogram (as stored: trailing empty buckets dropped) of some durations in seconds. */
const sketch = (...seconds: number[]): number[] => {
  const histogram = emptyHistogram();
  for (const value of seconds) histogram[bucketOf(value)] += 1;
  return trimmedHistogram(histogram);
};

type Measures = Partial<Record<'queue' | 'claimed_idle' | 'waiting' | 'processing' | 'duration', number[]>>;

describe('the time-classes migration on a database with aggregates', () => {
  let database: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    // given a database migrated up to the migration before this one, with buckets as the earlier fold wrote them
    const before = await databaseBeforeMigration(TimeClasses1764000001600);
    database = before.database;
    const { earlier } = before;
    await earlier.query(`INSERT INTO process_version (id, key, version, checksum, xml, graph, deployed_at) VALUES ($1, 'service', 1, 'x', '<x/>', $2, now())`, [
      VERSION,
      JSON.stringify(GRAPH),
    ]);
    const bucket = async (elementId: string, elementType: string, measures: Measures) => {
      const columns = Object.keys(measures).flatMap((measure) => [`${measure}_n`, `${measure}_total`, `${measure}_histogram`]);
      const values = Object.values(measures).flatMap((seconds) => [seconds.length, seconds.reduce((sum, value) => sum + value, 0), sketch(...seconds)]);
      await earlier.query(
        `INSERT INTO analytics_activity_bucket (process_version_id, grain, period, element_id, element_type, completed, ${columns.join(', ')})
         VALUES ($1, 'all', '-infinity', $2, $3, 2, ${columns.map((_, index) => `$${index + 4}`).join(', ')})`,
        [VERSION, elementId, elementType, ...values],
      );
    };
    // the timer waited 1 h and 3 h, all of it "queue"
    await bucket('Wait', 'intermediateCatchEvent', { queue: [3600, 10_800], claimed_idle: [0, 0], waiting: [3600, 10_800], processing: [0, 0], duration: [3600, 10_800] });
    await bucket('Jump', 'intermediateCatchEvent', { queue: [0], claimed_idle: [0], waiting: [0], processing: [0], duration: [0] });
    // the service task waited 60 s for a worker who took 120 s
    await bucket('Sync', 'serviceTask', { queue: [60], claimed_idle: [0], waiting: [60], processing: [120], duration: [180] });
    // a multi-instance service task: the body's 300 s duration and two inner instances of 10 + 90 and 20 + 70 s
    await bucket('Many', 'multiInstanceBody', { queue: [10, 20], claimed_idle: [0, 0], waiting: [10, 20], processing: [90, 70], duration: [300, 100, 90] });
    await bucket('Notify', 'intermediateThrowEvent', { queue: [30], claimed_idle: [0], waiting: [30], processing: [0], duration: [30] });
    await bucket('Answer', 'userTask', { queue: [600], claimed_idle: [60], waiting: [660], processing: [300], duration: [960] });

    // a counted case still in the ledger (5 January 2026): Answer 09:00-09:20, then a 2 h timer until 11:20
    await earlier.query(
      `INSERT INTO instance (id, process_version_id, process_key, status, state, revision, started_at, ended_at)
       VALUES ($1, $2, 'service', 'completed', '{}', 1, '2026-01-05T09:00:00Z', '2026-01-05T11:20:00Z')`,
      [CASE, VERSION],
    );
    await earlier.query(
      `INSERT INTO instance_history (id, process_version_id, process_key, status, started_at, ended_at, variables)
       VALUES ($1, $2, 'service', 'completed', '2026-01-05T09:00:00Z', '2026-01-05T11:20:00Z', '{}')`,
      [CASE, VERSION],
    );
    for (const [activity, elementId, elementType, type, at] of [
      ['00000000-0000-4000-8000-00000000e001', 'Answer', 'userTask', 'ready', '2026-01-05T09:00:00Z'],
      ['00000000-0000-4000-8000-00000000e001', 'Answer', 'userTask', 'started', '2026-01-05T09:10:00Z'],
      ['00000000-0000-4000-8000-00000000e001', 'Answer', 'userTask', 'completed', '2026-01-05T09:20:00Z'],
      ['00000000-0000-4000-8000-00000000e002', 'Wait', 'intermediateCatchEvent', 'ready', '2026-01-05T09:20:00Z'],
      ['00000000-0000-4000-8000-00000000e002', 'Wait', 'intermediateCatchEvent', 'completed', '2026-01-05T11:20:00Z'],
    ]) {
      await earlier.query(`INSERT INTO step_event (id, instance_id, activity_instance_id, element_id, element_type, type, at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`, [
        CASE,
        activity,
        elementId,
        elementType,
        type,
        at,
      ]);
    }
    // its day as the earlier fold wrote it (the timer's 2 h as queue), a day whose cases retention dropped, and the all-time row of both
    const leadTime = (n: number, totalSeconds: number) => ({ n, totalSeconds, histogram: sketch(...new Array<number>(n).fill(totalSeconds / n)) });
    await earlier.query(
      `INSERT INTO analytics_case_bucket (process_version_id, grain, period, cases, figures) VALUES
         ($1, 'day', '2026-01-05', 1, $2), ($1, 'day', '2025-01-01', 3, $3), ($1, 'all', '-infinity', 4, $4)`,
      [
        VERSION,
        JSON.stringify({ leadTime: leadTime(1, 8400), queue: leadTime(1, 7800) }),
        JSON.stringify({ leadTime: leadTime(3, 900) }),
        JSON.stringify({ leadTime: { n: 4, totalSeconds: 9300, histogram: sketch(8400, 300, 300, 300) }, queue: leadTime(1, 7800) }),
      ],
    );

    // when the engine opens it with every migration
    sut = await before.migrateAll();
  });

  afterAll(async () => {
    await sut?.destroy();
    await database?.drop();
  });

  it("moves the designed waits' and external tasks' time out of the desk's measures into their own, in place", async () => {
    const rows: Array<Record<string, unknown>> = await sut.query(
      `SELECT element_id, queue_n, waiting_n, waiting_total, processing_n, designed_wait_n, designed_wait_total, external_system_n, external_system_total, duration_n
       FROM analytics_activity_bucket ORDER BY element_id`,
    );
    const by = Object.fromEntries(rows.map(({ element_id, ...rest }) => [element_id, rest]));

    // the timer: 1 h + 3 h of designed wait, no waiting left
    expect(by.Wait).toMatchObject({ designed_wait_n: 2, designed_wait_total: 14_400, queue_n: 0, waiting_n: 0, waiting_total: 0, processing_n: 0, duration_n: 2 });
    // the service task: 180 s of external-system time (60 s before the fetch, 120 s after)
    expect(by.Sync).toMatchObject({ external_system_n: 1, external_system_total: 180, queue_n: 0, waiting_n: 0, processing_n: 0 });
    // the multi-instance one: its two inner instances, 10 + 90 and 20 + 70 s (not the body's 300 s)
    expect(by.Many).toMatchObject({ external_system_n: 2, external_system_total: 190, waiting_n: 0, processing_n: 0 });
    // the message a worker sends, by the model's externalTask
    expect(by.Notify).toMatchObject({ external_system_n: 1, external_system_total: 30, queue_n: 0 });
    // the link catch and the user task stay the desk's
    expect(by.Jump).toMatchObject({ waiting_n: 1, designed_wait_n: 0 });
    expect(by.Answer).toMatchObject({ waiting_n: 1, waiting_total: 660, processing_n: 1, designed_wait_n: 0, external_system_n: 0 });
  });

  it('folds again the days whose cases are all in the ledger, and keeps the figures of the days retention dropped', async () => {
    // then the day of the case still in the ledger is gone and its case queued; the dropped day stays
    const queued: Array<{ id: string }> = await sut.query(`SELECT instance_id AS id FROM analytics_case_pending`);
    const days: Array<{ period: string; cases: number }> = await sut.query(`SELECT period::text AS period, cases FROM analytics_case_bucket WHERE grain = 'day' ORDER BY period`);
    expect(queued).toEqual([{ id: CASE }]);
    expect(days).toEqual([{ period: '2025-01-01', cases: 3 }]);

    // when the aggregator drains the queue
    await new AnalyticsAggregator(sut).drain();

    // then the all-time figures are the dropped day's 3 cases (900 s) and the case folded again with the time classes:
    // 8400 s of lead time, of which 7200 s designed wait and 1200 s the desk's (600 s queue, 600 s working)
    const summary = (await new AnalyticsRepository(sut).caseAggregate([VERSION])).figures;
    expect(summary.leadTime).toMatchObject({ n: 4, totalSeconds: 9300 });
    expect(summary.designedWait).toMatchObject({ n: 1, totalSeconds: 7200 });
    expect(summary.deskTime).toMatchObject({ n: 1, totalSeconds: 1200 });
    expect(summary.queue).toMatchObject({ n: 1, totalSeconds: 600 });
    const refolded: Array<{ cases: number }> = await sut.query(`SELECT cases FROM analytics_case_bucket WHERE grain = 'day' AND period = '2026-01-05'`);
    expect(refolded).toEqual([{ cases: 1 }]);
  });
});
