import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { withMaintenanceBudget } from '../maintenance-budget.js';
import { addMonths, defaultPartitionName, HISTORY_TABLES, monthOf, monthOfPartition, monthStart, partitionName, type HistoryTable, type Month } from './history-months.js';

/** Any constant works; it only has to be the same in every engine process. */
const HISTORY_LOCK_KEY = 7_130_013;
/** Partition DDL waits at most this long for the ledger's writers, then gives up until the next run (no queue of blocked commits behind it). */
const LOCK_TIMEOUT = '5s';
const DELETE_BATCH = 500;

/** What one retention run removed. */
export interface RetentionResult {
  /** The month partitions dropped, by name. */
  dropped: string[];
  /** Ended cases whose live rows (instance, tasks, variables, ...) were deleted. */
  deletedInstances: number;
}

/**
 * An ended case whose rows may go: it ended before the cutoff ($1), its history row says the
 * analytics aggregator counted it, and nothing of it is still queued for the aggregator (its case
 * fact included: a case the facts' backfill has not folded yet keeps its steps).
 */
const disposable = (instanceId: string): string => `EXISTS (
  SELECT 1 FROM instance i JOIN instance_history h ON h.id = i.id AND h.ended_at = i.ended_at
  WHERE i.id = ${instanceId} AND i.ended_at < $1
    AND NOT EXISTS (SELECT 1 FROM analytics_pending p WHERE p.instance_id = i.id)
    AND NOT EXISTS (SELECT 1 FROM analytics_case_pending p WHERE p.instance_id = i.id)
    AND NOT EXISTS (SELECT 1 FROM case_fact_backfill p WHERE p.instance_id = i.id))`;

/**
 * The month partitions of the history tables (step_event by `at`, instance_history by `ended_at`):
 * made ahead of time, and dropped whole once older than the retention. Every change runs in its own
 * transaction under one advisory lock, so engine processes doing it at once take turns and the
 * second finds the work done.
 */
