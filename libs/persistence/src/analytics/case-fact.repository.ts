import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFAULT_KPI_SETTINGS,
  EMPTY_SUMMARY,
  emptyCaseRollup,
  FACT_SCORE_VARIABLES,
  mergeCaseRollup,
  type CaseFigures,
  type CaseRework,
  type CaseRollup,
  type KpiSettings,
  type KpiTotals,
  type RunningKpis,
  type Summary,
  type TeamWork,
} from '#analytics';
import { Sql } from '../sql.js';
import { ALL_TIME_PERIOD } from './bucket-columns.js';
import { figuresOfRow, REPEAT_WINDOW, rollupOfRow, SAME_CUSTOMER } from './case-fact-rollup.js';
import { scopeParams as ledgerScopeParams, type AnalyticsScope } from './analytics.repository.js';

/** A scope on the facts, and whether every version in it declares the segments filtered by (then the facts' own segments answer, by the GIN index). */
export interface FactScope extends AnalyticsScope {
  segmentsDeclared: boolean;
}

/** The utilisation's work: per team, the ended activity instances counted, and the first ready and last end (the default window). */
export interface FactUtilization {
  teams: TeamWork[];
  activityInstances: number;
  firstReadyAt: number | null;
  lastEndedAt: number | null;
}

/** What the experiment analysis reads of a routed case: a few columns (libs/analytics case-fact.ts). */
export interface ArmFact {
  instanceId: string;
  businessKey: string | null;
  status: string;
  startedAt: number;
  endedAt: number | null;
  leadTimeMs: number | null;
  deskTimeMs: number | null;
  /** The desk's waiting of the decomposition: queue + claimed-idle. */
  waitingMs: number | null;
  processingMs: number | null;
  firstResponseMs: number | null;
  firstLane: string | null;
  userTaskLanes: string[];
  escalated: boolean;
  rework: boolean;
  stages: Record<string, { waitingMs: number; processingMs: number }>;
  worked: Array<{ elementId: string; durationMs: number }>;
}

/** Durations of an arm in log buckets: the exact count and sum, and [bucket, count] pairs. */
export interface BinnedFactDurations {
  n: number;
  sumMs: number;
  buckets: Array<[number, number]>;
}

/** An experiment's ended cases summed (armAggregates): per arm and metric, per arm and stage, per element and arm. */
export interface ArmFactAggregates {
  durations: Record<string, Record<string, BinnedFactDurations>>;
  stages: Record<string, Record<string, { waitingMs: number; processingMs: number }>>;
  activities: Record<string, Record<string, BinnedFactDurations>>;
}

/**
 * The log bucket of a duration in ms, 32 per doubling: 0 below 1 ms, else floor(32 log2(ms)) + 1
 * (the tiny offset keeps exact powers of two in the bucket they open, as binned-durations.ts does).
 */
const durationBucket = (ms: string): string => `CASE WHEN ${ms} >= 1 THEN floor(ln(${ms}) / ln(2) * 32 + 1e-9)::int + 1 ELSE 0 END`;

const addBucket = (into: BinnedFactDurations, { bucket, count, sumMs }: { bucket: number; count: string; sumMs: number }): void => {
  into.n += Number(count);
  into.sumMs += sumMs;
  into.buckets.push([bucket, Number(count)]);
};

/** An experiment's ended case as the guardrail check reads it: the facts whose metrics are settled when the case ends. */
export interface EndedArmFact {
  instanceId: string;
  armId: string;
  /** the last step folded into the fact: the check reads the facts past the highest it saw */
  lastSeq: number;
  status: string;
  endedAt: number;
  leadTimeMs: number | null;
  deskTimeMs: number | null;
  waitingMs: number | null;
  processingMs: number | null;
  firstResponseMs: number | null;
  escalated: boolean;
  rework: boolean;
}

