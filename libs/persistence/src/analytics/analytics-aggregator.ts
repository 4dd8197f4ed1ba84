import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProcessGraph } from '#bpmn';
import {
  addCaseToAggregate,
  addToAggregate,
  caseFigures,
  elementCatalog,
  emptyAggregate,
  emptyCaseAggregate,
  foldLedger,
  handoffMs,
  mergeAggregate,
  mergeCaseAggregate,
  type ActivityAggregate,
  type ActivityRun,
  type CaseAggregate,
  type CaseRecord,
  type ElementCatalog,
} from '#analytics';
import {
  aggregateOfRow,
  ALL_TIME_PERIOD,
  BUCKET_COLUMNS,
  caseAggregateOfRow,
  caseFiguresOfAggregate,
  KEY_COLUMNS,
  valuesOfAggregate,
  VALUE_SELECT,
  type BucketRow,
} from './bucket-columns.js';
import { correctFollowed, rollUpFacts, writeRollup, type RollupDeltas } from './case-fact-rollup.js';
import { writeCaseFacts, type VersionFacts } from './case-facts.js';
import { LEDGER_COLUMNS, toStepEvent, type StepEventRow } from './ledger-rows.js';

/** The key of one analytics_activity_bucket row. */
interface BucketKey {
  process_version_id: string;
  grain: 'day' | 'all';
  period: string;
  element_id: string;
}

const BATCH = 10_000;
/** Cases come with all their steps: fewer per batch. */
const CASE_BATCH = 1_000;
/** Facts rolled up per transaction by the backfill (a few columns each). */
const ROLLUP_BATCH = 5_000;

const KEY_MATCH = KEY_COLUMNS.map(([name]) => `b.${name} = k.${name}`).join(' AND ');
const KEY_RECORD = KEY_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');

/** Takes up to $1 cases off a queue of instance ids (deleted with the transaction that folds them; others skip them). */
const takenFrom = (queue: 'case_fact_backfill' | 'analytics_case_pending'): string => `WITH taken AS (
     DELETE FROM ${queue} WHERE instance_id IN (
       SELECT instance_id FROM ${queue} LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING instance_id)
   SELECT instance_id AS id FROM taken`;

/** Cases that were there before case_fact (the migration queued them). */
const BACKFILL_TAKEN = takenFrom('case_fact_backfill');

/** Running cases with steps after the last one their fact folded (a task claimed or started). */
const RUNNING_MOVED = `SELECT f.instance_id AS id FROM case_fact f
   WHERE f.ended_at IS NULL AND EXISTS (SELECT 1 FROM step_event s WHERE s.instance_id = f.instance_id AND s.seq > f.last_seq)
   LIMIT $1 FOR UPDATE OF f SKIP LOCKED`;

/**
 * Keeps the per-activity aggregates: folds the activity instances that commits queued in
 * `analytics_pending` into `analytics_activity_bucket` (version x element x UTC day of the end,
 * and all time), deleting them from the queue in the same transaction, so each ended activity
 * instance is counted exactly once and no history is rescanned. Several engine processes may
 * drain at once: queue rows are taken with SKIP LOCKED, bucket rows are created if missing, then
 * locked in key order (no deadlock), merged here and written back.
 */
@Injectable()
export class AnalyticsAggregator {
  constructor(private readonly dataSource: DataSource) {}

  /** Element catalogs and declared segments by process version: versions never change. */
  private readonly versions = new Map<string, VersionFacts>();

  /**
   * Folds everything queued: activity instances (and the facts of their running cases), ended
   * cases (and their final facts), the cases the facts table has not seen yet, and the running
   * cases that moved since their fact was folded. Answers how many activity instances it folded.
   */
  async drain(batchSize = BATCH): Promise<number> {
    const folded = await this.untilDrained((manager) => this.foldBatch(manager, batchSize), batchSize);
    await this.untilDrained((manager) => this.foldCaseBatch(manager, CASE_BATCH), CASE_BATCH);
    await this.untilDrained((manager) => this.refoldFacts(manager, BACKFILL_TAKEN, CASE_BATCH), CASE_BATCH);
    await this.untilDrained((manager) => this.refoldFacts(manager, RUNNING_MOVED, CASE_BATCH), CASE_BATCH);
    await this.untilDrained((manager) => this.rollUpBackfill(manager, ROLLUP_BATCH), ROLLUP_BATCH);
    return folded;
  }

  /** Ended facts written before the rollup existed (the migration left them unrolled), oldest first. */
  private async rollUpBackfill(manager: EntityManager, limit: number): Promise<number> {
    const deltas: RollupDeltas = new Map();
    const count = await rollUpFacts(manager, deltas, { limit });
    await writeRollup(manager, deltas);
    return count;
  }

