import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { EngineResult, InstanceState, InstanceStatus } from '#engine';
import { DataSource, type EntityManager } from 'typeorm';
import type { NewAssignment } from '../experiments/experiment-assignment.js';
import { fireStartTimer, type StartTimerFiring } from '../jobs/start-timer-firing.js';
import { writeReceipt, type MessageReceipt } from '../messages/message-receipt.js';
import { PERSISTENCE_ERRORS } from '../persistence-errors.js';
import { Sql } from '../sql.js';
import { assignmentRow, planCommit, type IdempotentAnswerRow } from './commit-plan.js';
import { commitStatement } from './commit-statement.js';
import type { AuditOperation } from './instance-audit.js';

/** An instance's engine state as loaded for a command, with the revision that guards it. */
export interface StoredInstance {
  state: InstanceState;
  revision: number;
}

export interface InstanceRecord extends StoredInstance {
  /** The version number of the process version the instance runs on. */
  version: number;
}

export interface InstanceSummary {
  id: string;
  processKey: string;
  processVersionId: string;
  version: number;
  businessKey: string | null;
  status: InstanceStatus;
  revision: number;
  startedAt: Date;
  endedAt: Date | null;
  /** `simulated` for cases a simulation wrote (the demo's history), `live` otherwise. */
  origin: 'live' | 'simulated';
}

export interface InstanceFilter {
  processKey?: string;
  status?: InstanceStatus;
  businessKey?: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** One activity run: an activity instance's step events (the ledger's records) folded into one row of instants. */
export interface ActivityRunRow {
  activityInstanceId: string;
  elementId: string;
  elementType: string;
  laneId: string | null;
  readyAt: Date | null;
  claimedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  canceledAt: Date | null;
  /** When an operator last moved it to another process version; its element is the one it moved to. */
  migratedAt: Date | null;
  /** Who finished the work (or, while it runs, who claimed or locked it). */
  actor: string | null;
  previousActivityInstanceId: string | null;
  /** How a case got here without running the steps before it (`startBefore`: moved in from another engine); null for a run the case reached itself. */
  movedIn: string | null;
}

/** One record of the audit trail: an operator command on the instance. */
export interface AuditEntry {
  id: string;
  operation: AuditOperation;
  actor: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  at: Date;
}

@Injectable()
export class InstanceRepository {
  private readonly sql: Sql;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Writes one engine result atomically: the new state (insert when `previous` is null, else an
   * update guarded by the previous revision), its step events, task / external task / job rows
   * and changed variables. Returns the new revision; throws REVISION_CONFLICT and writes nothing
   * when someone else committed first. A message receipt or a fired start timer in `extra` is
   * written first, in one transaction with the statement: their refusals (MESSAGE_ID_TAKEN,
   * MESSAGE_NOT_BUFFERED, JOB_NOT_HELD) leave nothing written.
   */
  async commit(result: EngineResult, previous: StoredInstance | null, extra: CommitExtra = {}): Promise<number> {
    const { messageReceipt, startTimer } = extra;
    if (messageReceipt || startTimer) {
      return this.dataSource.transaction(async (transaction) => {
        if (messageReceipt) await writeReceipt(transaction, messageReceipt);
        if (startTimer) await fireStartTimer(transaction, startTimer);
        return this.commitIn(transaction, result, previous, extra);
      });
    }
    const { sql, params } = statementOf(result, previous, extra);
    return committedRevision(await this.businessKeyChecked(result, () => this.sql.rows<{ revision: number }>(sql, params)), result, previous, extra);
  }

  /** The commit statement inside a transaction, after the rows written first. */
  private async commitIn(transaction: EntityManager, result: EngineResult, previous: StoredInstance | null, extra: CommitExtra = {}): Promise<number> {
    const { sql, params } = statementOf(result, previous, extra);
    return committedRevision(await this.businessKeyChecked(result, () => transaction.query(sql, params)), result, previous, extra);
  }

