import type { ElementCatalog, StepEvent, StepType } from './ledger.js';
import { timeClassOfType, type TimeClass } from './time-class.js';

/**
 * Where an activity instance is between two steps. The desk's phases are queue, claimed-idle and
 * processing (working); the instances of a designed wait or an external task spend all their time
 * in one phase of their class.
 */
export type Phase = 'queue' | 'claimedIdle' | 'processing' | 'designedWait' | 'externalSystem';

export interface PhaseInterval {
  phase: Phase;
  from: number;
  to: number;
}

/** One activity instance with its steps folded into phase durations (milliseconds). */
export interface ActivityRun {
  activityInstanceId: string;
  instanceId: string;
  elementId: string;
  elementType: string;
  laneId: string | null;
  /** Who finished it (or, while it runs, who last touched it). */
  actor: string | null;
  previousActivityInstanceId: string | null;
  readyAt: number;
  /** Completed or canceled; null while it runs. */
  endedAt: number | null;
  outcome: 'completed' | 'canceled' | null;
  /** The first `started`: when work on it began (for an external task: its first fetch). */
  firstStartedAt: number | null;
  /** Whose time it spends: only the desk's runs have queue, claimed-idle and processing time. */
  timeClass: TimeClass;
  queueMs: number;
  claimedIdleMs: number;
  processingMs: number;
  /** Ready until ended, of a designed wait (timer, message, event-based gateway, receive task). */
  designedWaitMs: number;
  /** Ready until ended, of an external task: waiting to be fetched and the worker's time. */
  externalSystemMs: number;
  intervals: PhaseInterval[];
  /** A scope (sub-process, multi-instance body, call activity): its time is its content's, so no phases of its own. */
  container: boolean;
  /** Reason codes of its `escalated` steps, in order. */
  escalations: string[];
  /** The clocks (`due`, `followUp`) of its `breached` steps. */
  breaches: string[];
}

/**
 * The phase each step opens for the desk's work (DESIGN.md section 5 and the ledger contract):
 * queue time runs from `ready`/`unclaimed` (and after an escalation, in the new queue) to
 * `claimed`, claimed-idle from `claimed`/`paused` to `started`, processing from `started` until it
 * pauses, escalates or ends. `null`: the activity instance ends; absent: a marker. A designed wait
 * or an external task is in its class's phase from `ready` to its end, whatever steps it writes.
 */
const PHASE_AFTER: Partial<Record<StepType, Phase | null>> = {
  ready: 'queue',
  unclaimed: 'queue',
  escalated: 'queue',
  claimed: 'claimedIdle',
  paused: 'claimedIdle',
  started: 'processing',
  completed: null,
  canceled: null,
};

const CONTAINER_TYPES: ReadonlySet<string> = new Set(['subProcess', 'adHocSubProcess', 'multiInstanceBody', 'callActivity', 'transaction']);

/** Whether an element type is a scope whose time belongs to what runs inside it. */
export const isContainer = (elementType: string): boolean => CONTAINER_TYPES.has(elementType);

/**
 * Folds the steps of ONE activity instance (in ledger order) into a run, its time classified by
 * `timeClass` (by default from its element type, time-class.ts). Before the ledger knew `claimed`
 * and `started` apart, a claim wrote both at the same instant: claimed-idle is then 0.
 */
export const foldActivity = (steps: readonly StepEvent[], timeClass?: TimeClass): ActivityRun => {
  const first = steps[0];
  const last = steps[steps.length - 1];
  const container = isContainer(first.elementType);
  const run: ActivityRun = {
    activityInstanceId: first.activityInstanceId,
    instanceId: first.instanceId,
    // A migration may move it to another element: the last step names where it ended.
    elementId: last.elementId,
    elementType: last.elementType,
    laneId: last.laneId ?? first.laneId,
    actor: null,
    previousActivityInstanceId: steps.find((step) => step.type === 'ready')?.previousActivityInstanceId ?? first.previousActivityInstanceId,
    readyAt: first.at,
    endedAt: null,
    outcome: null,
    firstStartedAt: null,
    timeClass: timeClass ?? timeClassOfType(last.elementType),
    queueMs: 0,
    claimedIdleMs: 0,
    processingMs: 0,
    designedWaitMs: 0,
    externalSystemMs: 0,
    intervals: [],
    container,
    escalations: [],
    breaches: [],
  };
  let open: { phase: Phase; since: number } | null = null;
  for (const step of steps) {
    if (step.actor !== null && step.type !== 'migrated') run.actor = step.actor;
    if (step.type === 'escalated') run.escalations.push(String(step.detail?.reasonCode ?? ''));
    if (step.type === 'breached') run.breaches.push(String(step.detail?.clock ?? ''));
    if (step.type === 'started' && run.firstStartedAt === null) run.firstStartedAt = step.at;
    const next = PHASE_AFTER[step.type];
    if (next === undefined || run.outcome !== null) continue;
    if (open !== null && !container) close(run, open.phase, open.since, step.at);
    open = next === null ? null : { phase: next, since: step.at };
    if (next === null) {
      run.endedAt = step.at;
      run.outcome = step.type === 'completed' ? 'completed' : 'canceled';
    }
  }
  return run;
};

