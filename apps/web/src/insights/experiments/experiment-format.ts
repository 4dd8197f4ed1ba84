/**
 * How the experiment dashboard writes its figures: pure functions (no DOM), so the browser test and
 * the unit test compare the page with the API through the same wording. Every coloured thing on
 * the dashboard also gets one of these texts, so colour is never the only signal.
 */
import type { DurationFigure, ExperimentEvent, GuardrailCheck, MetricResult, RateFigure, AnalysisLook, Verdict } from '../../api/experiments-types.js';
import { differenceInWords, formatDurationMs, formatPointsDistance, formatSignedDurationMs } from '../../format/units.js';

export const METRIC_LABELS: Record<string, string> = {
  fcr: 'First-contact resolution',
  slaAttainment: 'SLA attainment (first response)',
  resolutionSla: 'Resolution SLA',
  escalationRate: 'Escalation rate',
  repeatContactRate: 'Repeat-contact rate',
  reworkRate: 'Rework rate',
  leadTime: 'Lead time (everything)',
  waitingTime: "Waiting time (the desk's)",
  processingTime: "Processing time (the desk's)",
};

/** The duration metrics (the rest are rates); mirrors libs/experiments' METRICS kinds. */
const DURATION_METRICS = new Set(['leadTime', 'waitingTime', 'processingTime']);

export const metricLabel = (metric: string): string => METRIC_LABELS[metric] ?? metric;
export const isDurationMetric = (metric: string): boolean => DURATION_METRICS.has(metric);

export const STAGE_LABELS: Record<string, string> = { inquiry: 'Inquiry', diagnosis: 'Diagnosis', solution: 'Solution', 'follow-up': 'Follow-up' };
export const stageLabel = (stage: string): string => STAGE_LABELS[stage] ?? stage;

const MINUS = '−';
const DAY_MS = 24 * 3_600_000;

/** A share as a percentage, one decimal: 0.4567 -> "45.7 %". */
export const formatPercent = (share: number | null | undefined, digits = 1): string =>
  share === null || share === undefined || !Number.isFinite(share) ? '–' : `${(share * 100).toFixed(digits)} %`;

/** A difference of rates in percentage points with its sign: 0.123 -> "+12.3 pts". */
export const formatPoints = (difference: number | null | undefined): string => {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return '–';
  const points = (Math.abs(difference) * 100).toFixed(1);
  return `${difference < 0 ? MINUS : '+'}${points} pts`;
};

/** A p-value: three decimals, or "< 0.001". */
export const formatP = (p: number | null | undefined): string => {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
};

/** A plain number of a report: integers whole, others to a sensible precision. */
export const formatNumber = (value: number | string | null | undefined): string => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en');
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return String(Number(value.toPrecision(3)));
};

/** Beyond this |z| the exact figure says nothing more (a spread of 0 gives astronomically large ones). */
const Z_SHOWN_UP_TO = 99;

/** A test statistic: two decimals, or a bound when it is off any sensible scale. */
export const formatZ = (z: number | null | undefined): string => {
  if (z === null || z === undefined) return '–';
  if (z > Z_SHOWN_UP_TO) return `> ${Z_SHOWN_UP_TO}`;
  if (z < -Z_SHOWN_UP_TO) return `< −${Z_SHOWN_UP_TO}`;
  return formatNumber(z);
};

const isRate = (figure: RateFigure | DurationFigure): figure is RateFigure => 'rate' in figure;

/** One arm's side of a metric: "45.0 % (18/40)" for rates, "median 3.2 s (n 40)" for durations. */
export const formatMetricValue = (figure: RateFigure | DurationFigure): string =>
  isRate(figure) ? `${formatPercent(figure.rate)} (${figure.successes}/${figure.n})` : `median ${formatDurationMs(figure.medianMs)} (n ${figure.n})`;

/** The metric's difference, candidate against baseline: points for rates, the Hodges-Lehmann shift for durations. */
export const formatDifference = (result: Pick<MetricResult, 'kind' | 'difference'>): string =>
  result.kind === 'proportion' ? formatPoints(result.difference) : formatSignedDurationMs(result.difference);

/** The difference's confidence interval in the difference's unit. */
export const formatInterval = (result: Pick<MetricResult, 'kind' | 'interval'>): string => {
  if (!result.interval) return '–';
  const [low, high] = result.interval;
  return result.kind === 'proportion' ? `${formatPoints(low)} to ${formatPoints(high)}` : `${formatSignedDurationMs(low)} to ${formatSignedDurationMs(high)}`;
};

const DIRECTION_TEXT: Record<MetricResult['direction'], string> = {
  better: '▲ candidate better',
  worse: '▼ candidate worse',
  none: '= no difference shown',
  unknown: '? too little data',
};

