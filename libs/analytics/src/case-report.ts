import { handoffsOf, waitingMs, type ActivityRun } from './activity-run.js';
import type { CaseRecord, ElementCatalog } from './ledger.js';
import { ratio, summarize, type Summary } from './statistics.js';

/**
 * The parts of a lead time, highest priority first: an instant belongs to the first part active
 * then. The desk's parts come first (while the desk holds any part of the case, the instant is
 * the desk's), then an external system's, then a designed wait's; "other" is what is left.
 */
export const COMPONENTS = ['processing', 'claimedIdle', 'queue', 'handoff', 'externalSystem', 'designedWait', 'other'] as const;
export type Component = (typeof COMPONENTS)[number];

export type Decomposition = Record<Component, number>;

/** The parts that are not the desk's time. */
export const NOT_THE_DESKS: readonly Component[] = ['externalSystem', 'designedWait'];

/** One ended case: its lead time, its decomposition and its value-added figures (milliseconds unless named). */
export interface CaseFigures {
  instanceId: string;
  processVersionId: string;
  businessKey: string | null;
  startedAt: number;
  endedAt: number;
  /** Everything, designed waits and external-system time included. */
  leadTimeMs: number;
  /** The desk's time: the lead time without the instants that are only a designed wait or an external system's. */
  deskTimeMs: number;
  decomposition: Decomposition;
  /** Processing summed over the activities (parallel work counts twice). */
  handlingMs: number;
  /** The desk's waiting and processing in NVA activities. */
  nvaMs: number;
  nvaSteps: number;
  nvaProcessingMs: number;
  vaProcessingMs: number;
}

export interface CaseInterval {
  component: Exclude<Component, 'other'>;
  from: number;
  to: number;
}

const PRIORITY = Object.fromEntries(COMPONENTS.map((component, index) => [component, index])) as Record<Component, number>;

/**
 * Decomposes a lead time instant by instant, so that parallel branches are not counted twice and
 * the parts add up to the lead time exactly: "other" is the remainder, when nothing is waiting,
 * worked on or handed off (gateways and engine time; about 0 in a healthy case).
 */
