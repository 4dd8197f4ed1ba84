import type { EntityManager } from 'typeorm';
import { caseFact, foldLedger, groupByCase, type CaseFact, type CaseRecord, type ElementCatalog } from '#analytics';
import { LEDGER_COLUMNS, toStepEvent, type StepEventRow } from './ledger-rows.js';

/** What the fact of a case needs from its version: the element catalog and the declared segments. */
export interface VersionFacts {
  catalog: ElementCatalog;
  segments: readonly string[];
}

/** The case_fact columns, their types and how each comes from a fact (times as timestamps, durations in ms). */
const FACT_COLUMNS: ReadonlyArray<readonly [string, string, (fact: CaseFact, extra: FactExtra) => unknown]> = [
  ['instance_id', 'uuid', (f) => f.instanceId],
  ['process_version_id', 'uuid', (f) => f.processVersionId],
  ['experiment_id', 'uuid', (_f, e) => e.experimentId],
  ['arm_id', 'text', (_f, e) => e.armId],
  ['business_key', 'text', (f) => f.businessKey],
  ['status', 'text', (f) => f.status],
  ['started_at', 'timestamptz', (f) => new Date(f.startedAt).toISOString()],
  ['ended_at', 'timestamptz', (f) => (f.endedAt === null ? null : new Date(f.endedAt).toISOString())],
  ['last_seq', 'bigint', (_f, e) => e.lastSeq],
  ['lead_time_ms', 'double precision', (f) => f.figures?.leadTimeMs ?? null],
  ['desk_time_ms', 'double precision', (f) => f.figures?.deskTimeMs ?? null],
  ['queue_ms', 'double precision', (f) => f.figures?.decomposition.queue ?? null],
  ['claimed_idle_ms', 'double precision', (f) => f.figures?.decomposition.claimedIdle ?? null],
  ['processing_ms', 'double precision', (f) => f.figures?.decomposition.processing ?? null],
  ['handoff_ms', 'double precision', (f) => f.figures?.decomposition.handoff ?? null],
  ['external_system_ms', 'double precision', (f) => f.figures?.decomposition.externalSystem ?? null],
  ['designed_wait_ms', 'double precision', (f) => f.figures?.decomposition.designedWait ?? null],
  ['other_ms', 'double precision', (f) => f.figures?.decomposition.other ?? null],
  ['handling_ms', 'double precision', (f) => f.figures?.handlingMs ?? null],
  ['nva_ms', 'double precision', (f) => f.figures?.nvaMs ?? null],
  ['nva_steps', 'integer', (f) => f.figures?.nvaSteps ?? null],
  ['nva_processing_ms', 'double precision', (f) => f.figures?.nvaProcessingMs ?? null],
  ['va_processing_ms', 'double precision', (f) => f.figures?.vaProcessingMs ?? null],
  ['first_response_ms', 'double precision', (f) => f.firstResponseMs],
  ['first_lane', 'text', (f) => f.firstLane],
  ['user_task_lanes', 'text[]', (f) => f.userTaskLanes],
  ['escalated', 'boolean', (f) => f.escalated],
  ['rework', 'jsonb', (f) => f.rework],
  ['costed_amount', 'double precision', (f) => f.costedAmount],
  ['uncosted_processing_ms', 'double precision', (f) => f.uncostedProcessingMs],
  ['csat', 'double precision', (f) => f.csat],
  ['nps', 'double precision', (f) => f.nps],
  ['segments', 'jsonb', (f) => f.segments],
  ['ended_runs', 'integer', (f) => f.endedRuns],
  ['first_ready_at', 'timestamptz', (f) => (f.firstReadyAt === null ? null : new Date(f.firstReadyAt).toISOString())],
  ['last_ended_at', 'timestamptz', (f) => (f.lastEndedAt === null ? null : new Date(f.lastEndedAt).toISOString())],
  ['work', 'jsonb', (f) => f.work],
  ['stages', 'jsonb', (f) => f.stages],
  ['worked', 'jsonb', (f) => f.worked],
];

interface FactExtra {
  experimentId: string | null;
  armId: string | null;
  lastSeq: string;
}

interface InstanceRow {
  instanceId: string;
  processVersionId: string;
  businessKey: string | null;
  status: string;
  startedAt: Date;
  endedAt: Date | null;
  experimentId: string | null;
  armId: string | null;
  lastSeq: string | null;
}