  /**
   * Writes the facts of these cases and, in the same transaction, the rollup: the ended ones
   * added, and the earlier cases of the customers seen for the first time corrected.
   */
  private async writeFacts(manager: EntityManager, instanceIds: readonly string[]): Promise<void> {
    const inserted = await writeCaseFacts(manager, instanceIds, (id) => this.versionFactsOf(manager, id));
    const deltas: RollupDeltas = new Map();
    await correctFollowed(manager, deltas, inserted);
    await rollUpFacts(manager, deltas, { instanceIds });
    await writeRollup(manager, deltas);
  }

  /** Runs one fold per transaction until a fold takes less than a full batch; answers how many they took. */
  private async untilDrained(fold: (manager: EntityManager) => Promise<number>, batchSize: number): Promise<number> {
    let taken = 0;
    for (;;) {
      const count = await this.dataSource.transaction(fold);
      taken += count;
      if (count < batchSize) return taken;
    }
  }

  /** The cases `take` picks (at most `limit`): their facts folded again from their steps. */
  private async refoldFacts(manager: EntityManager, take: string, limit: number): Promise<number> {
    const cases: Array<{ id: string }> = await manager.query(take, [limit]);
    await this.writeFacts(
      manager,
      cases.map(({ id }) => id),
    );
    return cases.length;
  }

  /** Queued ended cases: their records into instance_history, their figures (from all their steps, read by instance) into analytics_case_bucket. */
  private async foldCaseBatch(manager: EntityManager, limit: number): Promise<number> {
    const pending: Array<{ id: string }> = await manager.query(takenFrom('analytics_case_pending'), [limit]);
    if (pending.length === 0) return 0;
    const ids = pending.map(({ id }) => id);
    const rows: Array<{ instanceId: string; processVersionId: string; businessKey: string | null; status: string; startedAt: Date; endedAt: Date | null }> = await manager.query(
      `SELECT id AS "instanceId", process_version_id AS "processVersionId", business_key AS "businessKey", status,
                started_at AS "startedAt", ended_at AS "endedAt"
         FROM instance WHERE id = ANY($1::uuid[]) AND ended_at IS NOT NULL`,
      [ids],
    );
    await recordHistory(manager, ids);
    const steps: StepEventRow[] = await manager.query(`SELECT ${LEDGER_COLUMNS} FROM step_event s WHERE s.instance_id = ANY($1::uuid[]) ORDER BY s.instance_id, s.seq`, [ids]);
    const deltas = new Map<string, { key: CaseBucketKey; aggregate: CaseAggregate }>();
    for (const processVersionId of new Set(rows.map((row) => row.processVersionId))) {
      const cases: CaseRecord[] = rows
        .filter((row) => row.processVersionId === processVersionId)
        .map((row) => ({ ...row, startedAt: row.startedAt.getTime(), endedAt: row.endedAt!.getTime(), variables: {} }));
      const own = new Set(cases.map(({ instanceId }) => instanceId));
      const catalog = await this.catalogOf(manager, processVersionId);
      const runs = foldLedger(steps.filter(({ instanceId }) => own.has(instanceId)).map(toStepEvent), catalog);
      for (const figure of caseFigures(cases, runs, catalog)) {
        for (const key of [
          { process_version_id: processVersionId, grain: 'day' as const, period: new Date(figure.endedAt).toISOString().slice(0, 10) },
          { process_version_id: processVersionId, grain: 'all' as const, period: ALL_TIME_PERIOD },
        ]) {
          const id = `${key.process_version_id}|${key.grain}|${key.period}`;
          let delta = deltas.get(id);
          if (!delta) {
            delta = { key, aggregate: emptyCaseAggregate() };
            deltas.set(id, delta);
          }
          addCaseToAggregate(delta.aggregate, figure);
        }
      }
    }
    if (deltas.size > 0) await writeCases(manager, deltas);
    // Their final facts, in the transaction that counts them.
    await this.writeFacts(manager, ids);
    return pending.length;
  }

  private async catalogOf(manager: EntityManager, processVersionId: string): Promise<ElementCatalog> {
    return (await this.versionFactsOf(manager, processVersionId)).catalog;
  }

  private async versionFactsOf(manager: EntityManager, processVersionId: string): Promise<VersionFacts> {
    let known = this.versions.get(processVersionId);
    if (!known) {
      const [row]: Array<{ graph: ProcessGraph }> = await manager.query(`SELECT graph FROM process_version WHERE id = $1`, [processVersionId]);
      known = { catalog: elementCatalog(row ? [row.graph] : []), segments: row?.graph.segments ?? [] };
      this.versions.set(processVersionId, known);
    }
    return known;
  }

