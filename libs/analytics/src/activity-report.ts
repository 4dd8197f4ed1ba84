import { handoffsOf, timeClassOfRun, waitingMs, type ActivityRun } from './activity-run.js';
import { DEFINITIONS } from './definitions.js';
import { bucketOf, emptyHistogram, mergeInto, summarizeHistogram } from './histogram.js';
import type { ElementCatalog, ValueClass } from './ledger.js';
import { EMPTY_SUMMARY, summarize, type Summary } from './statistics.js';
import type { TimeClass } from './time-class.js';

export const MEASURES = ['queue', 'claimedIdle', 'waiting', 'processing', 'handoff', 'duration', 'designedWait', 'externalSystem'] as const;
export type Measure = (typeof MEASURES)[number];

/** The measures of one ended run, in seconds; a measure that does not apply is absent. */
export type RunMeasures = Partial<Record<Measure, number>>;

/**
 * What one ended run adds to its element's figures: its duration always; the desk's runs their
 * queue, claimed-idle, waiting and processing; a designed wait its designed wait and an external
 * task its external-system time instead (so they never count as waiting); a scope none of these.
 */
export const measuresOf = (run: ActivityRun, handoffMs: number | null | undefined): RunMeasures => {
  if (run.endedAt === null) return {};
  const measures: RunMeasures = { duration: (run.endedAt - run.readyAt) / 1000 };
  if (!run.container) {
    if (run.timeClass === 'designedWait') measures.designedWait = run.designedWaitMs / 1000;
    else if (run.timeClass === 'externalSystem') measures.externalSystem = run.externalSystemMs / 1000;
    else {
      measures.queue = run.queueMs / 1000;
      measures.claimedIdle = run.claimedIdleMs / 1000;
      measures.waiting = waitingMs(run) / 1000;
      measures.processing = run.processingMs / 1000;
    }
  }
  if (handoffMs !== null && handoffMs !== undefined) measures.handoff = handoffMs / 1000;
  return measures;
};

/** One row of the per-activity report: figures in seconds, each with its sample size. */
export interface ActivityRow {
  elementId: string;
  name: string | null;
  elementType: string;
  laneId: string | null;
  valueClass: ValueClass | null;
  /** Whose time its instances spend: the desk's, a designed wait's or an external system's. */
  timeClass: TimeClass;
  /** Activity instances that ended (completed or canceled). */
  count: number;
  completed: number;
  canceled: number;
  queue: Summary;
  claimedIdle: Summary;
  waiting: Summary;
  processing: Summary;
  handoff: Summary;
  duration: Summary;
  designedWait: Summary;
  externalSystem: Summary;
}

export const ACTIVITY_DEFINITIONS = {
  timeClasses: DEFINITIONS.timeClasses,
  queue: DEFINITIONS.queue,
  claimedIdle: DEFINITIONS.claimedIdle,
  waiting: DEFINITIONS.waiting,
  processing: DEFINITIONS.processing,
  handoff: DEFINITIONS.handoff,
  duration: DEFINITIONS.duration,
  designedWait: DEFINITIONS.designedWait,
  externalSystem: DEFINITIONS.externalSystem,
};

const emptyValues = (): Record<Measure, number[]> => Object.fromEntries(MEASURES.map((measure) => [measure, []])) as unknown as Record<Measure, number[]>;

/** A window of end times: from inclusive, to exclusive, either open. */
export interface EndWindow {
  from?: number;
  to?: number;
}

export const endedWithin = (run: ActivityRun, { from, to }: EndWindow = {}): boolean =>
  run.endedAt !== null && (from === undefined || run.endedAt >= from) && (to === undefined || run.endedAt < to);

/**
 * Exact per-activity figures from ledger runs: the runs that ended in the window count; give every
 * run of the cases, so that hand-offs find their predecessors.
 */
export const activityReport = (runs: readonly ActivityRun[], catalog: ElementCatalog, window: EndWindow = {}): ActivityRow[] => {
  const handoffs = handoffsOf(runs);
  const groups = new Map<string, { runs: ActivityRun[]; values: Record<Measure, number[]> }>();
  for (const run of runs) {
    if (!endedWithin(run, window)) continue;
    let group = groups.get(run.elementId);
    if (!group) {
      group = { runs: [], values: emptyValues() };
      groups.set(run.elementId, group);
    }
    group.runs.push(run);
    const measures = measuresOf(run, handoffs.get(run.activityInstanceId));
    for (const measure of MEASURES) {
      const value = measures[measure];
      if (value !== undefined) group.values[measure].push(value);
    }
  }
  return sortRows(
    [...groups.entries()].map(([elementId, { runs: elementRuns, values }]) => ({
      ...rowHead(elementId, elementRuns[0].elementType, elementRuns[0].laneId, catalog, elementRuns.find((run) => !run.container)?.timeClass),
      count: elementRuns.length,
      completed: elementRuns.filter(({ outcome }) => outcome === 'completed').length,
      canceled: elementRuns.filter(({ outcome }) => outcome === 'canceled').length,
      ...(Object.fromEntries(MEASURES.map((measure) => [measure, summarize(values[measure])])) as Record<Measure, Summary>),
    })),
  );
};

