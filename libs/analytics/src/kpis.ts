import type { ActivityRun } from './activity-run.js';
import { caseOutcomes, type CaseOutcome } from './case-outcomes.js';
import { groupByCase, type CaseFigures } from './case-report.js';
import { DEFINITIONS, type FigureKey } from './definitions.js';
import { DEFAULT_KPI_SETTINGS, type KpiSettings } from './kpi-settings.js';
import { HOUR_MS, MINUTE_MS, type CaseRecord, type ElementCatalog } from './ledger.js';
import { ratio, summarize, type Summary } from './statistics.js';

export type KpiUnit = 'share' | 'hours' | 'minutes' | 'currency' | 'score' | 'count';

export interface Kpi {
  key: FigureKey;
  value: number | null;
  unit: KpiUnit;
  /** The sample size: cases behind the figure. */
  n: number;
  /** For a rate: the cases that met it. */
  numerator?: number;
  median?: number | null;
  p90?: number | null;
  definition: string;
}

/** A rate KPI's count: the cases that met it of the cases it counts. */
export interface RateCount {
  met: number;
  of: number;
}

/**
 * What the KPIs are made of, however it was counted: from the ledger (`kpis`) or from the case
 * facts in SQL. The summaries are type-7, as `summarize` gives them.
 */
export interface KpiTotals {
  fcr: RateCount;
  firstResponse: RateCount;
  resolution: RateCount;
  escalation: RateCount;
  repeats: RateCount;
  costPerCase: Summary;
  csat: Summary;
  nps: { n: number; promoters: number; detractors: number };
  leadTimeHours: Summary;
  handlingMinutes: Summary;
}

/**
 * The service KPIs of DESIGN.md section 5 over the analyzed cases: `cases` (running ones too, for
 * repeat contacts), the runs of these cases and their per-case figures.
 */
export const kpis = (
  cases: readonly CaseRecord[],
  runs: readonly ActivityRun[],
  figures: readonly CaseFigures[],
  catalog: ElementCatalog,
  settings: KpiSettings = DEFAULT_KPI_SETTINGS,
): Kpi[] => {
  const runsByCase = groupByCase(runs);
  const outcomes = caseOutcomes(cases, runs, settings);
  const count = (pick: (outcome: CaseOutcome) => boolean | null): RateCount => {
    const counted = outcomes.map(pick).filter((value) => value !== null);
    return { met: counted.filter(Boolean).length, of: counted.length };
  };
  const costs = figures.map(({ instanceId }) =>
    (runsByCase.get(instanceId) ?? []).reduce((sum, run) => sum + (run.processingMs / HOUR_MS) * (catalog.get(run.elementId)?.costPerHour ?? settings.defaultCostPerHour), 0),
  );
  const scores = (name: string) => cases.map(({ variables }) => variables[name]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  const nps = scores(settings.npsVariable);
  return kpisOfTotals(
    {
      fcr: count((o) => o.fcr),
      firstResponse: count((o) => o.firstResponseMet),
      resolution: count((o) => o.resolutionMet),
      escalation: count((o) => o.escalated),
      repeats: count((o) => o.repeatContact),
      costPerCase: summarize(costs),
      csat: summarize(scores(settings.csatVariable)),
      nps: { n: nps.length, promoters: nps.filter((score) => score >= 9).length, detractors: nps.filter((score) => score <= 6).length },
      leadTimeHours: summarize(figures.map(({ leadTimeMs }) => leadTimeMs / HOUR_MS)),
      handlingMinutes: summarize(figures.map(({ handlingMs }) => handlingMs / 60_000)),
    },
    settings,
  );
};

/** The KPI list from its totals, each with its definition (the SLAs named) and sample size. */
export const kpisOfTotals = (totals: KpiTotals, settings: KpiSettings = DEFAULT_KPI_SETTINGS): Kpi[] => {
  const rate = (key: FigureKey, { met, of }: RateCount, note = ''): Kpi => ({
    key,
    value: ratio(met, of),
    unit: 'share',
    n: of,
    numerator: met,
    definition: `${DEFINITIONS[key]}${note}`,
  });
  const distribution = (key: FigureKey, unit: KpiUnit, summary: Summary): Kpi => ({
    key,
    value: summary.mean,
    unit,
    n: summary.n,
    median: summary.median,
    p90: summary.p90,
    definition: DEFINITIONS[key],
  });
  const { nps } = totals;
  return [
    rate('fcr', totals.fcr),
    rate('slaFirstResponse', totals.firstResponse, ` SLA: ${slaText(settings.firstResponseSlaMs)}.`),
    rate('slaResolution', totals.resolution, ` SLA: ${slaText(settings.resolutionSlaMs)} of the desk's time.`),
    rate('escalationRate', totals.escalation),
    rate('repeatContactRate', totals.repeats),
    distribution('costPerCase', 'currency', totals.costPerCase),
    distribution('csat', 'score', totals.csat),
    {
      key: 'nps',
      value: nps.n === 0 ? null : (100 * (nps.promoters - nps.detractors)) / nps.n,
      unit: 'score',
      n: nps.n,
      definition: DEFINITIONS.nps,
    },
    distribution('meanLeadTime', 'hours', totals.leadTimeHours),
    distribution('handlingTime', 'minutes', totals.handlingMinutes),
  ];
};

/** An SLA as its definition states it: whole hours in hours, the rest in minutes. */
const slaText = (ms: number): string => (ms % HOUR_MS === 0 ? `${ms / HOUR_MS} h` : `${Math.round((ms / MINUTE_MS) * 100) / 100} min`);
