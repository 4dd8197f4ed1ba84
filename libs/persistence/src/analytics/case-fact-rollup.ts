import type { EntityManager } from 'typeorm';
import {
  addFactToRollup,
  DEFAULT_KPI_SETTINGS,
  emptyCaseRollup,
  fcrEligible,
  mergeCaseRollup,
  type CaseFigures,
  type CaseRework,
  type CaseRollup,
  type FactWork,
  type RollupFact,
} from '#analytics';
import { ALL_TIME_PERIOD, trimmedHistogram } from './bucket-columns.js';

/** One case_fact_rollup row's key: version, grain ('day' of the case's end, its 'month' (its first day), or all time) and the fact's declared segment values. */
export interface RollupKey {
  process_version_id: string;
  grain: 'day' | 'month' | 'all';
  period: string;
  segments: Record<string, string>;
}

/** The rollup rows a transaction adds to, by key; written once, at its end, so that rows are locked in one key order. */
export type RollupDeltas = Map<string, { key: RollupKey; rollup: CaseRollup }>;

export const REPEAT_WINDOW = `${DEFAULT_KPI_SETTINGS.repeatWindowMs} milliseconds`;

/** Another case of the same customer on a version of the same process (`o` against `f`). */
export const SAME_CUSTOMER = `o.business_key = f.business_key
  AND o.process_version_id IN (SELECT other.id FROM process_version mine JOIN process_version other ON other.key = mine.key WHERE mine.id = f.process_version_id)`;

/** The columns of a fact the rollup folds, with its repeat flags against the customer's other cases (the default repeat window). */
const ROLLED_COLUMNS = `f.process_version_id, f.ended_at, f.segments, f.status, f.escalated, f.first_response_ms, f.first_lane, f.user_task_lanes,
  f.costed_amount, f.uncosted_processing_ms, f.csat, f.nps, f.rework, f.work, f.ended_runs, f.first_ready_at, f.last_ended_at,
  f.lead_time_ms, f.desk_time_ms, f.handling_ms, f.nva_ms, f.nva_steps, f.nva_processing_ms, f.va_processing_ms, f.processing_ms, f.claimed_idle_ms,
  f.queue_ms, f.handoff_ms, f.external_system_ms, f.designed_wait_ms, f.other_ms, f.instance_id, f.business_key, f.started_at`;

interface RolledRow {
  instance_id: string;
  process_version_id: string;
  business_key: string | null;
  started_at: Date;
  ended_at: Date;
  segments: Record<string, string>;
  status: string;
  escalated: boolean;
  first_response_ms: number | null;
  first_lane: string | null;
  user_task_lanes: string[];
  costed_amount: number;
  uncosted_processing_ms: number;
  csat: number | null;
  nps: number | null;
  rework: CaseRework | null;
  work: FactWork[];
  ended_runs: number;
  first_ready_at: Date | null;
  last_ended_at: Date | null;
  repeat_contact: boolean | null;
  followed: boolean;
  [column: string]: unknown;
}

/** A fact row's per-case figures (the columns of `CaseFactRepository.figures`). */
export const figuresOfRow = (
  row: Record<string, unknown> & { instance_id?: unknown },
): Omit<CaseFigures, 'instanceId' | 'processVersionId' | 'businessKey' | 'startedAt' | 'endedAt'> => ({
  leadTimeMs: Number(row.lead_time_ms),
  deskTimeMs: Number(row.desk_time_ms),
  decomposition: {
    processing: Number(row.processing_ms),
    claimedIdle: Number(row.claimed_idle_ms),
    queue: Number(row.queue_ms),
    handoff: Number(row.handoff_ms),
    externalSystem: Number(row.external_system_ms),
    designedWait: Number(row.designed_wait_ms),
    other: Number(row.other_ms),
  },
  handlingMs: Number(row.handling_ms),
  nvaMs: Number(row.nva_ms),
  nvaSteps: Number(row.nva_steps),
  nvaProcessingMs: Number(row.nva_processing_ms),
  vaProcessingMs: Number(row.va_processing_ms),
});

