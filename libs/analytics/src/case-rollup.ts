import type { MeasureAggregate } from './activity-report.js';
import { addCaseToAggregate, emptyCaseAggregate, mergeCaseAggregate, type CaseAggregate } from './case-aggregate.js';
import type { CaseFigures } from './case-report.js';
import type { FactWork } from './case-fact.js';
import { bucketOf, emptyHistogram, histogramQuantile, mergeInto } from './histogram.js';
import { DEFAULT_KPI_SETTINGS, type KpiSettings } from './kpi-settings.js';
import type { KpiTotals, RateCount } from './kpis.js';
import { HOUR_MS } from './ledger.js';
import { reworkOfCases, type CaseRework, type ReworkReport } from './rework.js';
import { EMPTY_SUMMARY, type Summary } from './statistics.js';
import type { TeamWork } from './utilization.js';

/**
 * The KPI distributions a rollup keeps as sketches, and the factor that turns each into sketch
 * units (histogram.ts buckets from 1 unit up): lead time hours and handling minutes as seconds,
 * cost in hundredths, scores in hundredths (so 1..5 and 0..10 resolve).
 */
export const ROLLUP_SKETCHES = { leadTimeHours: 3600, handlingMinutes: 60, costPerCase: 100, csat: 100 } as const;
export type RollupSketch = keyof typeof ROLLUP_SKETCHES;

/**
 * The ended cases of one version, one UTC day of their end (or all time) and one set of declared
 * segment values, folded together: everything the KPI (with the default settings), rework,
 * utilisation (all time) and lead-time reports read, as counts, sums and fixed log-bucket
 * histograms, so that the rows merge by adding. Counts and sums are exact; medians and p90 come
 * from the histograms (within HISTOGRAM_RELATIVE_ERROR of the order statistic).
 */
export interface CaseRollup {
  cases: number;
  completed: number;
  escalated: number;
  firstResponse: RateCount;
  /** Completed cases within the default resolution SLA of the desk's time (of = completed). */
  resolutionMet: number;
  /** Completed cases of the first tier (default: every user task in the lane of the first) that were not escalated. */
  fcrEligible: number;
  /** Of those, the ones the same customer came back after within the default repeat window: not resolved at first contact. */
  followed: number;
  repeats: RateCount;
  nps: { n: number; promoters: number; detractors: number };
  sketches: Partial<Record<RollupSketch, MeasureAggregate>>;
  /** Lead time, its decomposition and the value-added figures, as the case aggregates keep them. */
  figures: CaseAggregate['figures'];
  rework: { casesWithRework: number; elements: Record<string, { cases: number; extraExecutions: number }>; loops: Record<string, number> };
  /** Work by team ("kind:team"): the ended runs with working time of these cases. */
  work: Record<string, { activityInstances: number; processingMs: number }>;
  /** Every ended run of these cases (utilisation's sample), the first ready and the last end among them (its default window). */
  endedRuns: number;
  firstReadyAt: number | null;
  lastEndedAt: number | null;
}

/** One ended case as the rollup folds it: its fact's columns, and its repeat flags settled against the other cases of its process. */
export interface RollupFact {
  status: string;
  figures: CaseFigures;
  escalated: boolean;
  firstResponseMs: number | null;
  firstLane: string | null;
  userTaskLanes: readonly string[];
  costedAmount: number;
  uncostedProcessingMs: number;
  csat: number | null;
  nps: number | null;
  rework: CaseRework | null;
  work: readonly FactWork[];
  endedRuns: number;
  firstReadyAt: number | null;
  lastEndedAt: number | null;
  /** null without a customer (business key); else whether the customer started another case in the window before this one. */
  repeatContact: boolean | null;
  /** Whether the customer started another case after this one, up to the window after its end. */
  followed: boolean;
}

export const emptyCaseRollup = (): CaseRollup => ({
  cases: 0,
  completed: 0,
  escalated: 0,
  firstResponse: { met: 0, of: 0 },
  resolutionMet: 0,
  fcrEligible: 0,
  followed: 0,
  repeats: { met: 0, of: 0 },
  nps: { n: 0, promoters: 0, detractors: 0 },
  sketches: {},
  figures: {},
  rework: { casesWithRework: 0, elements: {}, loops: {} },
  work: {},
  endedRuns: 0,
  firstReadyAt: null,
  lastEndedAt: null,
});

const earliest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const latest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Whether the rollup answers a KPI request: it counted with the default settings only. */
export const rollupServesKpis = (settings: KpiSettings): boolean =>
  (Object.keys(DEFAULT_KPI_SETTINGS) as Array<keyof KpiSettings>).every((name) => settings[name] === DEFAULT_KPI_SETTINGS[name]) &&
  settings.customerVariable === undefined &&
  settings.firstTierLanes === undefined;