/** Whole UTC days (YYYY-MM-DD; either end open), or all time when absent. */
export interface RollupDays {
  fromDay?: string;
  toDay?: string;
}

/** $4 from day, $5 to day, $6 the first whole month's first day, $7 the day after the last whole month, $8 whether there is a whole month. */
const daysParams = ({ fromDay, toDay }: RollupDays): unknown[] => {
  const monthStart = fromDay === undefined ? null : fromDay.endsWith('-01') ? fromDay : nextMonth(fromDay);
  const monthEnd = toDay === undefined ? null : `${toDay.slice(0, 7)}-01`;
  return [fromDay ?? null, toDay ?? null, monthStart, monthEnd, monthStart === null || monthEnd === null || monthStart < monthEnd];
};

/** The first day of the month after the day's (YYYY-MM-DD). */
const nextMonth = (day: string): string => {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
};

/** The utilisation's work as the database sums it (counts as text). */
const utilizationOfRows = (
  teams: Array<{ team: string; kind: TeamWork['kind']; activityInstances: string; processingMs: number }>,
  totals: { activityInstances: string | null; firstReadyAt: Date | null; lastEndedAt: Date | null },
): FactUtilization => ({
  teams: teams.map(({ team, kind, activityInstances, processingMs }) => ({ team, kind, activityInstances: Number(activityInstances), processingMs: Number(processingMs) })),
  activityInstances: Number(totals.activityInstances ?? 0),
  firstReadyAt: totals.firstReadyAt?.getTime() ?? null,
  lastEndedAt: totals.lastEndedAt?.getTime() ?? null,
});

/** What a report reads of the rollup: the KPI counts and sketches, the rework, the teams' work, or the case figures (lead time, value added). */
export type RollupPart = 'kpis' | 'rework' | 'work' | 'figures';

/** The rollup's big members each part leaves in the database. */
const UNREAD: Record<RollupPart, string[]> = {
  kpis: ['figures', 'rework', 'work'],
  rework: ['figures', 'sketches', 'work'],
  work: ['figures', 'sketches', 'rework'],
  figures: ['sketches', 'rework', 'work'],
};

/** $1 versions, $2 from, $3 to, $4 segment names, $5 segment values (as the ledger scan's), $6 the segments as one JSON object. */
const scopeParams = (scope: AnalyticsScope): unknown[] => [...ledgerScopeParams(scope), JSON.stringify(scope.segments)];

/**
 * The segment filter: the fact's declared segments when every version declares the names asked
 * for; else each name from the fact's segments or, for a variable no version declares, the
 * instance's variable (as the ledger scan read them).
 */