  private async foldBatch(manager: EntityManager, limit: number): Promise<number> {
    // A SELECT around the DELETE: TypeORM answers [rows, count] for a bare DELETE.
    const pending: Array<{ id: string; instanceId: string }> = await manager.query(
      `WITH taken AS (
         DELETE FROM analytics_pending WHERE activity_instance_id IN (
           SELECT activity_instance_id FROM analytics_pending LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING activity_instance_id, instance_id)
       SELECT activity_instance_id AS id, instance_id AS "instanceId" FROM taken`,
      [limit],
    );
    if (pending.length === 0) return 0;
    const deltas = await this.deltasOf(manager, pending);
    if (deltas.size > 0) await write(manager, deltas);
    // The running cases these activity instances belong to move: their facts again (an ended case's come with its case batch).
    const running: Array<{ id: string }> = await manager.query(`SELECT id FROM instance WHERE id = ANY($1::uuid[]) AND ended_at IS NULL`, [
      [...new Set(pending.map(({ instanceId }) => instanceId))],
    ]);
    await this.writeFacts(
      manager,
      running.map(({ id }) => id),
    );
    return pending.length;
  }

  /** The aggregates the queued activity instances add, by bucket key. */
  private async deltasOf(manager: EntityManager, pending: Array<{ id: string; instanceId: string }>): Promise<Map<string, { key: BucketKey; aggregate: ActivityAggregate }>> {
    const ids = pending.map(({ id }) => id);
    const steps: StepEventRow[] = await manager.query(`SELECT ${LEDGER_COLUMNS} FROM step_event s WHERE s.activity_instance_id = ANY($1::uuid[]) ORDER BY s.seq`, [ids]);
    const taken = new Set(ids);
    // Predecessors ended in earlier commits: their steps too, for hand-offs.
    const previous = [
      ...new Set(
        steps.flatMap((step) =>
          step.type === 'ready' && step.previousActivityInstanceId !== null && !taken.has(step.previousActivityInstanceId) ? [step.previousActivityInstanceId] : [],
        ),
      ),
    ];
    const previousSteps: StepEventRow[] =
      previous.length === 0 ? [] : await manager.query(`SELECT ${LEDGER_COLUMNS} FROM step_event s WHERE s.activity_instance_id = ANY($1::uuid[]) ORDER BY s.seq`, [previous]);
    const versions: Array<{ id: string; processVersionId: string }> = await manager.query(
      `SELECT id, process_version_id AS "processVersionId" FROM instance WHERE id = ANY($1::uuid[])`,
      [[...new Set(pending.map(({ instanceId }) => instanceId))]],
    );
    const versionOf = new Map(versions.map(({ id, processVersionId }) => [id, processVersionId]));
    // Each version's steps folded with its own catalog, which classifies their time (a predecessor is of the same case, so the same version).
    const runs = new Map<string, ActivityRun>();
    const all = [...previousSteps, ...steps].map(toStepEvent);
    for (const processVersionId of new Set(versionOf.values())) {
      const catalog = await this.catalogOf(manager, processVersionId);
      for (const run of foldLedger(
        all.filter(({ instanceId }) => versionOf.get(instanceId) === processVersionId),
        catalog,
      ))
        runs.set(run.activityInstanceId, run);
    }
    const deltas = new Map<string, { key: BucketKey; aggregate: ActivityAggregate }>();
    const add = (key: BucketKey, run: ActivityRun, handoff: number | null) => {
      const id = keyString(key);
      let delta = deltas.get(id);
      if (!delta) {
        delta = { key, aggregate: emptyAggregate(run.elementId, run.elementType, run.laneId) };
        deltas.set(id, delta);
      }
      addToAggregate(delta.aggregate, run, handoff);
    };
    for (const id of ids) {
      const run = runs.get(id);
      if (!run || run.endedAt === null) continue;
      const handoff = run.previousActivityInstanceId === null ? null : handoffMs(run, runs.get(run.previousActivityInstanceId));
      const processVersionId = versionOf.get(run.instanceId)!;
      add({ process_version_id: processVersionId, grain: 'day', period: new Date(run.endedAt).toISOString().slice(0, 10), element_id: run.elementId }, run, handoff);
      add({ process_version_id: processVersionId, grain: 'all', period: ALL_TIME_PERIOD, element_id: run.elementId }, run, handoff);
    }
    return deltas;
  }
}