/** Whether a case is resolved by the first tier without escalation (the default first tier: the lane of its first user task). */
export const fcrEligible = (fact: Pick<RollupFact, 'status' | 'escalated' | 'firstLane' | 'userTaskLanes'>): boolean =>
  fact.status === 'completed' && !fact.escalated && fact.userTaskLanes.every((lane) => lane === fact.firstLane);

const sketch = (rollup: CaseRollup, name: RollupSketch, value: number): void => {
  const kept = (rollup.sketches[name] ??= { n: 0, totalSeconds: 0, histogram: emptyHistogram() });
  kept.n += 1;
  kept.totalSeconds += value;
  kept.histogram[bucketOf(value * ROLLUP_SKETCHES[name])] += 1;
};

/** Adds one ended case. */
export const addFactToRollup = (rollup: CaseRollup, fact: RollupFact, settings: KpiSettings = DEFAULT_KPI_SETTINGS): void => {
  const completed = fact.status === 'completed';
  rollup.cases += 1;
  if (completed) rollup.completed += 1;
  if (fact.escalated) rollup.escalated += 1;
  if (fact.firstResponseMs !== null) {
    rollup.firstResponse.of += 1;
    if (fact.firstResponseMs <= settings.firstResponseSlaMs) rollup.firstResponse.met += 1;
  }
  if (completed && fact.figures.deskTimeMs <= settings.resolutionSlaMs) rollup.resolutionMet += 1;
  if (fcrEligible(fact)) {
    rollup.fcrEligible += 1;
    if (fact.followed) rollup.followed += 1;
  }
  if (fact.repeatContact !== null) {
    rollup.repeats.of += 1;
    if (fact.repeatContact) rollup.repeats.met += 1;
  }
  if (fact.nps !== null) {
    rollup.nps.n += 1;
    if (fact.nps >= 9) rollup.nps.promoters += 1;
    if (fact.nps <= 6) rollup.nps.detractors += 1;
  }
  sketch(rollup, 'leadTimeHours', fact.figures.leadTimeMs / HOUR_MS);
  sketch(rollup, 'handlingMinutes', fact.figures.handlingMs / 60_000);
  sketch(rollup, 'costPerCase', fact.costedAmount + (fact.uncostedProcessingMs / HOUR_MS) * settings.defaultCostPerHour);
  if (fact.csat !== null) sketch(rollup, 'csat', fact.csat);
  const aggregate: CaseAggregate = { cases: 0, figures: rollup.figures };
  addCaseToAggregate(aggregate, fact.figures);
  if (fact.rework !== null) {
    rollup.rework.casesWithRework += 1;
    for (const [elementId, extra] of Object.entries(fact.rework.elements)) {
      const entry = (rollup.rework.elements[elementId] ??= { cases: 0, extraExecutions: 0 });
      entry.cases += 1;
      entry.extraExecutions += extra;
    }
    for (const loop of fact.rework.loops) {
      const key = JSON.stringify(loop);
      rollup.rework.loops[key] = (rollup.rework.loops[key] ?? 0) + 1;
    }
  }
  for (const { team, kind, processingMs } of fact.work) {
    const entry = (rollup.work[`${kind}:${team}`] ??= { activityInstances: 0, processingMs: 0 });
    entry.activityInstances += 1;
    entry.processingMs += processingMs;
  }
  rollup.endedRuns += fact.endedRuns;
  rollup.firstReadyAt = earliest(rollup.firstReadyAt, fact.firstReadyAt);
  rollup.lastEndedAt = latest(rollup.lastEndedAt, fact.lastEndedAt);
};

const addCounts = <T extends object>(into: T, other: T): void => {
  const target = into as Record<string, number>;
  for (const [name, value] of Object.entries(other) as Array<[string, number]>) target[name] = (target[name] ?? 0) + value;
};

/** Adds `other` into `into` (counts may be negative: a correction); answers `into`. */
export const mergeCaseRollup = (into: CaseRollup, other: CaseRollup): CaseRollup => {
  into.cases += other.cases;
  into.completed += other.completed;
  into.escalated += other.escalated;
  addCounts(into.firstResponse, other.firstResponse);
  into.resolutionMet += other.resolutionMet;
  into.fcrEligible += other.fcrEligible;
  into.followed += other.followed;
  addCounts(into.repeats, other.repeats);
  addCounts(into.nps, other.nps);
  for (const [name, kept] of Object.entries(other.sketches) as Array<[RollupSketch, MeasureAggregate]>) {
    const target = (into.sketches[name] ??= { n: 0, totalSeconds: 0, histogram: emptyHistogram() });
    target.n += kept.n;
    target.totalSeconds += kept.totalSeconds;
    mergeInto(target.histogram, kept.histogram);
  }
  mergeCaseAggregate({ cases: 0, figures: into.figures }, { cases: 0, figures: other.figures });
  into.rework.casesWithRework += other.rework.casesWithRework;
  for (const [elementId, entry] of Object.entries(other.rework.elements)) addCounts((into.rework.elements[elementId] ??= { cases: 0, extraExecutions: 0 }), entry);
  for (const [loop, cases] of Object.entries(other.rework.loops)) into.rework.loops[loop] = (into.rework.loops[loop] ?? 0) + cases;
  for (const [team, entry] of Object.entries(other.work)) addCounts((into.work[team] ??= { activityInstances: 0, processingMs: 0 }), entry);
  into.endedRuns += other.endedRuns;
  into.firstReadyAt = earliest(into.firstReadyAt, other.firstReadyAt);
  into.lastEndedAt = latest(into.lastEndedAt, other.lastEndedAt);
  return into;
};

