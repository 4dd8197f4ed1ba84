import type { MigrationInterface, QueryRunner } from 'typeorm';
import { emptyCaseAggregate, mergeCaseAggregate, type CaseAggregate } from '#analytics';
import { caseAggregateOfRow, caseFiguresOfAggregate } from '../analytics/bucket-columns.js';

/** The element types whose instances are designed waits (libs/analytics time-class.ts). */
const DESIGNED_WAIT_TYPES = `('intermediateCatchEvent', 'eventBasedGateway', 'receiveTask')`;
/** The element types that are always external tasks; message throw and end events are when their node has `externalTask`. */
const EXTERNAL_TYPES = `('serviceTask', 'sendTask')`;

/** The desk's measure columns that a designed wait or an external task no longer has. */
const DESK_MEASURES = ['queue', 'claimed_idle', 'waiting', 'processing'];
const cleared = DESK_MEASURES.map((measure) => `${measure}_n = 0, ${measure}_total = 0, ${measure}_histogram = '{}'`).join(', ');
const copy = (to: string, from: string) => `${to}_n = b.${from}_n, ${to}_total = b.${from}_total, ${to}_histogram = b.${from}_histogram`;

/**
 * Time is classified before it is counted (DESIGN.md section 5, docs/analytics.md): a designed
 * wait (timer and other catch events, event-based gateways, receive tasks) and an external task's
 * time are no longer the desk's queue and processing but measures of their own.
 *
 * Activity buckets get the two new measures and are reclassified in place, so the buckets of
 * history that retention dropped keep their totals too. A designed wait was never claimed or
 * started: its old waiting measure (queue, and only its inner instances' for a multi-instance
 * activity) is its designed wait, exactly. A non-multi-instance external task ran from ready to
 * its end in queue and processing: its old duration is its external-system time, exactly. For a
 * multi-instance external task the count and total are exact (waiting + processing of the inner
 * instances), the quantiles come from its processing sketch (approximate).
 *
 * Case buckets hold per-case figures (the waiting share, PCE) that cannot be reclassified from
 * their sums: the days whose counted cases are all still in the ledger are folded again (their
 * rows deleted, their cases queued for the aggregator), and the all-time row is rebuilt from the
 * days that stay (history that retention dropped keeps its earlier figures) plus what is folded again.
 */