/** A measure kept incrementally: how many runs have it, their total (seconds) and a sketch. */
export interface MeasureAggregate {
  n: number;
  totalSeconds: number;
  histogram: number[];
}

/** The incremental aggregate of one element, over whatever buckets (days, versions) were merged. */
export interface ActivityAggregate {
  elementId: string;
  elementType: string;
  laneId: string | null;
  completed: number;
  canceled: number;
  measures: Partial<Record<Measure, MeasureAggregate>>;
}

export const emptyAggregate = (elementId: string, elementType: string, laneId: string | null): ActivityAggregate => ({
  elementId,
  elementType,
  laneId,
  completed: 0,
  canceled: 0,
  measures: {},
});

/** Adds one ended run to an aggregate (what the incremental path does per activity instance). */
export const addToAggregate = (aggregate: ActivityAggregate, run: ActivityRun, handoffMs: number | null | undefined): void => {
  if (run.outcome === null) return;
  if (run.outcome === 'completed') aggregate.completed += 1;
  else aggregate.canceled += 1;
  const measures = measuresOf(run, handoffMs);
  for (const measure of MEASURES) {
    const seconds = measures[measure];
    if (seconds === undefined) continue;
    const kept = (aggregate.measures[measure] ??= { n: 0, totalSeconds: 0, histogram: emptyHistogram() });
    kept.n += 1;
    kept.totalSeconds += seconds;
    kept.histogram[bucketOf(seconds)] += 1;
  }
};

/** Adds `other` into `into` (aggregates of one element from two buckets); answers `into`. */
export const mergeAggregate = (into: ActivityAggregate, other: ActivityAggregate): ActivityAggregate => {
  into.completed += other.completed;
  into.canceled += other.canceled;
  into.laneId ??= other.laneId;
  for (const measure of MEASURES) {
    const kept = other.measures[measure];
    if (!kept || kept.n === 0) continue;
    const target = (into.measures[measure] ??= { n: 0, totalSeconds: 0, histogram: emptyHistogram() });
    target.n += kept.n;
    target.totalSeconds += kept.totalSeconds;
    mergeInto(target.histogram, kept.histogram);
  }
  return into;
};

/** Per-activity figures from incremental aggregates: means exact, medians and p90 within the sketch's bound. */
export const activityReportFromAggregates = (aggregates: readonly ActivityAggregate[], catalog: ElementCatalog): ActivityRow[] =>
  sortRows(
    aggregates.map((aggregate) => {
      const summaryOf = (measure: Measure): Summary => {
        const kept = aggregate.measures[measure];
        return kept ? summarizeHistogram(kept.histogram, kept.n, kept.totalSeconds) : EMPTY_SUMMARY;
      };
      return {
        ...rowHead(aggregate.elementId, aggregate.elementType, aggregate.laneId, catalog),
        count: aggregate.completed + aggregate.canceled,
        completed: aggregate.completed,
        canceled: aggregate.canceled,
        ...(Object.fromEntries(MEASURES.map((measure) => [measure, summaryOf(measure)])) as Record<Measure, Summary>),
      };
    }),
  );

const rowHead = (elementId: string, elementType: string, laneId: string | null, catalog: ElementCatalog, timeClass?: TimeClass) => {
  const element = catalog.get(elementId);
  return {
    elementId,
    name: element?.name ?? null,
    elementType,
    laneId: laneId ?? element?.laneId ?? null,
    valueClass: element?.valueClass ?? null,
    // A multi-instance body is a scope: its inner instances' type classifies the element.
    timeClass: timeClass ?? timeClassOfRun(elementId, elementType === 'multiInstanceBody' ? (element?.type ?? elementType) : elementType, catalog),
  };
};

/** Most of the desk's waiting first, then the most designed wait, then by element id, so the table reads the same on every call. */
const sortRows = (rows: ActivityRow[]): ActivityRow[] =>
  rows.sort((a, b) => b.waiting.total - a.waiting.total || b.designedWait.total - a.designedWait.total || (a.elementId < b.elementId ? -1 : a.elementId > b.elementId ? 1 : 0));
