import { Injectable } from '@nestjs/common';
import type { Assignment, Experiment, ExperimentState } from '#experiments';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page } from '../instances/instance.repository.js';
import { Sql } from '../sql.js';
import { selectedAsFields } from '../tables.js';
import { ASSIGNMENT_FIELDS, type AssignmentRecord } from './experiment-assignment.js';

/** An experiment with its bookkeeping. */
export interface ExperimentRecord {
  experiment: Experiment;
  createdAt: Date;
  createdBy: string | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  /** The last guardrail check's results (the analysis lib's GuardrailCheck[]) and when it ran. */
  guardrailChecks?: unknown[] | null;
  guardrailsCheckedAt?: Date | null;
  /** Guardrail checks claimed so far (by any engine process). */
  guardrailCheckRuns?: number;
}

/** A routed case as the analysis reads it: the arm's version beside the version the case runs on. */
export interface RoutedCase {
  instanceId: string;
  armId: string;
  armVersionId: string;
  processVersionId: string;
  reason: Assignment['reason'];
  unitKey: string;
  /** `simulated` for a case a simulation wrote (the demo's pilot), `live` otherwise. */
  origin: 'live' | 'simulated';
}

/** A state change (or a plan amendment) of an experiment. */
export interface ExperimentEvent {
  id: string;
  experimentId: string;
  at: Date;
  actor: string | null;
  action: string;
  fromState: ExperimentState | null;
  toState: ExperimentState;
  reason: string | null;
  details: Record<string, unknown> | null;
}

export type NewExperimentEvent = Omit<ExperimentEvent, 'experimentId'>;

export interface ArmCounts {
  armId: string;
  assigned: number;
  running: number;
  finished: number;
}

export interface ExperimentFilter {
  processKey?: string;
  state?: ExperimentState;
}

/** What a guarded update found: done, the experiment no longer in the expected state, or the key already taken. */
export type ExperimentUpdate = 'updated' | 'stale' | 'keyTaken';

/** The experiment routing a key's new cases (running, paused or promoted), if any, and the key's newest version, if deployed. */
export interface StartRoute {
  routing: ExperimentRecord | null;
  latestVersionId: string | null;
}

interface ExperimentRow {
  id: string;
  process_key: string;
  state: ExperimentState;
  definition: Definition;
  seed: string;
  analysis_version: number;
  created_at: Date;
  created_by: string | null;
  started_at: Date | null;
  stopped_at: Date | null;
  guardrail_checks?: unknown[] | null;
  guardrails_checked_at?: Date | null;
  guardrail_check_runs?: number;
}

/** The experiment without the fields that have their own columns. */
type Definition = Omit<Experiment, 'id' | 'processKey' | 'state' | 'seed' | 'analysisVersion'>;

const UNIQUE_VIOLATION = '23505';
const ROUTING_STATES: ExperimentState[] = ['running', 'paused'];

const EVENT_COLUMNS = `id, experiment_id AS "experimentId", at, actor, action, from_state AS "fromState", to_state AS "toState", reason, details`;

const ASSIGNMENT_COLUMNS = selectedAsFields(ASSIGNMENT_FIELDS);

