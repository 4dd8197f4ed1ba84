import { handoffsOf, waitingMs, type ActivityRun } from './activity-run.js';
import type { CaseRecord, ElementCatalog } from './ledger.js';
import { ratio, summarize, type Summary } from './statistics.js';

/** The parts of a lead time, highest priority first: an instant belongs to the first part active then. */
export const COMPONENTS = ['processing', 'claimedIdle', 'queue', 'handoff', 'other'] as const;
export type Component = (typeof COMPONENTS)[number];

export type Decomposition = Record<Component, number>;

/** One ended case: its lead time, its decomposition and its value-added figures (milliseconds unless named). */
export interface CaseFigures {
  instanceId: string;
  processVersionId: string;
  businessKey: string | null;
  startedAt: number;
  endedAt: number;
  leadTimeMs: number;
  decomposition: Decomposition;
  /** Processing summed over the activities (parallel work counts twice). */
  handlingMs: number;
  nvaMs: number;
  nvaSteps: number;
  nvaProcessingMs: number;
  vaProcessingMs: number;
}

interface Interval {
  component: Exclude<Component, 'other'>;
  from: number;
  to: number;
}

const PRIORITY: Record<Component, number> = { processing: 0, claimedIdle: 1, queue: 2, handoff: 3, other: 4 };

/**
 * Decomposes a lead time instant by instant, so that parallel branches are not counted twice and
 * the parts add up to the lead time exactly: "other" is the remainder, when nothing is waiting,
 * worked on or handed off (gateways and engine time; about 0 in a healthy case).
 */
export const decompose = (startedAt: number, endedAt: number, intervals: readonly Interval[]): Decomposition => {
  const decomposition: Decomposition = { processing: 0, claimedIdle: 0, queue: 0, handoff: 0, other: 0 };
  const clipped = intervals
    .map(({ component, from, to }) => ({ component, from: Math.max(from, startedAt), to: Math.min(to, endedAt) }))
    .filter(({ from, to }) => to > from);
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

/** Every ended case's figures; `runs` holds the runs of these cases (others are ignored). */
export const caseFigures = (cases: readonly CaseRecord[], runs: readonly ActivityRun[], catalog: ElementCatalog): CaseFigures[] => {
  const runsByCase = groupByCase(runs);
  const figures: CaseFigures[] = [];
  for (const record of cases) {
    if (record.endedAt === null) continue;
    const caseRuns = runsByCase.get(record.instanceId) ?? [];
    const handoffs = handoffsOf(caseRuns);
    const byId = new Map(caseRuns.map((run) => [run.activityInstanceId, run]));
    const intervals: Interval[] = caseRuns.flatMap((run) => run.intervals.map(({ phase, from, to }) => ({ component: phase, from, to })));
    for (const [id, handoff] of handoffs) {
      const run = byId.get(id)!;
      if (handoff > 0) intervals.push({ component: 'handoff', from: run.readyAt - handoff, to: run.readyAt });
    }
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
      leadTimeMs: record.endedAt - record.startedAt,
      decomposition: decompose(record.startedAt, record.endedAt, intervals),
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
export type CaseFigure = 'leadTime' | Component | 'nvaShare' | 'nvaSteps' | 'nvaStaffMinutes' | 'pce' | 'waitingShare';

/** One case's figures: durations in seconds, staff-minutes, the NVA step count and ratios (absent for a zero lead time). */
export const caseValues = (figure: CaseFigures): Partial<Record<CaseFigure, number>> => {
  const values: Partial<Record<CaseFigure, number>> = {
    leadTime: figure.leadTimeMs / 1000,
    nvaSteps: figure.nvaSteps,
    nvaStaffMinutes: figure.nvaProcessingMs / 60_000,
  };
  for (const component of COMPONENTS) values[component] = figure.decomposition[component] / 1000;
  if (figure.leadTimeMs > 0) {
    values.nvaShare = figure.nvaMs / figure.leadTimeMs;
    values.pce = figure.vaProcessingMs / figure.leadTimeMs;
    values.waitingShare = (figure.decomposition.queue + figure.decomposition.claimedIdle) / figure.leadTimeMs;
  }
  return values;
};

/** Lead time and its parts over the cases, in seconds. */
export interface LeadTimeSummary {
  cases: number;
  leadTime: Summary;
  components: Record<Component, Summary>;
  /** Mean share of each part in the lead time (pooled: part total / lead time total). */
  shares: Record<Component, number | null>;
}

export const leadTimeSummary = (figures: readonly CaseFigures[]): LeadTimeSummary => {
  const values = figures.map(caseValues);
  const leadTime = summarize(values.map((value) => value.leadTime!));
  const components = Object.fromEntries(COMPONENTS.map((component) => [component, summarize(values.map((value) => value[component]!))])) as Record<
    Component,
    Summary
  >;
  const shares = Object.fromEntries(COMPONENTS.map((component) => [component, ratio(components[component].total, leadTime.total)])) as Record<
    Component,
    number | null
  >;
  return { cases: figures.length, leadTime, components, shares };
};

/** The value-added view: per-case figures summarised over the cases. */
export interface ValueAddedSummary {
  cases: number;
  nvaShare: Summary;
  nvaSteps: Summary;
  nvaStaffMinutes: Summary;
  pce: Summary;
  waitingShare: Summary;
}

export const valueAddedSummary = (figures: readonly CaseFigures[]): ValueAddedSummary => {
  const values = figures.map(caseValues);
  const of = (name: CaseFigure) => summarize(values.flatMap((value) => (value[name] === undefined ? [] : [value[name]])));
  return {
    cases: figures.length,
    nvaShare: of('nvaShare'),
    nvaSteps: of('nvaSteps'),
    nvaStaffMinutes: of('nvaStaffMinutes'),
    pce: of('pce'),
    waitingShare: of('waitingShare'),
  };
};
