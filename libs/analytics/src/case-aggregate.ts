import type { MeasureAggregate } from './activity-report.js';
import { caseValues, COMPONENTS, VALUE_ADDED_FIGURES, type CaseFigure, type CaseFigures, type Component, type LeadTimeSummary, type ValueAddedSummary } from './case-report.js';
import { bucketOf, emptyHistogram, histogramQuantile, mergeInto } from './histogram.js';
import { EMPTY_SUMMARY, ratio, type Summary } from './statistics.js';

/**
 * The factor that turns each per-case figure into sketch units: durations in seconds as they are,
 * staff-minutes into seconds, counts and ratios in thousandths (so that the log buckets resolve
 * them; 0 is reported as 0.0005).
 */
export const CASE_FIGURES: Record<CaseFigure, number> = {
  leadTime: 1,
  deskTime: 1,
  processing: 1,
  claimedIdle: 1,
  queue: 1,
  handoff: 1,
  externalSystem: 1,
  designedWait: 1,
  other: 1,
  nvaShare: 1000,
  nvaSteps: 1000,
  nvaStaffMinutes: 60,
  pce: 1000,
  pceOfLeadTime: 1000,
  waitingShare: 1000,
  designedWaitShare: 1000,
};

/** Ended cases folded together: per figure a count, a total (in the figure's unit) and a sketch. */
export interface CaseAggregate {
  cases: number;
  figures: Partial<Record<CaseFigure, MeasureAggregate>>;
}

export const emptyCaseAggregate = (): CaseAggregate => ({ cases: 0, figures: {} });

export const addCaseToAggregate = (aggregate: CaseAggregate, figure: CaseFigures): void => {
  aggregate.cases += 1;
  for (const [name, value] of Object.entries(caseValues(figure)) as Array<[CaseFigure, number]>) {
    const kept = (aggregate.figures[name] ??= { n: 0, totalSeconds: 0, histogram: emptyHistogram() });
    kept.n += 1;
    kept.totalSeconds += value;
    kept.histogram[bucketOf(value * CASE_FIGURES[name])] += 1;
  }
};

export const mergeCaseAggregate = (into: CaseAggregate, other: CaseAggregate): CaseAggregate => {
  into.cases += other.cases;
  for (const [name, kept] of Object.entries(other.figures) as Array<[CaseFigure, MeasureAggregate]>) {
    const target = (into.figures[name] ??= { n: 0, totalSeconds: 0, histogram: emptyHistogram() });
    target.n += kept.n;
    target.totalSeconds += kept.totalSeconds;
    mergeInto(target.histogram, kept.histogram);
  }
  return into;
};

/** Mean and total exact; median and p90 within the sketch's bound (histogram.ts). */
const summaryOf = (aggregate: CaseAggregate, name: CaseFigure): Summary => {
  const kept = aggregate.figures[name];
  if (!kept || kept.n === 0) return EMPTY_SUMMARY;
  const scale = CASE_FIGURES[name];
  const at = (p: number) => {
    const value = histogramQuantile(kept.histogram, p);
    return value === null ? null : value / scale;
  };
  return { n: kept.n, mean: kept.totalSeconds / kept.n, median: at(0.5), p90: at(0.9), total: kept.totalSeconds };
};

export const leadTimeSummaryFromAggregate = (aggregate: CaseAggregate): LeadTimeSummary => {
  const leadTime = summaryOf(aggregate, 'leadTime');
  const components = Object.fromEntries(COMPONENTS.map((component) => [component, summaryOf(aggregate, component)])) as Record<Component, Summary>;
  const shares = Object.fromEntries(COMPONENTS.map((component) => [component, ratio(components[component].total, leadTime.total)])) as Record<Component, number | null>;
  return { cases: aggregate.cases, leadTime, deskTime: summaryOf(aggregate, 'deskTime'), components, shares };
};

export const valueAddedSummaryFromAggregate = (aggregate: CaseAggregate): ValueAddedSummary => ({
  cases: aggregate.cases,
  ...(Object.fromEntries(VALUE_ADDED_FIGURES.map((name) => [name, summaryOf(aggregate, name)])) as Omit<ValueAddedSummary, 'cases'>),
});
