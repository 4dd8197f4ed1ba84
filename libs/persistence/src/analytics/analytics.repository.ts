import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { emptyCaseAggregate, mergeAggregate, mergeCaseAggregate, type ActivityAggregate, type CaseAggregate, type CaseRecord, type StepEvent } from '#analytics';
import { Sql } from '../sql.js';
import { aggregateOfRow, ALL_TIME_PERIOD, caseAggregateOfRow, VALUE_SELECT, type BucketRow } from './bucket-columns.js';
import { LEDGER_COLUMNS, toStepEvent, type StepEventRow } from './ledger-rows.js';

/** Which cases a report covers: some process versions, a window and instance variables that must match. */
export interface AnalyticsScope {
  processVersionIds: readonly string[];
  from?: Date;
  to?: Date;
  /** Variable name -> value: a case matches when the variable's value, as text, equals it. */
  segments: Readonly<Record<string, string>>;
}

/** An ended case's version as the event log names it, and the experiment arm it was routed to. */
export interface EventLogCase extends CaseRecord {
  processKey: string;
  version: number;
  experimentId: string | null;
  arm: string | null;
  origin: 'live' | 'simulated';
}

const CHUNK = 1000;

type CaseRow = Omit<CaseRecord, 'startedAt' | 'endedAt' | 'variables'> & { startedAt: Date; endedAt: Date | null };

const CASE_COLUMNS = `i.id AS "instanceId", i.process_version_id AS "processVersionId", i.business_key AS "businessKey", i.status,
       i.started_at AS "startedAt", i.ended_at AS "endedAt"`;

const toCaseRecord = (row: CaseRow, variables: ReadonlyMap<string, Record<string, unknown>>): CaseRecord => ({
  ...row,
  startedAt: row.startedAt.getTime(),
  endedAt: row.endedAt?.getTime() ?? null,
  variables: variables.get(row.instanceId) ?? {},
});

/**
 * The analytics' reads: the incremental per-activity aggregates, and ledger scans for what they
 * do not cover (cases, segments, windows that are not whole days). A scan picks its cases through
 * `instance (process_version_id, ended_at)` and their steps through `step_event (instance_id, seq)`.
 */