/** Creates missing bucket rows, locks them all in key order, and writes back each row plus its delta. */
const write = async (manager: EntityManager, deltas: Map<string, { key: BucketKey; aggregate: ActivityAggregate }>): Promise<void> => {
  const sorted = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, delta]) => delta);
  const keys = sorted.map(({ key, aggregate }) => ({ ...key, element_type: aggregate.elementType }));
  await manager.query(
    `INSERT INTO analytics_activity_bucket (process_version_id, grain, period, element_id, element_type)
     SELECT process_version_id, grain, period, element_id, element_type FROM jsonb_to_recordset($1::jsonb) AS k(${KEY_RECORD}, element_type text)
     ORDER BY process_version_id, grain, period, element_id
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(keys)],
  );
  const current: BucketRow[] = await manager.query(
    `SELECT b.process_version_id, b.grain, b.period::text AS period, b.element_id, ${VALUE_SELECT}
     FROM analytics_activity_bucket b JOIN jsonb_to_recordset($1::jsonb) AS k(${KEY_RECORD}) ON ${KEY_MATCH}
     ORDER BY b.process_version_id, b.grain, b.period, b.element_id
     FOR UPDATE OF b`,
    [JSON.stringify(keys.map(({ element_type: _type, ...key }) => key))],
  );
  const rows = current.map((row) => {
    const delta = deltas.get(keyString(row as unknown as BucketKey))!;
    const merged = mergeAggregate(aggregateOfRow(row), delta.aggregate);
    return { ...delta.key, ...valuesOfAggregate(merged) };
  });
  const values = BUCKET_COLUMNS.slice(KEY_COLUMNS.length);
  await manager.query(
    `UPDATE analytics_activity_bucket b SET ${values.map(([name]) => `${name} = k.${name}`).join(', ')}
     FROM jsonb_to_recordset($1::jsonb) AS k(${BUCKET_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
     WHERE ${KEY_MATCH}`,
    [JSON.stringify(rows)],
  );
};

/**
 * The ended cases' records into the month-partitioned instance_history, in the transaction that
 * counts them: a history row means the case is in the aggregates, which retention relies on.
 */
const recordHistory = async (manager: EntityManager, instanceIds: string[]): Promise<void> => {
  await manager.query(
    `INSERT INTO instance_history (id, process_version_id, process_key, business_key, parent_instance_id, status, started_at, ended_at, variables)
     SELECT i.id, i.process_version_id, i.process_key, i.business_key, i.parent_instance_id, i.status, i.started_at, i.ended_at,
            COALESCE((SELECT jsonb_object_agg(v.name, v.value) FROM variable v WHERE v.instance_id = i.id), '{}'::jsonb)
     FROM instance i WHERE i.id = ANY($1::uuid[]) AND i.ended_at IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [instanceIds],
  );
};

interface CaseBucketKey {
  process_version_id: string;
  grain: 'day' | 'all';
  period: string;
}

/** As `write`, for case buckets: create missing rows, lock them in key order, write each back plus its delta. */
const writeCases = async (manager: EntityManager, deltas: Map<string, { key: CaseBucketKey; aggregate: CaseAggregate }>): Promise<void> => {
  const keys = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, { key }]) => key);
  const record = 'k(process_version_id uuid, grain text, period date)';
  await manager.query(
    `INSERT INTO analytics_case_bucket (process_version_id, grain, period)
     SELECT process_version_id, grain, period FROM jsonb_to_recordset($1::jsonb) AS ${record}
     ORDER BY process_version_id, grain, period
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(keys)],
  );
  const current: Array<CaseBucketKey & { cases: number; figures: CaseAggregate['figures'] }> = await manager.query(
    `SELECT b.process_version_id, b.grain, b.period::text AS period, b.cases, b.figures
     FROM analytics_case_bucket b JOIN jsonb_to_recordset($1::jsonb) AS ${record}
       ON b.process_version_id = k.process_version_id AND b.grain = k.grain AND b.period = k.period
     ORDER BY b.process_version_id, b.grain, b.period
     FOR UPDATE OF b`,
    [JSON.stringify(keys)],
  );
  const rows = current.map(({ process_version_id, grain, period, cases, figures }) => {
    const merged = mergeCaseAggregate(caseAggregateOfRow({ cases, figures }), deltas.get(`${process_version_id}|${grain}|${period}`)!.aggregate);
    return { process_version_id, grain, period, cases: merged.cases, figures: caseFiguresOfAggregate(merged) };
  });
  await manager.query(
    `UPDATE analytics_case_bucket b SET cases = k.cases, figures = k.figures
     FROM jsonb_to_recordset($1::jsonb) AS k(process_version_id uuid, grain text, period date, cases integer, figures jsonb)
     WHERE b.process_version_id = k.process_version_id AND b.grain = k.grain AND b.period = k.period`,
    [JSON.stringify(rows)],
  );
};

const keyString = ({ process_version_id, grain, period, element_id }: BucketKey): string => `${process_version_id}|${grain}|${period}|${element_id}`;
