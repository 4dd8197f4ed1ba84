import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseRecord, StepEvent } from '#analytics';
import type { InstanceState } from '#engine';
import { STEP_EVENT_FIELDS } from '../analytics/ledger-rows.js';
import { ASSIGNMENT_FIELDS, type AssignmentRecord } from '../experiments/experiment-assignment.js';
import { columnNames, fieldDefinitions, fieldName, fieldNames, INSTANCE, omit, pick } from '../tables.js';

/** The arm an experiment routed a simulated case to; it was assigned when the case started. */
export type SimulatedAssignment = Omit<AssignmentRecord, 'assignedAt'>;

/** A simulation run's ended cases of one process key, with their steps and, for a pilot, their arms. */
export interface SimulatedHistory {
  processKey: string;
  /** Ended cases only (a running case would need its tasks, jobs and state). */
  cases: readonly CaseRecord[];
  steps: readonly StepEvent[];
  assignments?: readonly SimulatedAssignment[];
}

/** A StepEvent as the import receives it: its instant in epoch milliseconds. */
const STEP_RECORD = { ...STEP_EVENT_FIELDS, at: 'double precision' } as const;

/** The step columns' values, read from the record set `s`: the instant turns from epoch milliseconds into a timestamp. */
const STEP_VALUES = Object.keys(STEP_RECORD)
  .map((name) => (name === 'at' ? 'to_timestamp(s.at / 1000.0)' : `s."${fieldName(name)}"`))
  .join(', ');

/** The assignment columns a SimulatedAssignment carries; assigned_at is the case's start. */
const ASSIGNMENT_IMPORTED = omit(ASSIGNMENT_FIELDS, 'assigned_at');

/** The instance columns an ended case's row carries (its engine state's fields, and the state itself). */
const IMPORTED_CASE = pick(INSTANCE.columns, 'id', 'process_version_id', 'process_key', 'business_key', 'status', 'state', 'started_at', 'ended_at');

/** Cases per INSERT: each statement carries its rows as one JSON parameter. */
const CASE_BATCH = 1_000;
const STEP_BATCH = 10_000;

/**
 * Writes simulated history (issue 8.4, the demo) where live history lives: instance rows marked
 * `origin = 'simulated'` with a final state, their variables, their steps in the ledger, and the
 * analytics queues, so the aggregator folds them like any ended case and every report and
 * experiment analysis reads them unchanged. Bulk statements (rows as JSON, unpacked by
 * `jsonb_to_recordset`), all in one transaction: a failed import leaves nothing behind.
 */
