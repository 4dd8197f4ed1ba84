import type { CandidateAnalysis, MetricResult } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable, panel } from './data-table.js';
import { directionText, formatDifference, formatInterval, formatMetricValue, formatP, metricLabel } from './experiment-format.js';

const HEADERS = ['Metric', 'Baseline', 'Candidate', 'Difference', 'Interval', 'p', 'Adjusted p', 'Result'];

const metricRow = (metric: MetricResult) => ({
  attributes: { 'data-metric': metric.metric, 'data-primary': String(metric.primary), 'data-significant': String(metric.significant), 'data-direction': metric.direction },
  cells: [
    element(
      'span',
      metric.definition ? { class: 'has-definition', title: metric.definition, 'data-role': 'metric-definition' } : {},
      metricLabel(metric.metric),
      metric.primary ? element('span', { class: 'primary-tag', title: 'The plan is sized for this metric; the verdict rests on it' }, 'primary') : '',
    ),
    formatMetricValue(metric.baseline),
    formatMetricValue(metric.candidate),
    formatDifference(metric),
    formatInterval(metric),
    formatP(metric.pValue),
    // The primary is tested alone; the secondaries are adjusted together (Benjamini-Hochberg).
    metric.primary ? '(primary: not adjusted)' : formatP(metric.adjustedP),
    element('span', { class: 'metric-result', 'data-direction': metric.direction }, `${directionText(metric.direction)}${metric.significant ? ' · significant' : ''}`),
  ],
});

/** Each metric of one candidate against the baseline: values, difference with its interval, p and adjusted p. */
export const metricsPanel = (candidate: CandidateAnalysis): HTMLElement =>
  panel(
    'metrics',
    `Metrics: ${candidate.armId} against the baseline`,
    element('div', { class: 'table-scroll' }, dataTable('metrics-table', HEADERS, candidate.metrics.map(metricRow))),
    element(
      'p',
      { class: 'panel-definition' },
      `Rates: candidate − baseline in percentage points, two-proportion test with its interval. Durations: Hodges-Lehmann shift, Mann-Whitney p. Tested at alpha ${candidate.alpha}; secondaries adjusted by Benjamini-Hochberg. Waiting and processing time are the desk's: designed waits (timers, waits for the customer) and external-system time are not counted in them; lead time holds everything. Hover a metric for its definition.`,
    ),
  );