export const decompose = (startedAt: number, endedAt: number, intervals: readonly CaseInterval[]): Decomposition => {
  const decomposition = Object.fromEntries(COMPONENTS.map((component) => [component, 0])) as Decomposition;
  const clipped = intervals.map(({ component, from, to }) => ({ component, from: Math.max(from, startedAt), to: Math.min(to, endedAt) })).filter(({ from, to }) => to > from);
  const bounds = [...new Set([startedAt, endedAt, ...clipped.flatMap(({ from, to }) => [from, to])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    let component: Component = 'other';
    for (const interval of clipped) {
      if (interval.from <= from && interval.to >= to && PRIORITY[interval.component] < PRIORITY[component]) component = interval.component;
    }
    decomposition[component] += to - from;
  }
  return decomposition;
};

/** The classified intervals of one case's runs, hand-offs included: what `decompose` takes. */
export const caseIntervals = (caseRuns: readonly ActivityRun[]): CaseInterval[] => {
  const byId = new Map(caseRuns.map((run) => [run.activityInstanceId, run]));
  const intervals: CaseInterval[] = caseRuns.flatMap((run) => run.intervals.map(({ phase, from, to }) => ({ component: phase, from, to })));
  for (const [id, handoff] of handoffsOf(caseRuns)) {
    const run = byId.get(id)!;
    if (handoff > 0) intervals.push({ component: 'handoff', from: run.readyAt - handoff, to: run.readyAt });
  }
  return intervals;
};

/** The desk's time of a decomposed lead time: all of it but its designed-wait and external-system parts. */
export const deskTimeOf = (leadTimeMs: number, decomposition: Decomposition): number => NOT_THE_DESKS.reduce((rest, component) => rest - decomposition[component], leadTimeMs);

/** Every ended case's figures; `runs` holds the runs of these cases (others are ignored). */
export const caseFigures = (cases: readonly CaseRecord[], runs: readonly ActivityRun[], catalog: ElementCatalog): CaseFigures[] => {
  const runsByCase = groupByCase(runs);
  const figures: CaseFigures[] = [];
  for (const record of cases) {
    if (record.endedAt === null) continue;
    const caseRuns = runsByCase.get(record.instanceId) ?? [];
    const decomposition = decompose(record.startedAt, record.endedAt, caseIntervals(caseRuns));
    const leadTimeMs = record.endedAt - record.startedAt;
    let nvaMs = 0;
    let nvaSteps = 0;
    let nvaProcessingMs = 0;
    let vaProcessingMs = 0;
    for (const run of caseRuns) {
      const valueClass = catalog.get(run.elementId)?.valueClass;
      if (valueClass === 'NVA') {
        nvaSteps += 1;
        nvaMs += waitingMs(run) + run.processingMs;
        nvaProcessingMs += run.processingMs;
      }
      if (valueClass === 'VA') vaProcessingMs += run.processingMs;
    }
    figures.push({
      instanceId: record.instanceId,
      processVersionId: record.processVersionId,
      businessKey: record.businessKey,
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      leadTimeMs,
      deskTimeMs: deskTimeOf(leadTimeMs, decomposition),
      decomposition,
      handlingMs: caseRuns.reduce((sum, run) => sum + run.processingMs, 0),
      nvaMs,
      nvaSteps,
      nvaProcessingMs,
      vaProcessingMs,
    });
  }
  return figures;
};

export const groupByCase = (runs: readonly ActivityRun[]): Map<string, ActivityRun[]> => {
  const byCase = new Map<string, ActivityRun[]>();
  for (const run of runs) {
    const list = byCase.get(run.instanceId);
    if (list) list.push(run);
    else byCase.set(run.instanceId, [run]);
  }
  return byCase;
};

/** The per-case figures the summaries (and the case aggregates) describe. */
export type CaseFigure = 'leadTime' | 'deskTime' | Component | 'nvaShare' | 'nvaSteps' | 'nvaStaffMinutes' | 'pce' | 'pceOfLeadTime' | 'waitingShare' | 'designedWaitShare';

/**
 * One case's figures: durations in seconds, staff-minutes, the NVA step count and ratios. The
 * ratios over the lead time are absent for a zero lead time; the desk's ratios (waiting share,
 * PCE) for a case that was never the desk's for an instant.
 */
export const caseValues = (figure: CaseFigures): Partial<Record<CaseFigure, number>> => {
  const values: Partial<Record<CaseFigure, number>> = {
    leadTime: figure.leadTimeMs / 1000,
    deskTime: figure.deskTimeMs / 1000,
    nvaSteps: figure.nvaSteps,
    nvaStaffMinutes: figure.nvaProcessingMs / 60_000,
  };
  for (const component of COMPONENTS) values[component] = figure.decomposition[component] / 1000;
  if (figure.leadTimeMs > 0) {
    values.nvaShare = figure.nvaMs / figure.leadTimeMs;
    values.pceOfLeadTime = figure.vaProcessingMs / figure.leadTimeMs;
    values.designedWaitShare = figure.decomposition.designedWait / figure.leadTimeMs;
  }
  if (figure.deskTimeMs > 0) {
    values.pce = figure.vaProcessingMs / figure.deskTimeMs;
    values.waitingShare = (figure.decomposition.queue + figure.decomposition.claimedIdle) / figure.deskTimeMs;
  }
  return values;
};

/** Lead time and its parts over the cases, in seconds. */
export interface LeadTimeSummary {
  cases: number;
  leadTime: Summary;
  /** The lead time without designed waits and external-system time. */
  deskTime: Summary;
  components: Record<Component, Summary>;
  /** Mean share of each part in the lead time (pooled: part total / lead time total). */
  shares: Record<Component, number | null>;
}

export const leadTimeSummary = (figures: readonly CaseFigures[]): LeadTimeSummary => {
  const values = figures.map(caseValues);
  const leadTime = summarize(values.map((value) => value.leadTime!));
  const components = Object.fromEntries(COMPONENTS.map((component) => [component, summarize(values.map((value) => value[component]!))])) as Record<Component, Summary>;
  const shares = Object.fromEntries(COMPONENTS.map((component) => [component, ratio(components[component].total, leadTime.total)])) as Record<Component, number | null>;
  return { cases: figures.length, leadTime, deskTime: summarize(values.map((value) => value.deskTime!)), components, shares };
};

/** The value-added view: per-case figures summarized over the cases. */
export interface ValueAddedSummary {
  cases: number;
  nvaShare: Summary;
  nvaSteps: Summary;
  nvaStaffMinutes: Summary;
  /** Over the desk's time (the default). */
  pce: Summary;
  /** The same VA working time over the whole lead time. */
  pceOfLeadTime: Summary;
  /** The desk's waiting over the desk's time. */
  waitingShare: Summary;
  /** The designed waits' part of the lead time: shown beside the waiting share, never in it. */
  designedWaitShare: Summary;
}

export const VALUE_ADDED_FIGURES = ['nvaShare', 'nvaSteps', 'nvaStaffMinutes', 'pce', 'pceOfLeadTime', 'waitingShare', 'designedWaitShare'] as const;

export const valueAddedSummary = (figures: readonly CaseFigures[]): ValueAddedSummary => {
  const values = figures.map(caseValues);
  const of = (name: CaseFigure) => summarize(values.flatMap((value) => (value[name] === undefined ? [] : [value[name]])));
  return { cases: figures.length, ...(Object.fromEntries(VALUE_ADDED_FIGURES.map((name) => [name, of(name)])) as Omit<ValueAddedSummary, 'cases'>) };
};