@Injectable()
export class SimulatedHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Imports the cases; refuses a case that has not ended. Answers how many cases and steps were written. */
  async import(history: SimulatedHistory): Promise<{ cases: number; steps: number }> {
    const running = history.cases.find(({ endedAt }) => endedAt === null);
    if (running) throw new Error(`simulated case ${running.instanceId} has not ended: only ended cases can be imported`);
    await this.dataSource.transaction(async (manager) => {
      for (let start = 0; start < history.cases.length; start += CASE_BATCH) {
        await insertCases(manager, history.processKey, history.cases.slice(start, start + CASE_BATCH));
      }
      for (let start = 0; start < history.steps.length; start += STEP_BATCH) {
        await insertSteps(manager, history.steps.slice(start, start + STEP_BATCH));
      }
      const assignments = history.assignments ?? [];
      for (let start = 0; start < assignments.length; start += CASE_BATCH) {
        await insertAssignments(manager, assignments.slice(start, start + CASE_BATCH));
      }
    });
    return { cases: history.cases.length, steps: history.steps.length };
  }

  /**
   * Moves a started experiment's start (and its start event) back to when its simulated pilot
   * began, so its daily looks and its arrival rate cover the pilot's cases.
   */
  async backdateExperimentStart(experimentId: string, startedAt: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE experiment SET started_at = $2, created_at = LEAST(created_at, $2) WHERE id = $1`, [experimentId, startedAt]);
      await manager.query(`UPDATE experiment_event SET at = $2 WHERE experiment_id = $1 AND action IN ('create', 'start')`, [experimentId, startedAt]);
    });
  }

  /** Whether any simulated case is stored (the demo seeds once per database). */
  async any(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM instance WHERE origin = 'simulated' LIMIT 1`);
    return rows.length > 0;
  }

  /** How many of the versions' cases are simulated, for the reports' heads. */
  async countByVersions(processVersionIds: readonly string[]): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM instance WHERE origin = 'simulated' AND process_version_id = ANY($1::uuid[])`,
      [processVersionIds],
    );
    return count;
  }

  /** 'simulated' or 'live'; null for an unknown case. */
  async originOf(instanceId: string): Promise<'live' | 'simulated' | null> {
    const rows: Array<{ origin: 'live' | 'simulated' }> = await this.dataSource.query(`SELECT origin FROM instance WHERE id = $1`, [instanceId]);
    return rows[0]?.origin ?? null;
  }
}

/** The engine state of a case that has ended: nothing waits, only its variables stay. */
const finalState = (processKey: string, record: CaseRecord): InstanceState => ({
  id: record.instanceId,
  processKey,
  processVersionId: record.processVersionId,
  ...(record.businessKey !== null && { businessKey: record.businessKey }),
  status: record.status as InstanceState['status'],
  startedAt: new Date(record.startedAt).toISOString(),
  endedAt: new Date(record.endedAt!).toISOString(),
  variables: record.variables,
  activities: [],
  timers: [],
  subscriptions: [],
  joins: {},
});

const insertCases = async (manager: EntityManager, processKey: string, cases: readonly CaseRecord[]): Promise<void> => {
  const rows = cases.map((record) => {
    const state = finalState(processKey, record);
    return { ...state, state };
  });
  await manager.query(
    `INSERT INTO instance (${columnNames(IMPORTED_CASE)}, revision, origin)
     SELECT ${fieldNames(IMPORTED_CASE, 'c.')}, 1, 'simulated'
     FROM jsonb_to_recordset($1::jsonb) AS c(${fieldDefinitions(IMPORTED_CASE)})`,
    [JSON.stringify(rows)],
  );
  await manager.query(
    `INSERT INTO variable (instance_id, name, value)
     SELECT c.id, v.key, v.value FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, variables jsonb), jsonb_each(c.variables) AS v`,
    [JSON.stringify(cases.map(({ instanceId, variables }) => ({ id: instanceId, variables })))],
  );
  // The aggregator folds ended cases from this queue into the case figures and instance_history.
  await manager.query(`INSERT INTO analytics_case_pending (instance_id) SELECT unnest($1::uuid[])`, [cases.map(({ instanceId }) => instanceId)]);
};

const insertSteps = async (manager: EntityManager, steps: readonly StepEvent[]): Promise<void> => {
  // seq (the ledger order) comes from the sequence in the order of the rows, as a commit writes them.
  await manager.query(
    `INSERT INTO step_event (id, ${columnNames(STEP_EVENT_FIELDS)})
     SELECT gen_random_uuid(), ${STEP_VALUES}
     FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${fieldDefinitions(STEP_RECORD)}))
          WITH ORDINALITY AS s(${fieldNames(STEP_RECORD)}, position)
     ORDER BY s.position`,
    [JSON.stringify(steps)],
  );
  const ended = [...new Set(steps.filter(({ type }) => type === 'completed' || type === 'canceled').map(({ activityInstanceId }) => activityInstanceId))];
  const instanceOf = new Map(steps.map(({ activityInstanceId, instanceId }) => [activityInstanceId, instanceId]));
  await manager.query(`INSERT INTO analytics_pending (activity_instance_id, instance_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`, [
    ended,
    ended.map((id) => instanceOf.get(id)),
  ]);
};

const insertAssignments = async (manager: EntityManager, assignments: readonly SimulatedAssignment[]): Promise<void> => {
  // A case is routed when it starts: the assignment carries its start instant.
  await manager.query(
    `INSERT INTO experiment_assignment (${columnNames(ASSIGNMENT_IMPORTED)}, assigned_at)
     SELECT ${fieldNames(ASSIGNMENT_IMPORTED, 'a.')}, i.started_at
     FROM jsonb_to_recordset($1::jsonb) AS a(${fieldDefinitions(ASSIGNMENT_IMPORTED)})
     JOIN instance i ON i.id = a."instanceId"`,
    [JSON.stringify(assignments)],
  );
};