/** A sketch's summary in its own unit: mean and total exact, median and p90 within the histogram's bound. */
export const rollupSummary = (rollup: CaseRollup, name: RollupSketch): Summary => {
  const kept = rollup.sketches[name];
  if (!kept || kept.n === 0) return EMPTY_SUMMARY;
  const at = (p: number) => {
    const value = histogramQuantile(kept.histogram, p);
    return value === null ? null : value / ROLLUP_SKETCHES[name];
  };
  return { n: kept.n, mean: kept.totalSeconds / kept.n, median: at(0.5), p90: at(0.9), total: kept.totalSeconds };
};

/** What the running cases started in a window add to its KPIs: first responses, repeat contacts and scores (the rest counts ended cases only). */
export interface RunningKpis {
  running: number;
  firstResponse: RateCount;
  repeats: RateCount;
  csat: readonly number[];
  nps: { n: number; promoters: number; detractors: number };
}

export const NO_RUNNING_KPIS: RunningKpis = { running: 0, firstResponse: { met: 0, of: 0 }, repeats: { met: 0, of: 0 }, csat: [], nps: { n: 0, promoters: 0, detractors: 0 } };

/** The KPI totals of the rolled-up ended cases and the running ones. */
export const kpiTotalsOfRollup = (ended: CaseRollup, running: RunningKpis = NO_RUNNING_KPIS): KpiTotals => {
  const rollup = mergeCaseRollup(emptyCaseRollup(), ended);
  for (const score of running.csat) sketch(rollup, 'csat', score);
  return {
    fcr: { met: rollup.fcrEligible - rollup.followed, of: rollup.completed },
    firstResponse: { met: rollup.firstResponse.met + running.firstResponse.met, of: rollup.firstResponse.of + running.firstResponse.of },
    resolution: { met: rollup.resolutionMet, of: rollup.completed },
    escalation: { met: rollup.escalated, of: rollup.cases },
    repeats: { met: rollup.repeats.met + running.repeats.met, of: rollup.repeats.of + running.repeats.of },
    costPerCase: rollupSummary(rollup, 'costPerCase'),
    csat: rollupSummary(rollup, 'csat'),
    nps: { n: rollup.nps.n + running.nps.n, promoters: rollup.nps.promoters + running.nps.promoters, detractors: rollup.nps.detractors + running.nps.detractors },
    leadTimeHours: rollupSummary(rollup, 'leadTimeHours'),
    handlingMinutes: rollupSummary(rollup, 'handlingMinutes'),
  };
};

/** The rework report of the rolled-up cases (as reworkOfCases orders it). */
export const reworkOfRollup = (rollup: CaseRollup): ReworkReport => {
  const report = reworkOfCases(rollup.cases, []);
  return {
    ...report,
    casesWithRework: rollup.rework.casesWithRework,
    reworkRate: rollup.cases === 0 ? null : rollup.rework.casesWithRework / rollup.cases,
    elements: Object.entries(rollup.rework.elements)
      .map(([elementId, entry]) => ({ elementId, ...entry }))
      .sort((a, b) => b.extraExecutions - a.extraExecutions || (a.elementId < b.elementId ? -1 : 1)),
    loops: Object.entries(rollup.rework.loops)
      .map(([key, cases]) => ({ sequence: JSON.parse(key) as string[], cases }))
      .sort((a, b) => b.cases - a.cases || a.sequence.join().localeCompare(b.sequence.join())),
  };
};

/** The teams' work of the rolled-up cases. */
export const teamWorkOfRollup = (rollup: CaseRollup): TeamWork[] =>
  Object.entries(rollup.work).map(([key, { activityInstances, processingMs }]) => {
    const separator = key.indexOf(':');
    return { kind: key.slice(0, separator) as TeamWork['kind'], team: key.slice(separator + 1), activityInstances, processingMs };
  });

/** The lead-time and value-added figures of the rolled-up cases, as a case aggregate. */
export const caseAggregateOfRollup = (rollup: CaseRollup): CaseAggregate => mergeCaseAggregate(emptyCaseAggregate(), { cases: rollup.cases, figures: rollup.figures });