const segmentCondition = ({ segments, segmentsDeclared }: FactScope): string =>
  // Every parameter typed, used or not: PostgreSQL must know each one's type.
  `$4::text[] IS NOT NULL AND $5::text[] IS NOT NULL AND $6::jsonb IS NOT NULL AND ${
    Object.keys(segments).length === 0
      ? 'TRUE'
      : segmentsDeclared
        ? 'f.segments @> $6::jsonb'
        : `NOT EXISTS (
           SELECT 1 FROM unnest($4::text[], $5::text[]) AS wanted(name, value)
           WHERE COALESCE(f.segments ->> wanted.name,
                          (SELECT sv.value #>> '{}' FROM variable sv WHERE sv.instance_id = f.instance_id AND sv.name = wanted.name)) IS DISTINCT FROM wanted.value)`
  }`;

/** The cases a ledger scan found: on the versions, not over before the window nor started after it (running ones included). */
const overlapping = (scope: FactScope): string => `f.process_version_id = ANY($1::uuid[])
         AND ($2::timestamptz IS NULL OR f.ended_at IS NULL OR f.ended_at >= $2::timestamptz)
         AND ($3::timestamptz IS NULL OR f.started_at < $3::timestamptz)
         AND ${segmentCondition(scope)}`;

/** The cases the case reports count: ended in the window. */
const endedIn = (scope: FactScope): string => `f.process_version_id = ANY($1::uuid[]) AND f.ended_at IS NOT NULL
         AND ($2::timestamptz IS NULL OR f.ended_at >= $2::timestamptz)
         AND ($3::timestamptz IS NULL OR f.ended_at < $3::timestamptz)
         AND ${segmentCondition(scope)}`;

/** The KPIs' cases: ended in the window, and running ones started in it (for first response, repeat contacts and scores). */
const kpiCases = (scope: FactScope): string => `f.process_version_id = ANY($1::uuid[])
         AND (CASE WHEN f.ended_at IS NULL THEN ($2::timestamptz IS NULL OR f.started_at >= $2::timestamptz) AND ($3::timestamptz IS NULL OR f.started_at < $3::timestamptz)
                   ELSE ($2::timestamptz IS NULL OR f.ended_at >= $2::timestamptz) AND ($3::timestamptz IS NULL OR f.ended_at < $3::timestamptz) END)
         AND ${segmentCondition(scope)}`;

/** A variable of the case as text: a declared segment from the fact, else the instance's variable. */
const variableText = (param: string): string =>
  `COALESCE(f.segments ->> ${param}::text, (SELECT v.value #>> '{}' FROM variable v WHERE v.instance_id = f.instance_id AND v.name = ${param}::text))`;

/** A numeric variable of the case: the fact's column for the default names, else the instance's variable when it is a number. */
const score = (name: string, column: 'csat' | 'nps', param: string): string =>
  name === FACT_SCORE_VARIABLES[column]
    ? `f.${column}`
    : `(SELECT (v.value #>> '{}')::double precision FROM variable v WHERE v.instance_id = f.instance_id AND v.name = ${param}::text AND jsonb_typeof(v.value) = 'number')`;

/** count, total, and the type-7 median and p90 in one sort (percentile_cont interpolates as R's type 7) of an expression over the rows a condition picks. */
const summary = (name: string, value: string, where: string): string =>
  `count(${value}) FILTER (WHERE ${where}) AS ${name}_n, sum(${value}) FILTER (WHERE ${where}) AS ${name}_total,
   percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${value}) FILTER (WHERE ${where}) AS ${name}_quantiles`;

const summaryOf = (row: Record<string, unknown>, name: string): Summary => {
  const n = Number(row[`${name}_n`]);
  if (n === 0) return EMPTY_SUMMARY;
  const total = Number(row[`${name}_total`]);
  const [median, p90] = (row[`${name}_quantiles`] as Array<number | string>).map(Number);
  return { n, mean: total / n, median, p90, total };
};

/**
 * The reports' reads of `case_fact` (one row a case, libs/persistence/src/analytics/case-facts.ts):
 * a few columns per case, aggregated in the database, whatever the number of cases.
 */
@Injectable()
export class CaseFactRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * The KPI totals with the request's settings. Repeats are found among the cases counted, as the
   * ledger scan found them: a case repeats when the same customer started another case in the
   * repeat window before it, and is not resolved at first contact when one followed within the
   * window after its end.
   */
  async kpiTotals(scope: FactScope, settings: KpiSettings): Promise<KpiTotals & { running: number }> {
    const base = scopeParams(scope);
    const at = (index: number) => `$${base.length + index}`;
    const customer = settings.customerVariable === undefined ? `NULLIF(f.business_key, '')` : `NULLIF(${variableText(at(1))}, '')`;
    const params = [
      ...base,
      settings.customerVariable ?? null,
      `${settings.repeatWindowMs} milliseconds`,
      settings.firstTierLanes ?? null,
      settings.firstResponseSlaMs,
      settings.resolutionSlaMs,
      settings.defaultCostPerHour,
      settings.csatVariable,
      settings.npsVariable,
    ];
    const completed = `ended_at IS NOT NULL AND status = 'completed'`;
    const [row] = await this.sql.rows<Record<string, unknown>>(
      `WITH counted AS (
         SELECT f.*, ${customer} AS customer,
                ${score(settings.csatVariable, 'csat', at(7))} AS csat_score,
                ${score(settings.npsVariable, 'nps', at(8))} AS nps_score
         FROM case_fact f WHERE ${kpiCases(scope)}
           -- typed whether used or not (the default names read the facts' own columns)
           AND (${at(1)}::text IS NULL OR ${at(7)}::text IS NULL OR ${at(8)}::text IS NULL OR TRUE)
       ), ranked AS (
         SELECT c.*,
                CASE WHEN customer IS NULL THEN NULL
                     ELSE min(started_at) OVER (PARTITION BY customer ORDER BY started_at RANGE BETWEEN ${at(2)}::interval PRECEDING AND CURRENT ROW) < started_at END AS repeat_contact,
                CASE WHEN customer IS NULL THEN NULL
                     ELSE min(started_at) OVER (PARTITION BY customer ORDER BY started_at RANGE BETWEEN '1 microsecond'::interval FOLLOWING AND UNBOUNDED FOLLOWING) END AS next_start,
                user_task_lanes <@ COALESCE(${at(3)}::text[], array_remove(ARRAY[first_lane], NULL)) AS first_tier
         FROM counted c
       )
       SELECT
         count(*) FILTER (WHERE ended_at IS NULL) AS running,
         count(*) FILTER (WHERE ${completed}) AS fcr_of,
         count(*) FILTER (WHERE ${completed} AND first_tier AND NOT escalated AND NOT COALESCE(next_start <= ended_at + ${at(2)}::interval, FALSE)) AS fcr_met,
         count(first_response_ms) AS first_response_of,
         count(*) FILTER (WHERE first_response_ms <= ${at(4)}) AS first_response_met,
         count(*) FILTER (WHERE ${completed}) AS resolution_of,
         count(*) FILTER (WHERE ${completed} AND desk_time_ms <= ${at(5)}) AS resolution_met,
         count(*) FILTER (WHERE ended_at IS NOT NULL) AS escalation_of,
         count(*) FILTER (WHERE ended_at IS NOT NULL AND escalated) AS escalation_met,
         count(repeat_contact) AS repeats_of,
         count(*) FILTER (WHERE repeat_contact) AS repeats_met,
         ${summary('cost', `(costed_amount + uncosted_processing_ms / 3600000.0 * ${at(6)}::double precision)`, 'ended_at IS NOT NULL')},
         ${summary('csat', 'csat_score', 'TRUE')},
         count(nps_score) AS nps_n, count(*) FILTER (WHERE nps_score >= 9) AS nps_promoters, count(*) FILTER (WHERE nps_score <= 6) AS nps_detractors,
         ${summary('lead', 'lead_time_ms / 3600000.0', 'ended_at IS NOT NULL')},
         ${summary('handling', 'handling_ms / 60000.0', 'ended_at IS NOT NULL')}
       FROM ranked`,
      params,
    );
    const rate = (name: string) => ({ met: Number(row[`${name}_met`]), of: Number(row[`${name}_of`]) });
    return {
      running: Number(row.running),
      fcr: rate('fcr'),
      firstResponse: rate('first_response'),
      resolution: rate('resolution'),
      escalation: rate('escalation'),
      repeats: rate('repeats'),
      costPerCase: summaryOf(row, 'cost'),
      csat: summaryOf(row, 'csat'),
      nps: { n: Number(row.nps_n), promoters: Number(row.nps_promoters), detractors: Number(row.nps_detractors) },
      leadTimeHours: summaryOf(row, 'lead'),
      handlingMinutes: summaryOf(row, 'handling'),
    };
  }

  /** The figures of the cases that ended in the window, in the order they started. */
  async figures(scope: FactScope): Promise<CaseFigures[]> {
    const rows = await this.sql.rows<Record<string, unknown> & { startedAt: Date; endedAt: Date }>(
      `SELECT f.instance_id AS "instanceId", f.process_version_id AS "processVersionId", f.business_key AS "businessKey",
              f.started_at AS "startedAt", f.ended_at AS "endedAt", f.lead_time_ms, f.desk_time_ms, f.handling_ms, f.nva_ms, f.nva_steps,
              f.nva_processing_ms, f.va_processing_ms, f.processing_ms, f.claimed_idle_ms, f.queue_ms, f.handoff_ms, f.external_system_ms,
              f.designed_wait_ms, f.other_ms
       FROM case_fact f WHERE ${endedIn(scope)} AND f.lead_time_ms IS NOT NULL
       ORDER BY f.started_at, f.instance_id`,
      scopeParams(scope),
    );
    return rows.map((row) => ({
      instanceId: row.instanceId as string,
      processVersionId: row.processVersionId as string,
      businessKey: row.businessKey as string | null,
      startedAt: row.startedAt.getTime(),
      endedAt: row.endedAt.getTime(),
      ...figuresOfRow(row),
    }));
  }

  /**
   * The rolled-up ended cases of the versions (case_fact_rollup): all time, or those that ended on
   * the whole UTC days; with segments, the rows whose declared segments contain them. A few
   * hundred rows whatever the number of cases.
   */
  async rollup(processVersionIds: readonly string[], days: RollupDays | undefined, segments: Readonly<Record<string, string>>, part: RollupPart): Promise<CaseRollup> {
    // Only the part the report reads leaves the database: a quarter's rows carry a few MB of histograms otherwise.
    const rows = await this.sql.rows<{ totals: Partial<CaseRollup> }>(
      days === undefined
        ? `SELECT totals - $3::text[] AS totals FROM case_fact_rollup
           WHERE process_version_id = ANY($1::uuid[]) AND grain = 'all' AND period = '${ALL_TIME_PERIOD}' AND segments @> $2::jsonb`
        : // The whole months of the window from their month rows, the days before and after them from day rows.
          `SELECT totals - $3::text[] AS totals FROM case_fact_rollup
           WHERE process_version_id = ANY($1::uuid[]) AND segments @> $2::jsonb
             AND (CASE grain WHEN 'month' THEN $8::boolean AND ($6::date IS NULL OR period >= $6::date) AND ($7::date IS NULL OR period < $7::date)
                             WHEN 'day' THEN ($4::date IS NULL OR period >= $4::date) AND ($5::date IS NULL OR period < $5::date)
                                             AND NOT ($8::boolean AND ($6::date IS NULL OR period >= $6::date) AND ($7::date IS NULL OR period < $7::date))
                             ELSE FALSE END)`,
      [processVersionIds, JSON.stringify(segments), UNREAD[part], ...(days === undefined ? [] : daysParams(days))],
    );
    const total = emptyCaseRollup();
    for (const { totals } of rows) if (totals.cases !== undefined) mergeCaseRollup(total, rollupOfRow({ ...emptyCaseRollup(), ...totals }));
    return total;
  }

  /**
   * What the running cases started in the window add to the KPIs (the rollup holds ended cases):
   * few rows, by the running cases' index. Their segments are the declared ones (the rollup's
   * condition); repeat contacts as the rollup finds them, among the customer's cases of the process.
   */
  async runningKpis(scope: FactScope): Promise<RunningKpis> {
    const [row] = await this.sql.rows<Record<string, unknown> & { csat: number[] | null }>(
      `SELECT count(*) AS running, count(f.first_response_ms) AS first_response_of, count(*) FILTER (WHERE f.first_response_ms <= $5) AS first_response_met,
              count(NULLIF(f.business_key, '')) AS repeats_of,
              count(*) FILTER (WHERE NULLIF(f.business_key, '') IS NOT NULL AND EXISTS (
                SELECT 1 FROM case_fact o WHERE ${SAME_CUSTOMER} AND o.started_at < f.started_at AND o.started_at >= f.started_at - $6::interval)) AS repeats_met,
              array_agg(f.csat) FILTER (WHERE f.csat IS NOT NULL) AS csat,
              count(f.nps) AS nps_n, count(*) FILTER (WHERE f.nps >= 9) AS nps_promoters, count(*) FILTER (WHERE f.nps <= 6) AS nps_detractors
       FROM case_fact f
       WHERE f.process_version_id = ANY($1::uuid[]) AND f.ended_at IS NULL
         AND ($2::timestamptz IS NULL OR f.started_at >= $2::timestamptz) AND ($3::timestamptz IS NULL OR f.started_at < $3::timestamptz)
         AND f.segments @> $4::jsonb`,
      [scope.processVersionIds, scope.from ?? null, scope.to ?? null, JSON.stringify(scope.segments), DEFAULT_KPI_SETTINGS.firstResponseSlaMs, REPEAT_WINDOW],
    );
    const count = (name: string) => Number(row[name]);
    return {
      running: count('running'),
      firstResponse: { met: count('first_response_met'), of: count('first_response_of') },
      repeats: { met: count('repeats_met'), of: count('repeats_of') },
      csat: (row.csat ?? []).map(Number),
      nps: { n: count('nps_n'), promoters: count('nps_promoters'), detractors: count('nps_detractors') },
    };
  }

  /** The running cases' work (all time): the utilisation's part the rollup of ended cases does not hold. */
  async runningWork(scope: FactScope): Promise<FactUtilization> {
    const params = [scope.processVersionIds, JSON.stringify(scope.segments)];
    const running = `f.process_version_id = ANY($1::uuid[]) AND f.ended_at IS NULL AND f.segments @> $2::jsonb`;
    const teams = await this.sql.rows<{ team: string; kind: TeamWork['kind']; activityInstances: string; processingMs: number }>(
      `SELECT w.team, w.kind, count(*) AS "activityInstances", sum(w."processingMs") AS "processingMs"
       FROM case_fact f, jsonb_to_recordset(f.work) AS w(team text, kind text, "processingMs" double precision)
       WHERE ${running}
       GROUP BY w.team, w.kind`,
      params,
    );
    const [totals] = await this.sql.rows<{ activityInstances: string | null; firstReadyAt: Date | null; lastEndedAt: Date | null }>(
      `SELECT sum(f.ended_runs) AS "activityInstances", min(f.first_ready_at) AS "firstReadyAt", max(f.last_ended_at) AS "lastEndedAt"
       FROM case_fact f WHERE ${running}`,
      params,
    );
    return utilizationOfRows(teams, totals);
  }

  /**
   * The facts of the cases an experiment routed (by the arm index). Without `detail` the stages
   * and the worked activities (the rows' two JSON documents) are left out, empty: above the exact
   * path's threshold the analysis reads them summed (armAggregates).
   */
  async armFacts(experimentId: string, { detail = true } = {}): Promise<ArmFact[]> {
    const rows = await this.sql.rows<Omit<ArmFact, 'startedAt' | 'endedAt'> & { startedAt: Date; endedAt: Date | null }>(
      `SELECT f.instance_id AS "instanceId", f.business_key AS "businessKey", f.status, f.started_at AS "startedAt", f.ended_at AS "endedAt",
              f.lead_time_ms AS "leadTimeMs", f.desk_time_ms AS "deskTimeMs", f.queue_ms + f.claimed_idle_ms AS "waitingMs", f.processing_ms AS "processingMs",
              f.first_response_ms AS "firstResponseMs", f.first_lane AS "firstLane", f.user_task_lanes AS "userTaskLanes", f.escalated,
              f.rework IS NOT NULL AS rework, ${detail ? 'f.stages, f.worked' : `'{}'::jsonb AS stages, '[]'::jsonb AS worked`}
       FROM case_fact f WHERE f.experiment_id = $1`,
      [experimentId],
    );
    return rows.map((row) => ({ ...row, startedAt: row.startedAt.getTime(), endedAt: row.endedAt?.getTime() ?? null }));
  }

  /** Ended cases per arm of an experiment: whether the analysis reads cases or aggregates. */
  async armEndedCounts(experimentId: string): Promise<Record<string, number>> {
    const rows = await this.sql.rows<{ armId: string; ended: string }>(
      `SELECT f.arm_id AS "armId", count(*) AS ended FROM case_fact f WHERE f.experiment_id = $1 AND f.ended_at IS NOT NULL GROUP BY f.arm_id`,
      [experimentId],
    );
    return Object.fromEntries(rows.map(({ armId, ended }) => [armId, Number(ended)]));
  }

  /**
   * An experiment's ended cases summed per arm: the duration metrics (lead time, the desk's
   * waiting, processing) and each activity's durations as counts in log buckets of 32 per
   * doubling (DURATION_BUCKET_SQL, the formula of libs/experiments binned-durations.ts) with
   * their sums, and the stage times as sums. A few thousand numbers instead of every case.
   */
  async armAggregates(experimentId: string): Promise<ArmFactAggregates> {
    const ended = `f.experiment_id = $1 AND f.ended_at IS NOT NULL`;
    const [metricRows, stageRows, activityRows] = await Promise.all([
      this.sql.rows<{ armId: string; metric: string; bucket: number; count: string; sumMs: number }>(
        `SELECT f.arm_id AS "armId", m.metric, ${durationBucket('m.ms')} AS bucket, count(*) AS count, sum(m.ms) AS "sumMs"
         FROM case_fact f
         CROSS JOIN LATERAL (VALUES ('leadTime', f.lead_time_ms::float8), ('waitingTime', (f.queue_ms + f.claimed_idle_ms)::float8),
                                    ('processingTime', f.processing_ms::float8)) AS m(metric, ms)
         WHERE ${ended} AND m.ms IS NOT NULL
         GROUP BY 1, 2, 3`,
        [experimentId],
      ),
      this.sql.rows<{ armId: string; stage: string; waitingMs: number; processingMs: number }>(
        `SELECT f.arm_id AS "armId", s.key AS stage, sum((s.value->>'waitingMs')::float8) AS "waitingMs", sum((s.value->>'processingMs')::float8) AS "processingMs"
         FROM case_fact f, jsonb_each(f.stages) AS s WHERE ${ended} GROUP BY 1, 2`,
        [experimentId],
      ),
      this.sql.rows<{ armId: string; elementId: string; bucket: number; count: string; sumMs: number }>(
        `SELECT f.arm_id AS "armId", w."elementId", ${durationBucket('w."durationMs"')} AS bucket, count(*) AS count, sum(w."durationMs") AS "sumMs"
         FROM case_fact f, jsonb_to_recordset(f.worked) AS w("elementId" text, "durationMs" double precision)
         WHERE ${ended} GROUP BY 1, 2, 3`,
        [experimentId],
      ),
    ]);
    const durations: ArmFactAggregates['durations'] = {};
    for (const row of metricRows) addBucket(((durations[row.armId] ??= {})[row.metric] ??= { n: 0, sumMs: 0, buckets: [] }), row);
    const activities: ArmFactAggregates['activities'] = {};
    for (const row of activityRows) addBucket(((activities[row.elementId] ??= {})[row.armId] ??= { n: 0, sumMs: 0, buckets: [] }), row);
    const stages: ArmFactAggregates['stages'] = {};
    for (const { armId, stage, waitingMs, processingMs } of stageRows) (stages[armId] ??= {})[stage] = { waitingMs, processingMs };
    return { durations, stages, activities };
  }

  /** The experiment's ended facts folded after step `afterSeq` (by case_fact_arm_seq_idx). */
  async endedArmFacts(experimentId: string, afterSeq: number): Promise<EndedArmFact[]> {
    const rows = await this.sql.rows<Omit<EndedArmFact, 'endedAt' | 'lastSeq'> & { endedAt: Date; lastSeq: string }>(
      `SELECT f.instance_id AS "instanceId", f.arm_id AS "armId", f.last_seq AS "lastSeq", f.status, f.ended_at AS "endedAt",
              f.lead_time_ms AS "leadTimeMs", f.desk_time_ms AS "deskTimeMs", f.queue_ms + f.claimed_idle_ms AS "waitingMs", f.processing_ms AS "processingMs",
              f.first_response_ms AS "firstResponseMs", f.escalated, f.rework IS NOT NULL AS rework
       FROM case_fact f WHERE f.experiment_id = $1 AND f.ended_at IS NOT NULL AND f.last_seq > $2`,
      [experimentId, afterSeq],
    );
    return rows.map((row) => ({ ...row, lastSeq: Number(row.lastSeq), endedAt: row.endedAt.getTime() }));
  }

  /** The ended cases of the window counted, and the rework of those that had any. */
  async rework(scope: FactScope): Promise<{ cases: number; reworks: CaseRework[] }> {
    const params = scopeParams(scope);
    const [{ cases }] = await this.sql.rows<{ cases: string }>(`SELECT count(*) AS cases FROM case_fact f WHERE ${endedIn(scope)}`, params);
    const rows = await this.sql.rows<{ rework: CaseRework }>(`SELECT f.rework FROM case_fact f WHERE ${endedIn(scope)} AND f.rework IS NOT NULL`, params);
    return { cases: Number(cases), reworks: rows.map(({ rework }) => rework) };
  }

  /**
   * The work of the cases in scope that ended in the window, per team; a case whose runs all
   * ended inside the window counts whole, only the others are looked into run by run.
   */
  async utilization(scope: FactScope): Promise<FactUtilization> {
    const params = scopeParams(scope);
    const inWindow = (column: string) => `($2::timestamptz IS NULL OR ${column} >= $2::timestamptz) AND ($3::timestamptz IS NULL OR ${column} < $3::timestamptz)`;
    const epoch = (param: string) => `(extract(epoch FROM ${param}::timestamptz) * 1000)`;
    const teams = await this.sql.rows<{ team: string; kind: TeamWork['kind']; activityInstances: string; processingMs: number }>(
      `SELECT w.team, w.kind, count(*) AS "activityInstances", sum(w."processingMs") AS "processingMs"
       FROM case_fact f, jsonb_to_recordset(f.work) AS w(team text, kind text, "endedAt" double precision, "processingMs" double precision)
       WHERE ${overlapping(scope)}
         AND ($2::timestamptz IS NULL OR w."endedAt" >= ${epoch('$2')}) AND ($3::timestamptz IS NULL OR w."endedAt" < ${epoch('$3')})
       GROUP BY w.team, w.kind`,
      params,
    );
    const [totals] = await this.sql.rows<{ activityInstances: string | null; firstReadyAt: Date | null; lastEndedAt: Date | null }>(
      `SELECT sum(CASE WHEN f.ended_runs = 0 OR (${inWindow('f.first_ready_at')} AND ${inWindow('f.last_ended_at')}) THEN f.ended_runs
                       ELSE (SELECT count(*) FROM step_event s
                             WHERE s.instance_id = f.instance_id AND s.type IN ('completed', 'canceled') AND ${inWindow('s.at')}) END) AS "activityInstances",
              min(f.first_ready_at) AS "firstReadyAt", max(f.last_ended_at) AS "lastEndedAt"
       FROM case_fact f WHERE ${overlapping(scope)}`,
      params,
    );
    return utilizationOfRows(teams, totals);
  }
}
