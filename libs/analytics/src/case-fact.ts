import { isActivityType } from '#bpmn';
import type { ActivityRun } from './activity-run.js';
import { caseFigures, type CaseFigures } from './case-report.js';
import { HOUR_MS, type CaseRecord, type ElementCatalog } from './ledger.js';
import { caseRework, type CaseRework } from './rework.js';
import { teamOf, type TeamUtilization } from './utilization.js';

/** The variables whose numbers the facts keep as CSAT and NPS (the KPI settings' defaults). */
export const FACT_SCORE_VARIABLES = { csat: 'csat', nps: 'nps' } as const;

/** One stretch of the desk's work that ended: whose, when it ended, how long it was worked on. */
export interface FactWork {
  team: string;
  kind: TeamUtilization['kind'];
  endedAt: number;
  processingMs: number;
}

/**
 * One case as the reports count it, folded once from its steps: the narrow row `case_fact` keeps
 * (one a case; a running case's row is refolded as it moves, an ended one's is final). Raw
 * quantities rather than verdicts, so that a report can apply its own SLAs, repeat window, first
 * tier and default cost: the figures the KPI, rework and utilisation reports computed per request
 * from the ledger.
 */
export interface CaseFact extends Omit<CaseRecord, 'variables'> {
  /** Ended cases: lead time, its decomposition and the value-added figures (caseFigures). */
  figures: CaseFigures | null;
  /** First human step started - case start, ms; null before one starts. */
  firstResponseMs: number | null;
  /** The lane of the case's first user task (the default first tier). */
  firstLane: string | null;
  /** Every lane its user tasks ran in. */
  userTaskLanes: string[];
  escalated: boolean;
  rework: CaseRework | null;
  /** Working time costed at its elements' costPerHour. */
  costedAmount: number;
  /** Working time on elements without costPerHour: costed at the report's default rate. */
  uncostedProcessingMs: number;
  csat: number | null;
  nps: number | null;
  /** The process's declared segment variables, as text. */
  segments: Record<string, string>;
  /** Activity instances that ended, and the first ready and last end among them (utilisation's sample and default window). */
  endedRuns: number;
  firstReadyAt: number | null;
  lastEndedAt: number | null;
  /** The ended runs with working time, by team. */
  work: FactWork[];
  /** Activities completed (not scopes): the desk's waiting and working per stage of the process, as the experiment analysis compares them. */
  stages: Record<string, { waitingMs: number; processingMs: number }>;
  /** The same activities' durations, ready -> end, for the per-activity differences between arms. */
  worked: Array<{ elementId: string; durationMs: number }>;
}

const USER_TASK = 'userTask';

const score = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The segment value as the filters compare it: the variable's JSON text, a string without quotes. */
const segmentText = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));

/** The fact of one case from its own runs, read with the catalog of its version. */
export const caseFact = (record: CaseRecord, caseRuns: readonly ActivityRun[], catalog: ElementCatalog, segmentNames: readonly string[] = []): CaseFact => {
  const userTasks = caseRuns.filter(({ elementType }) => elementType === USER_TASK).sort((a, b) => a.readyAt - b.readyAt);
  const starts = userTasks.flatMap(({ firstStartedAt }) => (firstStartedAt === null ? [] : [firstStartedAt]));
  const ended = caseRuns.filter((run) => run.endedAt !== null);
  let costedAmount = 0;
  let uncostedProcessingMs = 0;
  for (const run of caseRuns) {
    const costPerHour = catalog.get(run.elementId)?.costPerHour;
    if (costPerHour === undefined) uncostedProcessingMs += run.processingMs;
    else costedAmount += (run.processingMs / HOUR_MS) * costPerHour;
  }
  const segments: Record<string, string> = {};
  for (const name of segmentNames) {
    const text = segmentText(record.variables[name]);
    if (text !== null) segments[name] = text;
  }
  return {
    instanceId: record.instanceId,
    processVersionId: record.processVersionId,
    businessKey: record.businessKey,
    status: record.status,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    figures: record.endedAt === null ? null : (caseFigures([record], caseRuns, catalog)[0] ?? null),
    firstResponseMs: starts.length === 0 ? null : Math.min(...starts) - record.startedAt,
    firstLane: userTasks[0]?.laneId ?? null,
    userTaskLanes: [...new Set(userTasks.flatMap(({ laneId }) => (laneId === null ? [] : [laneId])))].sort(),
    escalated: caseRuns.some(({ escalations }) => escalations.length > 0),
    rework: caseRework(caseRuns),
    costedAmount,
    uncostedProcessingMs,
    csat: score(record.variables[FACT_SCORE_VARIABLES.csat]),
    nps: score(record.variables[FACT_SCORE_VARIABLES.nps]),
    segments,
    endedRuns: ended.length,
    firstReadyAt: ended.length === 0 ? null : Math.min(...ended.map(({ readyAt }) => readyAt)),
    lastEndedAt: ended.length === 0 ? null : Math.max(...ended.map(({ endedAt }) => endedAt!)),
    work: ended.filter(({ processingMs }) => processingMs > 0).map((run) => ({ ...teamOf(run, catalog), endedAt: run.endedAt!, processingMs: run.processingMs })),
    ...workedOf(caseRuns, catalog),
  };
};

/** The completed activities (not scopes) by stage, and their durations. */
const workedOf = (caseRuns: readonly ActivityRun[], catalog: ElementCatalog): Pick<CaseFact, 'stages' | 'worked'> => {
  const worked = caseRuns.filter((run) => !run.container && run.outcome === 'completed' && isActivityType(run.elementType));
  const stages: CaseFact['stages'] = {};
  for (const run of worked) {
    const stage = catalog.get(run.elementId)?.stage;
    if (stage === undefined) continue;
    const time = (stages[stage] ??= { waitingMs: 0, processingMs: 0 });
    time.waitingMs += run.queueMs + run.claimedIdleMs;
    time.processingMs += run.processingMs;
  }
  return { stages, worked: worked.map((run) => ({ elementId: run.elementId, durationMs: run.endedAt! - run.readyAt })) };
};