@Injectable()
export class AnalyticsRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Per-element aggregates over the versions: all time, or the UTC days from `fromDay` up to (not
   * including) `toDay` (YYYY-MM-DD; either may be open).
   */
  async activityAggregates(processVersionIds: readonly string[], days?: { fromDay?: string; toDay?: string }): Promise<ActivityAggregate[]> {
    const rows = await this.sql.rows<BucketRow>(
      days === undefined
        ? `SELECT b.element_id, ${VALUE_SELECT} FROM analytics_activity_bucket b
           WHERE b.process_version_id = ANY($1::uuid[]) AND b.grain = 'all' AND b.period = '${ALL_TIME_PERIOD}'`
        : `SELECT b.element_id, ${VALUE_SELECT} FROM analytics_activity_bucket b
           WHERE b.process_version_id = ANY($1::uuid[]) AND b.grain = 'day'
             AND ($2::date IS NULL OR b.period >= $2::date) AND ($3::date IS NULL OR b.period < $3::date)`,
      days === undefined ? [processVersionIds] : [processVersionIds, days.fromDay ?? null, days.toDay ?? null],
    );
    const byElement = new Map<string, ActivityAggregate>();
    for (const row of rows) {
      const aggregate = aggregateOfRow(row);
      const known = byElement.get(aggregate.elementId);
      byElement.set(aggregate.elementId, known ? mergeAggregate(known, aggregate) : aggregate);
    }
    return [...byElement.values()];
  }

  /** The ended cases' figures over the versions: all time, or the UTC days of their end from `fromDay` up to `toDay`. */
  async caseAggregate(processVersionIds: readonly string[], days?: { fromDay?: string; toDay?: string }): Promise<CaseAggregate> {
    const rows = await this.sql.rows<{ cases: number; figures: CaseAggregate['figures'] }>(
      days === undefined
        ? `SELECT cases, figures FROM analytics_case_bucket WHERE process_version_id = ANY($1::uuid[]) AND grain = 'all' AND period = '${ALL_TIME_PERIOD}'`
        : `SELECT cases, figures FROM analytics_case_bucket
           WHERE process_version_id = ANY($1::uuid[]) AND grain = 'day'
             AND ($2::date IS NULL OR period >= $2::date) AND ($3::date IS NULL OR period < $3::date)`,
      days === undefined ? [processVersionIds] : [processVersionIds, days.fromDay ?? null, days.toDay ?? null],
    );
    return rows.reduce((total, row) => mergeCaseAggregate(total, caseAggregateOfRow(row)), emptyCaseAggregate());
  }

  /**
   * The cases in scope with their variables: on the versions, matching the segments, and not over
   * before the window nor started after it (running cases included; reports pick what they count);
   * the first `limit` by start when given.
   */
  async findCases(scope: AnalyticsScope, limit?: number): Promise<CaseRecord[]> {
    const rows = await this.sql.rows<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM instance i
       WHERE ${scopeConditions()}
       ORDER BY i.started_at, i.id
       LIMIT $6`,
      [...scopeParams(scope), limit ?? null],
    );
    const variables = await this.variablesOf(rows.map(({ instanceId }) => instanceId));
    return rows.map((row) => toCaseRecord(row, variables));
  }

  /** The cases with these ids (running ones too), with their variables. */
  async findCasesByIds(instanceIds: readonly string[]): Promise<CaseRecord[]> {
    const cases: CaseRecord[] = [];
    for (let start = 0; start < instanceIds.length; start += CHUNK) {
      const chunk = instanceIds.slice(start, start + CHUNK);
      const rows = await this.sql.rows<CaseRow>(`SELECT ${CASE_COLUMNS} FROM instance i WHERE i.id = ANY($1::uuid[]) ORDER BY i.id`, [chunk]);
      const variables = await this.variablesOf(chunk);
      for (const row of rows) cases.push(toCaseRecord(row, variables));
    }
    return cases;
  }

  /** Every step of the cases, each case's in ledger order. */
  async findSteps(instanceIds: readonly string[]): Promise<StepEvent[]> {
    const steps: StepEvent[] = [];
    for (let start = 0; start < instanceIds.length; start += CHUNK) {
      const rows = await this.sql.rows<StepEventRow>(`SELECT ${LEDGER_COLUMNS} FROM step_event s WHERE s.instance_id = ANY($1::uuid[]) ORDER BY s.instance_id, s.seq`, [
        instanceIds.slice(start, start + CHUNK),
      ]);
      for (const row of rows) steps.push(toStepEvent(row));
    }
    return steps;
  }

  /**
   * The event log of the scope, one batch of cases (with all their steps) at a time, cases in id
   * order: the caller streams each batch out before the next is read.
   */
  async *eventLog(scope: AnalyticsScope, casesPerBatch = 500): AsyncGenerator<{ cases: EventLogCase[]; steps: StepEvent[] }> {
    let after: string | null = null;
    for (;;) {
      const params = scopeParams(scope);
      const rows: Array<Omit<EventLogCase, 'startedAt' | 'endedAt' | 'variables'> & { startedAt: Date; endedAt: Date | null }> = await this.sql.rows(
        `SELECT i.id AS "instanceId", i.process_version_id AS "processVersionId", i.business_key AS "businessKey", i.status,
                i.started_at AS "startedAt", i.ended_at AS "endedAt", v.key AS "processKey", v.version,
                a.experiment_id AS "experimentId", a.arm_id AS "arm", i.origin
         FROM instance i JOIN process_version v ON v.id = i.process_version_id
         LEFT JOIN experiment_assignment a ON a.instance_id = i.id
         WHERE ${scopeConditions()} AND ($${params.length + 1}::uuid IS NULL OR i.id > $${params.length + 1}::uuid)
         ORDER BY i.id
         LIMIT $${params.length + 2}`,
        [...params, after, casesPerBatch],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1].instanceId;
      const cases = rows.map((row) => ({ ...row, startedAt: row.startedAt.getTime(), endedAt: row.endedAt?.getTime() ?? null, variables: {} }));
      yield { cases, steps: await this.findSteps(cases.map(({ instanceId }) => instanceId)) };
      if (rows.length < casesPerBatch) return;
    }
  }

  private async variablesOf(instanceIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const variables = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < instanceIds.length; start += CHUNK) {
      const rows = await this.sql.rows<{ instanceId: string; name: string; value: unknown }>(
        `SELECT instance_id AS "instanceId", name, value FROM variable WHERE instance_id = ANY($1::uuid[])`,
        [instanceIds.slice(start, start + CHUNK)],
      );
      for (const { instanceId, name, value } of rows) variables.set(instanceId, { ...variables.get(instanceId), [name]: value });
    }
    return variables;
  }
}

/** $1 versions, $2 from, $3 to, $4 segment names, $5 segment values (every pair must match). */
const scopeConditions = (): string => `i.process_version_id = ANY($1::uuid[])
         AND ($2::timestamptz IS NULL OR i.ended_at IS NULL OR i.ended_at >= $2::timestamptz)
         AND ($3::timestamptz IS NULL OR i.started_at < $3::timestamptz)
         AND NOT EXISTS (
           SELECT 1 FROM unnest($4::text[], $5::text[]) AS wanted(name, value)
           WHERE NOT EXISTS (SELECT 1 FROM variable sv WHERE sv.instance_id = i.id AND sv.name = wanted.name AND sv.value #>> '{}' = wanted.value))`;

export const scopeParams = ({ processVersionIds, from, to, segments }: AnalyticsScope): unknown[] => [
  processVersionIds,
  from ?? null,
  to ?? null,
  Object.keys(segments),
  Object.values(segments),
];
