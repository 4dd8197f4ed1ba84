import type { ActivityRun } from './activity-run.js';
import { caseOutcomes, type CaseOutcome } from './case-outcomes.js';
import { groupByCase, type CaseFigures } from './case-report.js';
import { DEFINITIONS, type FigureKey } from './definitions.js';
import { DEFAULT_KPI_SETTINGS, type KpiSettings } from './kpi-settings.js';
import { HOUR_MS, MINUTE_MS, type CaseRecord, type ElementCatalog } from './ledger.js';
import { ratio, summarize } from './statistics.js';

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
  const count = (pick: (outcome: CaseOutcome) => boolean | null) => {
    const counted = outcomes.map(pick).filter((value) => value !== null);
    return { met: counted.filter(Boolean).length, of: counted.length };
  };
  const fcr = count((o) => o.fcr);
  const firstResponse = count((o) => o.firstResponseMet);
  const resolution = count((o) => o.resolutionMet);
  const escalation = count((o) => o.escalated);
  const repeats = count((o) => o.repeatContact);
  const costs = figures.map(({ instanceId }) =>
    (runsByCase.get(instanceId) ?? []).reduce((sum, run) => sum + (run.processingMs / HOUR_MS) * (catalog.get(run.elementId)?.costPerHour ?? settings.defaultCostPerHour), 0),
  );
  const scores = (name: string) => cases.map(({ variables }) => variables[name]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  const csat = scores(settings.csatVariable);
  const nps = scores(settings.npsVariable);

  const rate = (key: FigureKey, met: number, of: number, note = ''): Kpi => ({
    key,
    value: ratio(met, of),
    unit: 'share',
    n: of,
    numerator: met,
    definition: `${DEFINITIONS[key]}${note}`,
  });
  const distribution = (key: FigureKey, unit: KpiUnit, values: number[]): Kpi => {
    const summary = summarize(values);
    return { key, value: summary.mean, unit, n: summary.n, median: summary.median, p90: summary.p90, definition: DEFINITIONS[key] };
  };
  return [
    rate('fcr', fcr.met, fcr.of),
    rate('slaFirstResponse', firstResponse.met, firstResponse.of, ` SLA: ${slaText(settings.firstResponseSlaMs)}.`),
    rate('slaResolution', resolution.met, resolution.of, ` SLA: ${slaText(settings.resolutionSlaMs)} of the desk's time.`),
    rate('escalationRate', escalation.met, escalation.of),
    rate('repeatContactRate', repeats.met, repeats.of),
    distribution('costPerCase', 'currency', costs),
    distribution('csat', 'score', csat),
    {
      key: 'nps',
      value: nps.length === 0 ? null : (100 * (nps.filter((score) => score >= 9).length - nps.filter((score) => score <= 6).length)) / nps.length,
      unit: 'score',
      n: nps.length,
      definition: DEFINITIONS.nps,
    },
    distribution(
      'meanLeadTime',
      'hours',
      figures.map(({ leadTimeMs }) => leadTimeMs / HOUR_MS),
    ),
    distribution(
      'handlingTime',
      'minutes',
      figures.map(({ handlingMs }) => handlingMs / 60_000),
    ),
  ];
};

/** An SLA as its definition states it: whole hours in hours, the rest in minutes. */
const slaText = (ms: number): string => (ms % HOUR_MS === 0 ? `${ms / HOUR_MS} h` : `${Math.round((ms / MINUTE_MS) * 100) / 100} min`);