export const directionText = (direction: MetricResult['direction']): string => DIRECTION_TEXT[direction];

export const VERDICT_TEXT: Record<Verdict, { symbol: string; label: string }> = {
  SHIP: { symbol: '✔', label: 'Ship the candidate' },
  KEEP_BASELINE: { symbol: '✖', label: 'Keep the baseline' },
  CONTINUE: { symbol: '…', label: 'Keep collecting cases' },
  INCONCLUSIVE: { symbol: '≈', label: 'Inconclusive' },
  INVALID: { symbol: '⚠', label: 'Invalid: do not trust the figures' },
};

/** The verdict as its badge says it: symbol and code, so it reads without its colour. */
export const verdictBadgeText = (verdict: Verdict): string => `${VERDICT_TEXT[verdict].symbol} ${verdict}`;

/** A reason's numbers as one line: "z = 2.81 · boundary = 2.02". */
export const formatReasonNumbers = (numbers: Record<string, number | string | null>): string =>
  Object.entries(numbers)
    .map(([name, value]) => `${name} = ${formatNumber(value)}`)
    .join(' · ');

/** The size of a guardrail's worsening or limit, without sign: points for rates, a relative change for durations. */
const worseningSize = (metric: string, size: number): string => (isDurationMetric(metric) ? formatPercent(size) : formatPointsDistance(size));

/** A guardrail's tolerated worsening: "5.0 pts", "12.0 %". */
export const formatWorsening = (metric: string, value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : worseningSize(metric, Math.abs(value));

/**
 * A guardrail's observed worsening in words that follow its sign: the guardrail measures how much
 * worse the candidate is, so −4.2 pts is "better by 4.2 pts", never "worsening −4.2 pts".
 */
export const guardrailObservedText = (metric: string, observed: number | null | undefined): string => differenceInWords(observed, 'lower', (size) => worseningSize(metric, size));

/** An epoch-millisecond instant as the page writes it (UTC, to the minute, so every reader sees the same). */
export const formatInstant = (epochMs: number | string | null | undefined): string => {
  if (epochMs === null || epochMs === undefined) return '–';
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? '–' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** The UTC day of an instant, short: "14 Nov" (the looks are cut at whole days since the start). */
export const formatDay = (epochMs: number): string => new Date(epochMs).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

const GUARDRAIL_TEXT: Record<GuardrailCheck['status'], string> = {
  ok: '✔ ok',
  breached: '✖ breached',
  collecting: '… collecting data',
  missing: '⚠ data missing',
};

/** A guardrail's status in words, with when it was breached. */
export const guardrailStatusText = (check: Pick<GuardrailCheck, 'status' | 'breachedAt'>): string =>
  check.status === 'breached' && check.breachedAt !== null ? `${GUARDRAIL_TEXT.breached} at ${formatInstant(check.breachedAt)}` : GUARDRAIL_TEXT[check.status];

/** The plan's expected duration in the app's duration format: "2 d 12 h", or minutes when the traffic is heavy (or the cases come from a test). */
export const expectedDaysText = (days: number | null): string => {
  if (days === null || !Number.isFinite(days)) return 'expected duration: not known yet (no arrivals observed)';
  return `expected duration: about ${formatDurationMs(days * DAY_MS)} at the observed arrival rate`;
};

/** Whether a look's |z| reached its boundary. */
export const lookCrossed = (look: Pick<AnalysisLook, 'z' | 'boundary'>): boolean => look.boundary !== null && Math.abs(look.z) >= look.boundary;

/** The label of an activity on the difference heatmap: the shift, ★ where significant, and which way. */
export const activityDifferenceLabel = (activity: { differenceMs: number | null; significant: boolean }): string => {
  if (activity.differenceMs === null) return 'no data in one arm';
  const way = activity.differenceMs < 0 ? 'faster' : activity.differenceMs > 0 ? 'slower' : 'same';
  return `${formatSignedDurationMs(activity.differenceMs)} ${way}${activity.significant ? ' ★' : ''}`;
};

/** One event of the log in words; a pause or resumption of an arm (a guardrail's among them) names the arm and the guardrail. */
export const eventText = (event: ExperimentEvent): string => {
  const transition = event.fromState ? `${event.fromState} → ${event.toState}` : event.toState;
  const detail = (name: string): string => (typeof event.details?.[name] === 'string' ? (event.details[name] as string) : '?');
  if (event.action === 'guardrailPause') {
    return `⚠ guardrail ${detail('guardrailId')} breached: arm ${detail('armId')} paused, its new cases go to the baseline (${transition})`;
  }
  if (event.action === 'armPause') return `⏸ arm ${detail('armId')} paused by hand, its new cases go to the baseline`;
  if (event.action === 'armResume') return `▶ arm ${detail('armId')} resumed`;
  return `${event.action} (${transition})`;
};
