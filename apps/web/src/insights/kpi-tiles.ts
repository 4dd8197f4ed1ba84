import type { Kpi, KpiReport, KpiTarget, ReworkReport, Summary, ValueAddedFigure, ValueAddedReport } from '../api/analytics-api.js';
import { formatMoney, formatPointsDistance, formatReportDuration } from '../format/units.js';

type Unit = 'share' | 'hours' | 'currency' | 'score' | 'count';

/** Which way is good: most KPIs have one; the case count only gives the sample. */
type Direction = 'higher' | 'lower' | 'none';

/** One tile as the page shows it. */
export interface KpiFigure {
  key: string;
  label: string;
  value: number | null;
  unit: Unit;
  n: number;
  /** For a rate: how many of the n cases met it. */
  numerator?: number;
  definition: string;
  direction: Direction;
}

export interface KpiSources {
  kpis: KpiReport;
  valueAdded: ValueAddedReport;
  rework: ReworkReport;
}

const kpiOf = (report: KpiReport, key: string): Kpi | undefined => report.kpis.find((kpi) => kpi.key === key);

/**
 * The tiles of the review meeting, in its order: the service KPIs, lead time, the value-added
 * figures, rework and the number of cases, each from the report that defines it.
 */
export const kpiFigures = ({ kpis, valueAdded, rework }: KpiSources): KpiFigure[] => {
  const fromKpi = (key: string, label: string, unit: Unit, direction: Direction): KpiFigure => {
    const kpi = kpiOf(kpis, key);
    return {
      key,
      label,
      value: kpi?.value ?? null,
      unit,
      n: kpi?.n ?? 0,
      ...(kpi?.numerator !== undefined && { numerator: kpi.numerator }),
      definition: kpi?.definition ?? '',
      direction,
    };
  };
  const leadTime = kpiOf(kpis, 'meanLeadTime');
  const fromLeadTime = (key: string, label: string, statistic: 'median' | 'p90'): KpiFigure => ({
    key,
    label,
    value: leadTime?.[statistic] ?? null,
    unit: 'hours',
    n: leadTime?.n ?? 0,
    definition: `${statistic === 'median' ? 'Median' : '90th percentile'} of the ${(leadTime?.definition ?? 'lead time').replace(/^Lead time/, 'lead time')}`,
    direction: 'lower',
  });
  const fromValueAdded = (key: ValueAddedFigure, label: string, unit: Unit, direction: Direction, note = ''): KpiFigure => {
    const summary: Summary = valueAdded.summary[key];
    return { key, label, value: summary.mean, unit, n: summary.n, definition: `${valueAdded.definitions[key] ?? ''} Mean over the cases.${note}`, direction };
  };
  // The figures counted apart, written where the desk's figures are so neither is read for the other.
  const designedWaitShare = valueAdded.summary.designedWaitShare?.mean;
  const pceOfLeadTime = valueAdded.summary.pceOfLeadTime?.mean;
  const designedNote =
    designedWaitShare === undefined || designedWaitShare === null
      ? ''
      : ` Designed waits (timers, waits for the customer): ${formatKpi(designedWaitShare, 'share')} of the lead time, not counted here.`;
  const leadTimeNote = pceOfLeadTime === undefined || pceOfLeadTime === null ? '' : ` Over the whole lead time, designed waits included: ${formatKpi(pceOfLeadTime, 'share')}.`;
  return [
    fromKpi('fcr', 'First-contact resolution', 'share', 'higher'),
    fromKpi('slaFirstResponse', 'SLA: first response', 'share', 'higher'),
    fromKpi('slaResolution', "SLA: resolution (desk's time)", 'share', 'higher'),
    fromKpi('escalationRate', 'Escalation rate', 'share', 'lower'),
    fromKpi('repeatContactRate', 'Repeat-contact rate', 'share', 'lower'),
    fromLeadTime('leadTimeMedian', 'Lead time, median', 'median'),
    fromLeadTime('leadTimeP90', 'Lead time, p90', 'p90'),
    fromValueAdded('waitingShare', "Waiting share (the desk's)", 'share', 'lower', designedNote),
    fromValueAdded('nvaShare', 'NVA share', 'share', 'lower'),
    fromValueAdded('nvaSteps', 'NVA steps per case', 'count', 'lower'),
    fromValueAdded('pce', "Process cycle efficiency (desk's time)", 'share', 'higher', leadTimeNote),
    fromKpi('costPerCase', 'Cost per case', 'currency', 'lower'),
    fromKpi('csat', 'CSAT', 'score', 'higher'),
    fromKpi('nps', 'NPS', 'score', 'higher'),
    {
      key: 'reworkRate',
      label: 'Rework rate',
      value: rework.reworkRate,
      unit: 'share',
      n: rework.cases,
      definition: rework.definitions.rework,
      direction: 'lower',
    },
    {
      key: 'cases',
      label: 'Cases',
      value: kpis.sampleSize.cases,
      unit: 'count',
      n: kpis.sampleSize.cases,
      definition: `Cases that ended in the range and segment (${kpis.sampleSize.running} more still running): the sample behind the case figures.`,
      direction: 'none',
    },
  ];
};