  /** The case that holds a business key of a process marked tandem:uniqueBusinessKey, if any. */
  async findBusinessKeyHolder(processKey: string, businessKey: string): Promise<string | null> {
    const rows = await this.sql.rows<{ instanceId: string }>(`SELECT instance_id AS "instanceId" FROM business_key_claim WHERE process_key = $1 AND business_key = $2`, [
      processKey,
      businessKey,
    ]);
    return rows[0]?.instanceId ?? null;
  }

  /** Runs a commit; a start refused by the business key's claim becomes BUSINESS_KEY_TAKEN, naming the case that holds it. */
  private async businessKeyChecked<T>(result: EngineResult, commit: () => Promise<T>): Promise<T> {
    try {
      return await commit();
    } catch (error) {
      if (constraintOf(error) !== BUSINESS_KEY_CONSTRAINT) throw error;
      const { processKey, businessKey = '' } = result.state;
      const instanceId = await this.findBusinessKeyHolder(processKey, businessKey);
      throw new DomainError(
        PERSISTENCE_ERRORS.businessKeyTaken,
        `Business key '${businessKey}' is taken by case ${instanceId ?? '(ended and deleted since)'} of process '${processKey}', which allows one case per business key`,
        { processKey, businessKey, instanceId },
      );
    }
  }