export class TimeClasses1764000001600 implements MigrationInterface {
  name = 'TimeClasses1764000001600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE analytics_activity_bucket
        ${['designed_wait', 'external_system']
          .map(
            (measure) =>
              `ADD COLUMN ${measure}_n integer NOT NULL DEFAULT 0, ADD COLUMN ${measure}_total double precision NOT NULL DEFAULT 0, ADD COLUMN ${measure}_histogram integer[] NOT NULL DEFAULT '{}'`,
          )
          .join(',\n        ')}`);

    // The node of each bucket's element in its version's graph (absent: the bucket's element type decides).
    const node = `(SELECT v.graph->'nodes'->b.element_id FROM process_version v WHERE v.id = b.process_version_id)`;
    const type = `COALESCE(${node}->>'type', b.element_type)`;
    const multiInstance = `COALESCE(${node}->'loop'->>'type' = 'multiInstance', false)`;
    const designedWait = `${type} IN ${DESIGNED_WAIT_TYPES} AND COALESCE(${node}->'eventDefinition'->>'type', '') <> 'link'`;
    const external = `(${type} IN ${EXTERNAL_TYPES} OR (${type} IN ('intermediateThrowEvent', 'endEvent') AND ${node} ? 'externalTask'))`;
    await queryRunner.query(`UPDATE analytics_activity_bucket b SET ${copy('designed_wait', 'waiting')}, ${cleared} WHERE ${designedWait}`);
    await queryRunner.query(`UPDATE analytics_activity_bucket b SET ${copy('external_system', 'duration')}, ${cleared} WHERE ${external} AND NOT ${multiInstance}`);
    await queryRunner.query(
      `UPDATE analytics_activity_bucket b
       SET external_system_n = b.processing_n, external_system_total = b.waiting_total + b.processing_total, external_system_histogram = b.processing_histogram, ${cleared}
       WHERE ${external} AND ${multiInstance}`,
    );

    // Day rows whose counted cases (a history row says counted) all still have their ledger: fold them again.
    const complete: Array<{ processVersionId: string; period: string }> = await queryRunner.query(`
      SELECT b.process_version_id AS "processVersionId", b.period::text AS period
      FROM analytics_case_bucket b
      WHERE b.grain = 'day' AND b.cases = (
        SELECT count(*) FROM instance_history h JOIN instance i ON i.id = h.id
        WHERE h.process_version_id = b.process_version_id AND (h.ended_at AT TIME ZONE 'UTC')::date = b.period)`);
    if (complete.length === 0) return;
    const keys = JSON.stringify(complete);
    await queryRunner.query(
      `INSERT INTO analytics_case_pending (instance_id)
       SELECT h.id FROM instance_history h JOIN instance i ON i.id = h.id
       JOIN jsonb_to_recordset($1::jsonb) AS k("processVersionId" uuid, period date)
         ON h.process_version_id = k."processVersionId" AND (h.ended_at AT TIME ZONE 'UTC')::date = k.period
       ON CONFLICT DO NOTHING`,
      [keys],
    );
    await queryRunner.query(
      `DELETE FROM analytics_case_bucket b USING jsonb_to_recordset($1::jsonb) AS k("processVersionId" uuid, period date)
       WHERE b.grain = 'day' AND b.process_version_id = k."processVersionId" AND b.period = k.period`,
      [keys],
    );
    // Each all-time row becomes the sum of the day rows that stay; the aggregator adds the cases folded again to both.
    const kept: Array<{ processVersionId: string; cases: number; figures: CaseAggregate['figures'] }> = await queryRunner.query(
      `SELECT process_version_id AS "processVersionId", cases, figures FROM analytics_case_bucket WHERE grain = 'day' ORDER BY process_version_id, period`,
    );
    const allTime = new Map<string, CaseAggregate>();
    for (const { processVersionId } of complete) allTime.set(processVersionId, emptyCaseAggregate());
    for (const row of kept) {
      const sum = allTime.get(row.processVersionId);
      if (sum) mergeCaseAggregate(sum, caseAggregateOfRow(row));
    }
    await queryRunner.query(
      `UPDATE analytics_case_bucket b SET cases = k.cases, figures = k.figures
       FROM jsonb_to_recordset($1::jsonb) AS k("processVersionId" uuid, cases integer, figures jsonb)
       WHERE b.grain = 'all' AND b.process_version_id = k."processVersionId"`,
      [JSON.stringify([...allTime].map(([processVersionId, sum]) => ({ processVersionId, cases: sum.cases, figures: caseFiguresOfAggregate(sum) })))],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A designed wait's time goes back to queue and waiting exactly (claimed-idle and processing were 0 for each instance);
    // an external task's goes to queue and waiting whole (its split at the first fetch is not kept). Case figures keep the new definitions.
    for (const measure of ['designed_wait', 'external_system']) {
      await queryRunner.query(
        `UPDATE analytics_activity_bucket SET
           queue_n = ${measure}_n, queue_total = ${measure}_total, queue_histogram = ${measure}_histogram,
           waiting_n = ${measure}_n, waiting_total = ${measure}_total, waiting_histogram = ${measure}_histogram,
           claimed_idle_n = ${measure}_n, claimed_idle_total = 0, claimed_idle_histogram = ARRAY[${measure}_n],
           processing_n = ${measure}_n, processing_total = 0, processing_histogram = ARRAY[${measure}_n]
         WHERE ${measure}_n > 0`,
      );
    }
    await queryRunner.query(`
      ALTER TABLE analytics_activity_bucket
        ${['designed_wait', 'external_system'].flatMap((measure) => ['n', 'total', 'histogram'].map((part) => `DROP COLUMN ${measure}_${part}`)).join(', ')}`);
  }
}