/** A figure in its unit: shares as percent, lead times in the app's duration format, money in the configured currency. */
export const formatKpi = (value: number | null, unit: Unit): string => {
  if (value === null) return '–';
  if (unit === 'share') return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;
  // Lead time's median and p90 come from the same log buckets as the activity figures: below a second "< 1 s".
  if (unit === 'hours') return formatReportDuration(value * 3600);
  if (unit === 'currency') return formatMoney(value);
  if (unit === 'count') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  return value.toFixed(1);
};

/** A difference in the figure's unit: points for shares. */
const formatDistance = (difference: number, unit: Unit): string => (unit === 'share' ? formatPointsDistance(difference) : formatKpi(Math.abs(difference), unit));

export type BaselineComparison = 'better' | 'worse' | 'same' | 'none';
export type TargetComparison = 'met' | 'short' | 'none';

export const compareWithBaseline = (figure: KpiFigure, baseline: number | undefined): BaselineComparison => {
  if (figure.value === null || baseline === undefined || figure.direction === 'none') return 'none';
  if (figure.value === baseline) return 'same';
  return figure.value > baseline === (figure.direction === 'higher') ? 'better' : 'worse';
};

export const compareWithTarget = (figure: KpiFigure, target: number | undefined): TargetComparison => {
  if (figure.value === null || target === undefined || figure.direction === 'none') return 'none';
  return (figure.direction === 'higher' ? figure.value >= target : figure.value <= target) ? 'met' : 'short';
};

const line = (className: string, text: string): HTMLElement => {
  const node = document.createElement('div');
  node.className = className;
  node.textContent = text;
  return node;
};

/** One tile: value, sample, the comparisons in words and colour (arrows too), and the definition. */
const tile = (figure: KpiFigure, target: KpiTarget): HTMLElement => {
  const node = document.createElement('article');
  node.className = 'kpi-tile';
  node.dataset.kpi = figure.key;
  const versusBaseline = compareWithBaseline(figure, target.baseline);
  const versusTarget = compareWithTarget(figure, target.target);
  node.dataset.vsBaseline = versusBaseline;
  node.dataset.vsTarget = versusTarget;
  const value = line('kpi-value', formatKpi(figure.value, figure.unit));
  value.dataset.role = 'kpi-value';
  const met = figure.numerator === undefined ? '' : ` · ${figure.numerator} met`;
  node.append(
    line('kpi-label', figure.label),
    value,
    line('kpi-sample', `n = ${figure.n}${met}${figure.direction === 'none' ? '' : figure.direction === 'higher' ? ' · higher is better' : ' · lower is better'}`),
  );
  const baselineText =
    target.baseline === undefined
      ? 'no baseline set'
      : versusBaseline === 'none'
        ? `baseline ${formatKpi(target.baseline, figure.unit)}`
        : versusBaseline === 'same'
          ? `= baseline ${formatKpi(target.baseline, figure.unit)}`
          : `${versusBaseline === 'better' ? '▲ better' : '▼ worse'} than baseline ${formatKpi(target.baseline, figure.unit)} by ${formatDistance(figure.value! - target.baseline, figure.unit)}`;
  const targetText =
    target.target === undefined
      ? 'no target set'
      : versusTarget === 'none'
        ? `target ${formatKpi(target.target, figure.unit)}`
        : versusTarget === 'met'
          ? `✓ target ${formatKpi(target.target, figure.unit)} met`
          : `target ${formatKpi(target.target, figure.unit)}: ${formatDistance(target.target - figure.value!, figure.unit)} to go`;
  const baseline = line(`kpi-baseline kpi-${versusBaseline}`, baselineText);
  if (target.baseline === undefined) baseline.classList.add('kpi-unset');
  baseline.dataset.role = 'kpi-baseline';
  const goal = line(`kpi-target kpi-target-${versusTarget}`, targetText);
  if (target.target === undefined) goal.classList.add('kpi-unset');
  goal.dataset.role = 'kpi-target';
  const definition = line('kpi-definition', figure.definition);
  definition.dataset.role = 'kpi-definition';
  node.title = figure.definition;
  node.append(baseline, goal, definition);
  return node;
};

export const renderKpiTiles = (container: HTMLElement, figures: readonly KpiFigure[], targets: Partial<Record<string, KpiTarget>>): void => {
  container.replaceChildren(...figures.map((figure) => tile(figure, targets[figure.key] ?? {})));
};