@Injectable()
export class HistoryPartitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The month partitions of a table, oldest first (the default partition is not one). */
  async partitions(table: HistoryTable): Promise<Array<{ name: string; month: Month }>> {
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
      [table],
    );
    return rows
      .flatMap(({ name }) => {
        const month = monthOfPartition(table, name);
        return month ? [{ name, month }] : [];
      })
      .sort((a, b) => monthStart(a.month).getTime() - monthStart(b.month).getTime());
  }

  /**
   * Makes the partitions of this month and the next `monthsAhead` where missing; rows the default
   * partition took for such a month (written before its partition existed) move into it. Answers
   * the partitions made.
   */
  async ensureAhead(now: Date, monthsAhead: number): Promise<string[]> {
    const created: string[] = [];
    for (const { table, column } of HISTORY_TABLES) {
      for (let ahead = 0; ahead <= monthsAhead; ahead += 1) {
        const month = addMonths(monthOf(now), ahead);
        const name = partitionName(table, month);
        const made = await this.locked(async (manager) => {
          if (await exists(manager, name)) return false;
          const [from, to] = [monthStart(month).toISOString(), monthStart(addMonths(month, 1)).toISOString()];
          await manager.query(`CREATE TABLE ${name} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
          await manager.query(
            `WITH moved AS (DELETE FROM ${defaultPartitionName(table)} WHERE ${column} >= $1 AND ${column} < $2 RETURNING *) INSERT INTO ${name} SELECT * FROM moved`,
            [from, to],
          );
          await manager.query(`ALTER TABLE ${table} ATTACH PARTITION ${name} FOR VALUES FROM ('${from}') TO ('${to}')`);
          return true;
        });
        if (made) created.push(name);
      }
    }
    return created;
  }

  /**
   * Drops the month partitions older than the retention: those that end on or before the first
   * day of the month `retentionMonths` before `now`'s. Rows of cases that must stay (running,
   * ended inside the window, or not yet counted by the analytics aggregator) are moved to the
   * default partition first, so no running case loses a step. Then the live rows of the ended
   * cases whose history went are deleted: the aggregates keep their totals.
   */
  async dropExpired(now: Date, retentionMonths: number): Promise<RetentionResult> {
    const cutoff = monthStart(addMonths(monthOf(now), -retentionMonths));
    const dropped: string[] = [];
    // The ledger first: the steps of the cases that go leave with their partitions, not row by row.
    for (const { name } of await this.expired('step_event', cutoff)) {
      const gone = await this.locked(async (manager) => {
        if (!(await exists(manager, name))) return false;
        // The scan for the rows that stay runs before the parent is locked, so commits (writing this
        // month's partition) wait only for the detach. SHARE on the old partition alone keeps its
        // rows still meanwhile; which cases are disposable cannot change either: an ended case
        // takes no more commands, and its history row, once written, stays.
        await manager.query(`LOCK TABLE ${name} IN SHARE MODE`);
        await manager.query(`CREATE TEMPORARY TABLE history_kept ON COMMIT DROP AS SELECT * FROM ${name} s WHERE NOT ${disposable('s.instance_id')}`, [cutoff]);
        await manager.query(`ALTER TABLE step_event DETACH PARTITION ${name}`);
        await manager.query(`INSERT INTO step_event SELECT * FROM history_kept`);
        await manager.query(`DROP TABLE ${name}`);
        return true;
      });
      if (gone) dropped.push(name);
    }
    const deletedInstances = await this.deleteEndedCases(cutoff);
    for (const { name } of await this.expired('instance_history', cutoff)) {
      const gone = await this.locked(async (manager) => {
        if (!(await exists(manager, name))) return false;
        await manager.query(`ALTER TABLE instance_history DETACH PARTITION ${name}`);
        // Records of cases whose live rows had to stay wait in the default partition for a later run.
        await manager.query(`INSERT INTO instance_history SELECT * FROM ${name} h WHERE EXISTS (SELECT 1 FROM instance i WHERE i.id = h.id AND i.ended_at = h.ended_at)`);
        await manager.query(`DROP TABLE ${name}`);
        return true;
      });
      if (gone) dropped.push(name);
    }
    await this.locked((manager) =>
      manager.query(
        `DELETE FROM ${defaultPartitionName('instance_history')} h
         WHERE h.ended_at < $1 AND NOT EXISTS (SELECT 1 FROM instance i WHERE i.id = h.id AND i.ended_at = h.ended_at)`,
        [cutoff],
      ),
    );
    return { dropped, deletedInstances };
  }

  private async expired(table: HistoryTable, cutoff: Date): Promise<Array<{ name: string }>> {
    return (await this.partitions(table)).filter(({ month }) => monthStart(addMonths(month, 1)).getTime() <= cutoff.getTime());
  }

  /**
   * Deletes the live rows of the disposable cases (see `disposable`) in batches, oldest end first:
   * every row referencing the instance (found from the foreign keys, so a table added later is
   * covered), then the instance. A case whose called case (child) must stay stays with it.
   */
  private async deleteEndedCases(cutoff: Date): Promise<number> {
    let deleted = 0;
    let after: { endedAt: Date; id: string } | null = null;
    for (;;) {
      const batch: { candidates: number; last: { endedAt: Date; id: string } | null; deleted: number } = await this.locked(async (manager) => {
        const candidates: Array<{ id: string; endedAt: Date }> = await manager.query(
          `SELECT i.id, i.ended_at AS "endedAt" FROM instance_history h JOIN instance i ON i.id = h.id AND i.ended_at = h.ended_at
           WHERE h.ended_at < $1 AND ${disposable('i.id')}
             AND ($2::timestamptz IS NULL OR (h.ended_at, h.id) > ($2::timestamptz, $3::uuid))
           ORDER BY h.ended_at, h.id
           LIMIT $4
           FOR UPDATE OF i SKIP LOCKED`,
          [cutoff, after?.endedAt ?? null, after?.id ?? null, DELETE_BATCH],
        );
        const ids = candidates.map(({ id }) => id);
        // Parents of called cases that stay, and their parents in turn.
        const kept: Array<{ id: string }> = await manager.query(
          `WITH RECURSIVE kept(id) AS (
             SELECT c.parent_instance_id FROM instance c WHERE c.parent_instance_id = ANY($1::uuid[]) AND NOT (c.id = ANY($1::uuid[]))
             UNION
             SELECT c.parent_instance_id FROM instance c JOIN kept k ON c.id = k.id WHERE c.parent_instance_id = ANY($1::uuid[]))
           SELECT id FROM kept`,
          [ids],
        );
        const keptIds = new Set(kept.map(({ id }) => id));
        const doomed = ids.filter((id) => !keptIds.has(id));
        if (doomed.length > 0) {
          for (const { table, column } of await referencesToInstance(manager)) {
            await manager.query(`DELETE FROM ${table} WHERE ${quoteIdentifier(column)} = ANY($1::uuid[])`, [doomed]);
          }
          await manager.query(`DELETE FROM instance WHERE id = ANY($1::uuid[])`, [doomed]);
        }
        return { candidates: candidates.length, last: candidates.at(-1) ?? null, deleted: doomed.length };
      });
      deleted += batch.deleted;
      if (batch.candidates < DELETE_BATCH || batch.last === null) return deleted;
      after = batch.last;
    }
  }

  private locked<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [HISTORY_LOCK_KEY]);
      // Moving a month of history may outlast a request's budget; it has its own.
      return withMaintenanceBudget(manager, () => work(manager));
    });
  }
}

const exists = async (manager: EntityManager, table: string): Promise<boolean> => {
  const [{ found }]: Array<{ found: boolean }> = await manager.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [table]);
  return found;
};

/** Every single-column foreign key to instance from another table (a partitioned table once, not per partition). */
const referencesToInstance = (manager: EntityManager): Promise<Array<{ table: string; column: string }>> =>
  manager.query(
    `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
     FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = 'instance'::regclass AND cardinality(c.conkey) = 1
       AND c.conrelid <> 'instance'::regclass AND c.conparentid = 0
     ORDER BY 1`,
  );

const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