@Injectable()
export class ExperimentRepository {
  private readonly sql: Sql;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /** Stores a draft with its creation event. */
  async create(record: ExperimentRecord, event: NewExperimentEvent): Promise<void> {
    const { experiment } = record;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO experiment (id, process_key, state, definition, seed, analysis_version, created_at, created_by, started_at, stopped_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          experiment.id,
          experiment.processKey,
          experiment.state,
          JSON.stringify(definitionOf(experiment)),
          experiment.seed,
          experiment.analysisVersion,
          record.createdAt,
          record.createdBy,
          record.startedAt,
          record.stoppedAt,
        ],
      );
      await this.insertEvent(manager, experiment.id, event);
    });
  }

  async findById(id: string): Promise<ExperimentRecord | null> {
    const rows = await this.sql.rows<ExperimentRow>(`SELECT * FROM experiment WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  async list({ processKey, state }: ExperimentFilter): Promise<ExperimentRecord[]> {
    const rows = await this.sql.rows<ExperimentRow>(
      `SELECT * FROM experiment WHERE ($1::text IS NULL OR process_key = $1) AND ($2::text IS NULL OR state = $2)
       ORDER BY created_at DESC, id`,
      [processKey ?? null, state ?? null],
    );
    return rows.map(toRecord);
  }

  /** The running or paused experiment of a key, if any. */
  async findActive(processKey: string): Promise<ExperimentRecord | null> {
    const rows = await this.sql.rows<ExperimentRow>(`SELECT * FROM experiment WHERE process_key = $1 AND state = ANY($2)`, [processKey, ROUTING_STATES]);
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  /** The experiment that routes new cases of a key: the running or paused one, else the latest promoted one. */
  async findRouting(processKey: string): Promise<ExperimentRecord | null> {
    return (await this.findStartRoute(processKey)).routing;
  }

  /**
   * What a new case of the key needs, in one round trip: the experiment that routes it (as
   * `findRouting`) and the key's newest version, where it starts when no experiment routes it.
   */
  async findStartRoute(processKey: string): Promise<StartRoute> {
    const rows = await this.sql.rows<Partial<ExperimentRow> & { latest_version_id: string | null }>(
      `SELECT (SELECT id FROM process_version WHERE key = $1 ORDER BY version DESC LIMIT 1) AS latest_version_id, routing.*
       FROM (SELECT 1) AS one LEFT JOIN LATERAL (
         SELECT * FROM experiment WHERE process_key = $1 AND state IN ('running', 'paused', 'promoted')
         ORDER BY state = 'promoted', stopped_at DESC NULLS LAST LIMIT 1
       ) AS routing ON true`,
      [processKey],
    );
    const { latest_version_id: latestVersionId, ...routing } = rows[0];
    return { routing: routing.id == null ? null : toRecord(routing as ExperimentRow), latestVersionId };
  }

  /**
   * Writes the experiment's new state and definition with its event, if it is still in
   * `expectedState`. Answers `keyTaken` when another experiment of the key runs already.
   */
  async update(experiment: Experiment, expectedState: ExperimentState, event: NewExperimentEvent | null): Promise<ExperimentUpdate> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const updated: unknown[] = await manager.query(
          // As a SELECT: TypeORM answers an UPDATE with [rows, count], not with the rows.
          `WITH updated AS (
             UPDATE experiment SET state = $3, definition = $4, seed = $5, analysis_version = $6,
               started_at = CASE WHEN $3 = 'running' THEN COALESCE(started_at, $7) ELSE started_at END,
               stopped_at = CASE WHEN $3 IN ('stopped', 'promoted') THEN $7 ELSE stopped_at END
             WHERE id = $1 AND state = $2 RETURNING id)
           SELECT id FROM updated`,
          [experiment.id, expectedState, experiment.state, JSON.stringify(definitionOf(experiment)), experiment.seed, experiment.analysisVersion, event?.at ?? null],
        );
        if (updated.length === 0) return 'stale';
        if (event) await this.insertEvent(manager, experiment.id, event);
        return 'updated';
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'keyTaken';
      throw error;
    }
  }

  /** Cases per arm: assigned, still running (not ended) and finished. */
  async armCounts(experimentId: string): Promise<ArmCounts[]> {
    const rows = await this.sql.rows<{ armId: string; assigned: string; running: string; finished: string }>(
      `SELECT a.arm_id AS "armId", count(*) AS assigned,
              count(*) FILTER (WHERE i.ended_at IS NULL) AS running,
              count(*) FILTER (WHERE i.ended_at IS NOT NULL) AS finished
         FROM experiment_assignment a JOIN instance i ON i.id = a.instance_id
        WHERE a.experiment_id = $1 GROUP BY a.arm_id`,
      [experimentId],
    );
    return rows.map((row) => ({ armId: row.armId, assigned: Number(row.assigned), running: Number(row.running), finished: Number(row.finished) }));
  }

  /** The experiment's assignments, oldest first. */
  async assignments(experimentId: string, { limit, offset }: { limit: number; offset: number }): Promise<Page<AssignmentRecord>> {
    const [items, total] = await Promise.all([
      this.sql.rows<AssignmentRecord>(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM experiment_assignment WHERE experiment_id = $1
         ORDER BY assigned_at, instance_id LIMIT $2 OFFSET $3`,
        [experimentId, limit, offset],
      ),
      this.sql.rows<{ total: string }>(`SELECT count(*) AS total FROM experiment_assignment WHERE experiment_id = $1`, [experimentId]),
    ]);
    return { items: items.map(withoutNulls), total: Number(total[0].total) };
  }

  async findAssignment(instanceId: string): Promise<AssignmentRecord | null> {
    const rows = await this.sql.rows<AssignmentRecord>(`SELECT ${ASSIGNMENT_COLUMNS} FROM experiment_assignment WHERE instance_id = $1`, [instanceId]);
    return rows.length === 0 ? null : withoutNulls(rows[0]);
  }

  /** The experiment's routed cases (or only those still running), in instance id order. */
  async routedCases(experimentId: string, { runningOnly = false } = {}): Promise<RoutedCase[]> {
    return this.sql.rows<RoutedCase>(
      `SELECT a.instance_id AS "instanceId", a.arm_id AS "armId", a.process_version_id AS "armVersionId",
              i.process_version_id AS "processVersionId", a.reason, a.unit_key AS "unitKey", i.origin
         FROM experiment_assignment a JOIN instance i ON i.id = a.instance_id
        WHERE a.experiment_id = $1 AND (NOT $2 OR i.ended_at IS NULL) ORDER BY a.instance_id`,
      [experimentId, runningOnly],
    );
  }

  /**
   * Claims running experiments whose guardrails are due (never checked, or due by `now`) and moves
   * their next check to `nextAt` in the same statement: with several engine processes each check
   * runs in one of them.
   */
  async claimGuardrailChecks(now: Date, nextAt: Date, limit: number): Promise<ExperimentRecord[]> {
    const rows = await this.sql.rows<ExperimentRow>(
      `WITH due AS (
         SELECT id FROM experiment
          WHERE state = 'running' AND (guardrails_due_at IS NULL OR guardrails_due_at <= $1)
          ORDER BY guardrails_due_at NULLS FIRST LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE experiment e SET guardrails_due_at = $2, guardrail_check_runs = e.guardrail_check_runs + 1 FROM due WHERE e.id = due.id RETURNING e.*`,
      [now, nextAt, limit],
    );
    return rows.map(toRecord);
  }

  async saveGuardrailChecks(experimentId: string, checks: unknown[], at: Date): Promise<void> {
    await this.sql.rows(`UPDATE experiment SET guardrail_checks = $2, guardrails_checked_at = $3 WHERE id = $1 RETURNING id`, [experimentId, JSON.stringify(checks), at]);
  }

  async events(experimentId: string): Promise<ExperimentEvent[]> {
    return this.sql.rows<ExperimentEvent>(`SELECT ${EVENT_COLUMNS} FROM experiment_event WHERE experiment_id = $1 ORDER BY seq`, [experimentId]);
  }

  private async insertEvent(manager: EntityManager, experimentId: string, event: NewExperimentEvent): Promise<void> {
    await manager.query(
      `INSERT INTO experiment_event (id, experiment_id, at, actor, action, from_state, to_state, reason, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [event.id, experimentId, event.at, event.actor, event.action, event.fromState, event.toState, event.reason, event.details === null ? null : JSON.stringify(event.details)],
    );
  }
}

const definitionOf = ({ id: _id, processKey: _key, state: _state, seed: _seed, analysisVersion: _version, ...definition }: Experiment): Definition => definition;

const toRecord = (row: ExperimentRow): ExperimentRecord => ({
  experiment: {
    ...row.definition,
    id: row.id,
    processKey: row.process_key,
    state: row.state,
    seed: Number(row.seed),
    analysisVersion: row.analysis_version,
  },
  createdAt: row.created_at,
  createdBy: row.created_by,
  startedAt: row.started_at,
  stoppedAt: row.stopped_at,
  guardrailChecks: row.guardrail_checks ?? null,
  guardrailsCheckedAt: row.guardrails_checked_at ?? null,
  guardrailCheckRuns: row.guardrail_check_runs ?? 0,
});

/** Optional assignment fields come back as null from their columns; the model leaves them out. */
const withoutNulls = (row: AssignmentRecord): AssignmentRecord => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as unknown as AssignmentRecord;