  async load(id: string): Promise<StoredInstance | null> {
    const rows = await this.sql.rows<StoredInstance>(`SELECT state, revision FROM instance WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<InstanceRecord | null> {
    const rows = await this.sql.rows<InstanceRecord>(
      `SELECT i.state, i.revision, v.version
       FROM instance i JOIN process_version v ON v.id = i.process_version_id
       WHERE i.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async list(filter: InstanceFilter): Promise<Page<InstanceSummary>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (column: string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      conditions.push(`i.${column} = $${params.length}`);
    };
    where('process_key', filter.processKey);
    where('status', filter.status);
    where('business_key', filter.businessKey);
    params.push(filter.limit, filter.offset);
    const rows = await this.sql.rows<InstanceSummary & { total: string }>(
      `SELECT i.id, i.process_key AS "processKey", i.process_version_id AS "processVersionId", v.version,
              i.business_key AS "businessKey", i.status, i.revision, i.started_at AS "startedAt",
              i.ended_at AS "endedAt", i.origin, count(*) OVER () AS total
       FROM instance i JOIN process_version v ON v.id = i.process_version_id
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY i.started_at DESC, i.id
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(filter, conditions, params.slice(0, -2));
    return { items: rows.map(({ total: _total, ...summary }) => summary), total };
  }

  /**
   * The step ledger of one instance, one row per activity instance, in the order they became
   * ready. An activity instance a migration moved shows the element it moved to; the operator
   * who moved it is in the audit trail, not its actor.
   */
  async findSteps(instanceId: string): Promise<ActivityRunRow[]> {
    return this.sql.rows<ActivityRunRow>(
      `SELECT activity_instance_id AS "activityInstanceId",
              (array_agg(element_id ORDER BY seq DESC))[1] AS "elementId",
              (array_agg(element_type ORDER BY seq DESC))[1] AS "elementType",
              (array_agg(lane_id ORDER BY seq DESC))[1] AS "laneId",
              min(at) FILTER (WHERE type = 'ready') AS "readyAt",
              min(at) FILTER (WHERE type = 'claimed') AS "claimedAt",
              min(at) FILTER (WHERE type = 'started') AS "startedAt",
              min(at) FILTER (WHERE type = 'completed') AS "completedAt",
              min(at) FILTER (WHERE type = 'canceled') AS "canceledAt",
              max(at) FILTER (WHERE type = 'migrated') AS "migratedAt",
              (array_agg(actor ORDER BY seq DESC) FILTER (WHERE actor IS NOT NULL AND type <> 'migrated'))[1] AS actor,
              min(previous_activity_instance_id::text) AS "previousActivityInstanceId",
              min(detail->>'movedIn') FILTER (WHERE type = 'ready') AS "movedIn"
       FROM step_event
       WHERE instance_id = $1
       GROUP BY activity_instance_id
       ORDER BY min(seq)`,
      [instanceId],
    );
  }

  /** The audit trail of one instance, oldest first. */
  async findAudit(instanceId: string): Promise<AuditEntry[]> {
    return this.sql.rows<AuditEntry>(`SELECT id, operation, actor, reason, details, at FROM instance_audit WHERE instance_id = $1 ORDER BY id`, [instanceId]);
  }

  /**
   * The instances still running (active or suspended) on a process version, oldest first: all of
   * them (up to `limit`), or those among `ids`.
   */
  async findRunningOn(processVersionId: string, { ids, limit }: { ids?: readonly string[]; limit?: number } = {}): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      `SELECT id FROM instance
       WHERE process_version_id = $1 AND status IN ('active', 'suspended') AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
       ORDER BY started_at, id
       LIMIT $3`,
      [processVersionId, ids ?? null, limit ?? null],
    );
    return rows.map(({ id }) => id);
  }

  /** A page past the end still reports how many rows match. */
  private async count(filter: InstanceFilter, conditions: string[], params: unknown[]): Promise<number> {
    if (filter.offset === 0) return 0;
    const rows = await this.sql.rows<{ total: string }>(`SELECT count(*) AS total FROM instance i ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}`, params);
    return Number(rows[0].total);
  }
}

/** What rides along with an engine result's commit, written in the same statement or transaction: with the case or not at all. */
export interface CommitExtra {
  /** A started case's experiment arm, as the router picked it (issue 7). */
  assignment?: NewAssignment;
  /** A start sent with an Idempotency-Key: its answer (issue 17). */
  idempotentAnswer?: IdempotentAnswerRow;
  /** The message the command delivers: remembered for its messageId, or taken from the buffer. */
  messageReceipt?: MessageReceipt;
  /** The start timer that started the case: its job gives way to the cycle's next occurrence. */
  startTimer?: StartTimerFiring;
  /** A start of a process marked tandem:uniqueBusinessKey: the case claims its business key (BUSINESS_KEY_TAKEN if another holds it). */
  uniqueBusinessKey?: boolean;
}

const BUSINESS_KEY_CONSTRAINT = 'business_key_claim_pkey';

/** The constraint a PostgreSQL error names (through TypeORM's wrapper or straight from pg). */
const constraintOf = (error: unknown): string | undefined => {
  const { constraint, driverError } = (error ?? {}) as { constraint?: string; driverError?: { constraint?: string } };
  return driverError?.constraint ?? constraint;
};

export const idempotencyKeyInProgress = (key: string, retryAfterSeconds = 1): DomainError =>
  new DomainError(PERSISTENCE_ERRORS.idempotencyKeyInProgress, `A request with Idempotency-Key '${key}' is still being processed; retry after ${retryAfterSeconds} s`, {
    key,
    retryAfterSeconds,
  });

const statementOf = (result: EngineResult, previous: StoredInstance | null, { assignment, idempotentAnswer, uniqueBusinessKey }: CommitExtra = {}) =>
  commitStatement(
    {
      ...planCommit(result, previous?.state ?? null),
      ...(assignment && { experimentAssignment: assignmentRow(assignment) }),
      ...(idempotentAnswer && { idempotentAnswer }),
      ...(uniqueBusinessKey && { uniqueBusinessKey: true as const }),
    },
    previous?.revision ?? null,
  );

/** The revision the commit statement returned; no row means another command committed first. */
const committedRevision = (rows: Array<{ revision: number }>, result: EngineResult, previous: StoredInstance | null, extra: CommitExtra = {}): number => {
  // With an Idempotency-Key, no row on a start means a retry took over the key (see IdempotencyKeyRepository.claim).
  if (rows.length === 0 && previous === null && extra.idempotentAnswer) throw idempotencyKeyInProgress(extra.idempotentAnswer.key);
  if (rows.length === 0) {
    throw new DomainError(PERSISTENCE_ERRORS.revisionConflict, `Instance ${result.state.id} was changed by another command; reload it and try again`, {
      instanceId: result.state.id,
      expectedRevision: previous?.revision,
    });
  }
  return rows[0].revision;
};