/**
 * Folds the facts of these cases from all their steps and writes them (in the caller's
 * transaction). A running case's row is replaced as it moves; an ended case's row is final: a
 * refold of the case while it still looked running never overwrites it. Answers the cases whose
 * fact is new (their customers' earlier cases may need a rollup correction).
 */
export const writeCaseFacts = async (
  manager: EntityManager,
  instanceIds: readonly string[],
  versionFacts: (processVersionId: string) => Promise<VersionFacts>,
): Promise<string[]> => {
  if (instanceIds.length === 0) return [];
  const instances: InstanceRow[] = await manager.query(
    `SELECT i.id AS "instanceId", i.process_version_id AS "processVersionId", i.business_key AS "businessKey", i.status,
            i.started_at AS "startedAt", i.ended_at AS "endedAt", a.experiment_id AS "experimentId", a.arm_id AS "armId",
            (SELECT max(s.seq) FROM step_event s WHERE s.instance_id = i.id)::text AS "lastSeq"
     FROM instance i LEFT JOIN experiment_assignment a ON a.instance_id = i.id
     WHERE i.id = ANY($1::uuid[])`,
    [instanceIds],
  );
  if (instances.length === 0) return [];
  const ids = instances.map(({ instanceId }) => instanceId);
  const variableRows: Array<{ instanceId: string; name: string; value: unknown }> = await manager.query(
    `SELECT instance_id AS "instanceId", name, value FROM variable WHERE instance_id = ANY($1::uuid[])`,
    [ids],
  );
  const variables = new Map<string, Record<string, unknown>>();
  for (const { instanceId, name, value } of variableRows) variables.set(instanceId, { ...variables.get(instanceId), [name]: value });
  const steps: StepEventRow[] = await manager.query(`SELECT ${LEDGER_COLUMNS} FROM step_event s WHERE s.instance_id = ANY($1::uuid[]) ORDER BY s.instance_id, s.seq`, [ids]);
  const stepsByCase = new Map<string, StepEventRow[]>();
  for (const step of steps) {
    const list = stepsByCase.get(step.instanceId);
    if (list) list.push(step);
    else stepsByCase.set(step.instanceId, [step]);
  }
  const rows: Array<Record<string, unknown>> = [];
  for (const processVersionId of new Set(instances.map((row) => row.processVersionId))) {
    const { catalog, segments } = await versionFacts(processVersionId);
    const own = instances.filter((row) => row.processVersionId === processVersionId);
    const runs = groupByCase(foldLedger(own.flatMap(({ instanceId }) => stepsByCase.get(instanceId) ?? []).map(toStepEvent), catalog));
    for (const row of own) {
      const record: CaseRecord = {
        instanceId: row.instanceId,
        processVersionId,
        businessKey: row.businessKey,
        status: row.status,
        startedAt: row.startedAt.getTime(),
        endedAt: row.endedAt?.getTime() ?? null,
        variables: variables.get(row.instanceId) ?? {},
      };
      const fact = caseFact(record, runs.get(row.instanceId) ?? [], catalog, segments);
      const extra: FactExtra = { experimentId: row.experimentId, armId: row.armId, lastSeq: row.lastSeq ?? '0' };
      rows.push(Object.fromEntries(FACT_COLUMNS.map(([name, , value]) => [name, value(fact, extra)])));
    }
  }
  const names = FACT_COLUMNS.map(([name]) => name);
  const written: Array<{ id: string; inserted: boolean }> = await manager.query(
    `WITH written AS (
     INSERT INTO case_fact (${names.join(', ')})
     SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS k(${FACT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
     ORDER BY instance_id
     ON CONFLICT (instance_id) DO UPDATE SET ${names
       .slice(1)
       .map((name) => `${name} = EXCLUDED.${name}`)
       .join(', ')}
     WHERE case_fact.ended_at IS NULL OR EXCLUDED.ended_at IS NOT NULL
     -- xmax 0: a row inserted, not updated (the case seen for the first time)
     RETURNING instance_id, xmax = 0 AS inserted)
     SELECT instance_id AS id, inserted FROM written`,
    [JSON.stringify(rows)],
  );
  return written.filter(({ inserted }) => inserted).map(({ id }) => id);
};