const rollupFactOf = (row: RolledRow): RollupFact => ({
  status: row.status,
  figures: {
    instanceId: row.instance_id,
    processVersionId: row.process_version_id,
    businessKey: row.business_key,
    startedAt: row.started_at.getTime(),
    endedAt: row.ended_at.getTime(),
    ...figuresOfRow(row),
  },
  escalated: row.escalated,
  firstResponseMs: row.first_response_ms === null ? null : Number(row.first_response_ms),
  firstLane: row.first_lane,
  userTaskLanes: row.user_task_lanes,
  costedAmount: Number(row.costed_amount),
  uncostedProcessingMs: Number(row.uncosted_processing_ms),
  csat: row.csat === null ? null : Number(row.csat),
  nps: row.nps === null ? null : Number(row.nps),
  rework: row.rework,
  work: row.work,
  endedRuns: Number(row.ended_runs),
  firstReadyAt: row.first_ready_at?.getTime() ?? null,
  lastEndedAt: row.last_ended_at?.getTime() ?? null,
  repeatContact: row.repeat_contact,
  followed: row.followed,
});

/** The day row, the month row and the all-time row a case ended on `endedAt` counts in. */
const keysOf = (processVersionId: string, endedAt: Date, segments: Record<string, string>): RollupKey[] => [
  { process_version_id: processVersionId, grain: 'day', period: endedAt.toISOString().slice(0, 10), segments },
  { process_version_id: processVersionId, grain: 'month', period: `${endedAt.toISOString().slice(0, 7)}-01`, segments },
  { process_version_id: processVersionId, grain: 'all', period: ALL_TIME_PERIOD, segments },
];

const deltaOf = (deltas: RollupDeltas, key: RollupKey): CaseRollup => {
  const id = keyString(key);
  let delta = deltas.get(id);
  if (!delta) {
    delta = { key, rollup: emptyCaseRollup() };
    deltas.set(id, delta);
  }
  return delta.rollup;
};

const keyString = ({ process_version_id, grain, period, segments }: RollupKey): string => `${process_version_id}|${grain}|${period}|${JSON.stringify(segments)}`;

/**
 * Rolls up ended facts not rolled up yet: those of `instanceIds` (just written final), or else up
 * to `limit` of the oldest by start (the backfill of facts written before the rollup; start order,
 * so that the customers' earlier cases are there when a case's repeat flag is read). Marks them
 * rolled up and adds them to `deltas`; answers how many.
 */
export const rollUpFacts = async (manager: EntityManager, deltas: RollupDeltas, pick: { instanceIds: readonly string[] } | { limit: number }): Promise<number> => {
  const picked =
    'instanceIds' in pick
      ? `SELECT instance_id FROM case_fact WHERE instance_id = ANY($1::uuid[]) AND ended_at IS NOT NULL AND NOT rolled_up ORDER BY instance_id FOR UPDATE`
      : `SELECT instance_id FROM case_fact WHERE ended_at IS NOT NULL AND NOT rolled_up ORDER BY started_at LIMIT $1 FOR UPDATE SKIP LOCKED`;
  if ('instanceIds' in pick && pick.instanceIds.length === 0) return 0;
  const rows: RolledRow[] = await manager.query(
    `WITH picked AS (${picked}),
     flagged AS (
       SELECT f.instance_id,
              CASE WHEN NULLIF(f.business_key, '') IS NULL THEN NULL
                   ELSE EXISTS (SELECT 1 FROM case_fact o WHERE ${SAME_CUSTOMER}
                                  AND o.started_at < f.started_at AND o.started_at >= f.started_at - $2::interval) END AS repeat_contact,
              NULLIF(f.business_key, '') IS NOT NULL AND EXISTS (SELECT 1 FROM case_fact o WHERE ${SAME_CUSTOMER}
                                  AND o.started_at > f.started_at AND o.started_at <= f.ended_at + $2::interval) AS followed
       FROM case_fact f JOIN picked USING (instance_id)
     ),
     rolled AS (
       UPDATE case_fact f SET rolled_up = true, rollup_followed = flagged.followed
       FROM flagged WHERE f.instance_id = flagged.instance_id
       RETURNING ${ROLLED_COLUMNS}, flagged.repeat_contact, flagged.followed
     )
     SELECT * FROM rolled`,
    ['instanceIds' in pick ? pick.instanceIds : pick.limit, REPEAT_WINDOW],
  );
  for (const row of rows) {
    const fact = rollupFactOf(row);
    for (const key of keysOf(row.process_version_id, row.ended_at, row.segments)) addFactToRollup(deltaOf(deltas, key), fact);
  }
  return rows.length;
};

/**
 * Cases just seen for the first time (`instanceIds`) are repeat contacts of their customer's
 * earlier cases: an earlier case already rolled up as resolved at first contact, which ended at
 * most the repeat window before this one started, is corrected once (counted as followed).
 */