const close = (run: ActivityRun, deskPhase: Phase, from: number, to: number): void => {
  const duration = Math.max(0, to - from);
  const phase: Phase = run.timeClass === 'desk' ? deskPhase : run.timeClass;
  if (phase === 'queue') run.queueMs += duration;
  else if (phase === 'claimedIdle') run.claimedIdleMs += duration;
  else if (phase === 'processing') run.processingMs += duration;
  else if (phase === 'designedWait') run.designedWaitMs += duration;
  else run.externalSystemMs += duration;
  if (duration <= 0) return;
  // A designed wait or an external task stays in one phase across its steps (a fetch): one interval.
  const previous = run.intervals[run.intervals.length - 1];
  if (previous?.phase === phase && previous.to === from) previous.to = to;
  else run.intervals.push({ phase, from, to });
};

/** Waiting (DESIGN.md section 5): the desk's, ready -> started, split into queue and claimed-idle; 0 for a designed wait or an external task. */
export const waitingMs = (run: ActivityRun): number => run.queueMs + run.claimedIdleMs;

/**
 * The class of an activity instance: what the catalog says of its element when the catalog's
 * element is of the type the ledger recorded (versions analyzed together may reuse an id), else
 * its type alone.
 */
export const timeClassOfRun = (elementId: string, elementType: string, catalog?: ElementCatalog): TimeClass => {
  const element = catalog?.get(elementId);
  return element?.timeClass !== undefined && element.type === elementType ? element.timeClass : timeClassOfType(elementType);
};

/**
 * Folds a ledger (any order of cases, each case's steps in ledger order) into runs, in ledger
 * order; with the element catalog, message throw and end events delivered by workers count as
 * external-system time too.
 */
export const foldLedger = (steps: readonly StepEvent[], catalog?: ElementCatalog): ActivityRun[] => {
  const byActivity = new Map<string, StepEvent[]>();
  for (const step of steps) {
    const list = byActivity.get(step.activityInstanceId);
    if (list) list.push(step);
    else byActivity.set(step.activityInstanceId, [step]);
  }
  return [...byActivity.values()].map((activitySteps) => {
    const last = activitySteps[activitySteps.length - 1];
    return foldActivity(activitySteps, timeClassOfRun(last.elementId, last.elementType, catalog));
  });
};

/**
 * Hand-off time of a run: its previous activity instance completed in another lane, and this one
 * became ready some time later. Null when there is no hand-off (same lane, no lane, no predecessor).
 */
export const handoffMs = (run: ActivityRun, previous: ActivityRun | undefined): number | null => {
  if (!previous || previous.endedAt === null || previous.laneId === null || run.laneId === null) return null;
  if (previous.laneId === run.laneId) return null;
  return Math.max(0, run.readyAt - previous.endedAt);
};

/** The hand-off of every run that has one, by activity instance id. */
export const handoffsOf = (runs: readonly ActivityRun[]): Map<string, number> => {
  const byId = new Map(runs.map((run) => [run.activityInstanceId, run]));
  const handoffs = new Map<string, number>();
  for (const run of runs) {
    const previous = run.previousActivityInstanceId === null ? undefined : byId.get(run.previousActivityInstanceId);
    const handoff = handoffMs(run, previous);
    if (handoff !== null) handoffs.set(run.activityInstanceId, handoff);
  }
  return handoffs;
};