export const correctFollowed = async (manager: EntityManager, deltas: RollupDeltas, instanceIds: readonly string[]): Promise<void> => {
  if (instanceIds.length === 0) return;
  const rows: Array<{
    process_version_id: string;
    ended_at: Date;
    segments: Record<string, string>;
    status: string;
    escalated: boolean;
    first_lane: string | null;
    user_task_lanes: string[];
  }> = await manager.query(
    `WITH earlier AS (
       SELECT DISTINCT o.instance_id
       FROM case_fact f JOIN case_fact o ON ${SAME_CUSTOMER}
       WHERE f.instance_id = ANY($1::uuid[]) AND NULLIF(f.business_key, '') IS NOT NULL
         AND o.rolled_up AND o.rollup_followed = false AND o.started_at < f.started_at AND o.ended_at + $2::interval >= f.started_at
     ),
     corrected AS (
       UPDATE case_fact e SET rollup_followed = true FROM earlier WHERE e.instance_id = earlier.instance_id
       RETURNING e.process_version_id, e.ended_at, e.segments, e.status, e.escalated, e.first_lane, e.user_task_lanes
     )
     SELECT * FROM corrected`,
    [instanceIds, REPEAT_WINDOW],
  );
  for (const row of rows) {
    if (!fcrEligible({ status: row.status, escalated: row.escalated, firstLane: row.first_lane, userTaskLanes: row.user_task_lanes })) continue;
    for (const key of keysOf(row.process_version_id, row.ended_at, row.segments)) deltaOf(deltas, key).followed += 1;
  }
};

/** A rollup as stored: histograms without their trailing empty buckets. */
const stored = (rollup: CaseRollup): CaseRollup => ({
  ...rollup,
  sketches: Object.fromEntries(Object.entries(rollup.sketches).map(([name, kept]) => [name, { ...kept, histogram: trimmedHistogram(kept.histogram) }])),
  figures: Object.fromEntries(Object.entries(rollup.figures).map(([name, kept]) => [name, { ...kept, histogram: trimmedHistogram(kept.histogram) }])),
});

/** A stored row's totals as a rollup (full-length histograms, so that anything merges into it). */
export const rollupOfRow = (totals: CaseRollup): CaseRollup => mergeCaseRollup(emptyCaseRollup(), totals);

const RECORD = 'k(process_version_id uuid, grain text, period date, segments jsonb)';
const MATCH = 'b.process_version_id = k.process_version_id AND b.grain = k.grain AND b.period = k.period AND b.segments = k.segments';

/** Creates the missing rows, locks them all in key order, and writes each back plus its delta (in the caller's transaction). */
export const writeRollup = async (manager: EntityManager, deltas: RollupDeltas): Promise<void> => {
  if (deltas.size === 0) return;
  const keys = [...deltas.values()].map(({ key }) => key);
  await manager.query(
    `INSERT INTO case_fact_rollup (process_version_id, grain, period, segments)
     SELECT process_version_id, grain, period, segments FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}
     ORDER BY process_version_id, grain, period, segments
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(keys)],
  );
  const current: Array<RollupKey & { totals: CaseRollup | Record<string, never> }> = await manager.query(
    `SELECT b.process_version_id, b.grain, b.period::text AS period, b.segments, b.totals
     FROM case_fact_rollup b JOIN jsonb_to_recordset($1::jsonb) AS ${RECORD} ON ${MATCH}
     ORDER BY b.process_version_id, b.grain, b.period, b.segments
     FOR UPDATE OF b`,
    [JSON.stringify(keys)],
  );
  const rows = current.map((row) => {
    const delta = deltas.get(keyString(row));
    if (!delta) throw new Error(`case_fact_rollup row ${keyString(row)} has no delta`);
    const merged = mergeCaseRollup(Object.keys(row.totals).length === 0 ? emptyCaseRollup() : rollupOfRow(row.totals as CaseRollup), delta.rollup);
    return { ...delta.key, cases: merged.cases, totals: stored(merged) };
  });
  await manager.query(
    `UPDATE case_fact_rollup b SET cases = k.cases, totals = k.totals
     FROM jsonb_to_recordset($1::jsonb) AS k(process_version_id uuid, grain text, period date, segments jsonb, cases integer, totals jsonb)
     WHERE ${MATCH}`,
    [JSON.stringify(rows)],
  );
};
