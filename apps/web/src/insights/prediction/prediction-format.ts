/**
 * How the prediction page words simulated figures: pure functions (no DOM), so the unit test and
 * the browser test read the page through the same wording as the page writes it.
 */
import type { Distribution, DurationFit, Estimate, PoolFigure, PredictedFigure } from '../../api/simulations-types.js';
import { formatDurationMinutes } from '../../format/units.js';

const MINUS = '−';

/** The page's figures come from simulation runs, never from recorded cases: every place that shows them says so. */
export const SIMULATED_BADGE_TEXT = 'Simulated: not recorded history';

export const FIGURE_LABELS: Record<PredictedFigure, string> = {
  casesCompleted: 'Cases completed',
  leadTimeMeanMinutes: 'Lead time (mean)',
  leadTimeMedianMinutes: 'Lead time (median)',
  leadTimeP90Minutes: 'Lead time (p90)',
  waitingShare: 'Waiting share',
  nvaShare: 'NVA share',
  slaAttainment: 'SLA attainment (first response)',
  resolutionSla: 'Resolution SLA',
};

export const POOL_FIGURE_LABELS: Record<PoolFigure, string> = {
  utilisation: 'Utilisation',
  meanQueueLength: 'Queue length (mean)',
  maxQueueLength: 'Queue length (max)',
  meanWaitMinutes: 'Wait in queue (mean)',
};

/** The rows of the results, in the labels' order: a figure the lib adds must get a label first (the lib's lists are runtime code the bundle does not import). */
export const PREDICTED_FIGURES = Object.keys(FIGURE_LABELS) as PredictedFigure[];
export const POOL_FIGURES = Object.keys(POOL_FIGURE_LABELS) as PoolFigure[];

type Unit = 'share' | 'minutes' | 'count';

const UNITS: Record<PredictedFigure | PoolFigure, Unit> = {
  casesCompleted: 'count',
  leadTimeMeanMinutes: 'minutes',
  leadTimeMedianMinutes: 'minutes',
  leadTimeP90Minutes: 'minutes',
  waitingShare: 'share',
  nvaShare: 'share',
  slaAttainment: 'share',
  resolutionSla: 'share',
  utilisation: 'share',
  meanQueueLength: 'count',
  maxQueueLength: 'count',
  meanWaitMinutes: 'minutes',
};

const known = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/** Fewer digits as numbers grow: 0.42, 4.2, 42. */
const digitsFor = (value: number): number => (Math.abs(value) < 1 ? 2 : Math.abs(value) < 10 ? 1 : 0);

/** A number with a typographic minus. */
const signed = (text: string): string => text.replace(/^-/, MINUS);

export const formatCount = (value: number | null | undefined): string => (known(value) ? signed(value.toFixed(Number.isInteger(value) ? 0 : digitsFor(value))) : '–');

/** A share in whole percent: 0.4123 -> "41 %" (below 10 % one decimal, so small shares do not all read 0 %). */
export const formatShare = (share: number | null | undefined): string => {
  if (!known(share)) return '–';
  const percent = share * 100;
  return `${signed(percent.toFixed(Math.abs(percent) < 10 && percent !== 0 ? 1 : 0))} %`;
};

export const formatFigure = (figure: PredictedFigure | PoolFigure, value: number | null | undefined): string => {
  const kind = UNITS[figure];
  return kind === 'share' ? formatShare(value) : kind === 'minutes' ? formatDurationMinutes(value) : formatCount(value);
};

/** A difference: shares in percentage points, the rest in their own unit, always with a sign. */
export const formatFigureDifference = (figure: PredictedFigure | PoolFigure, value: number | null | undefined): string => {
  if (!known(value)) return '–';
  if (value === 0) return UNITS[figure] === 'share' ? '±0 pts' : `±${formatFigure(figure, 0)}`;
  const sign = value > 0 ? '+' : MINUS;
  if (UNITS[figure] === 'share') {
    const points = Math.abs(value) * 100;
    return `${sign}${points.toFixed(points < 10 ? 1 : 0)} pts`;
  }
  return `${sign}${formatFigure(figure, Math.abs(value))}`;
};

/** "41 % (38 % to 44 %)"; one replication has no interval: "41 % (1 run, no interval)". */
export const formatEstimate = (figure: PredictedFigure | PoolFigure, estimate: Estimate | undefined): string => {
  if (!estimate || !known(estimate.mean)) return '–';
  const mean = formatFigure(figure, estimate.mean);
  if (estimate.interval === null) return `${mean} (${estimate.runs} run, no interval)`;
  return `${mean} (${formatFigure(figure, estimate.interval[0])} to ${formatFigure(figure, estimate.interval[1])})`;
};

/** "−19 pts (−22 pts to −16 pts)". */
export const formatDifferenceEstimate = (figure: PredictedFigure, estimate: Estimate | undefined): string => {
  if (!estimate || !known(estimate.mean)) return '–';
  const mean = formatFigureDifference(figure, estimate.mean);
  if (estimate.interval === null) return mean;
  return `${mean} (${formatFigureDifference(figure, estimate.interval[0])} to ${formatFigureDifference(figure, estimate.interval[1])})`;
};

/** Whether the paired difference's interval leaves out zero: the models differ beyond the simulation's own noise. */
export const isClearDifference = (estimate: Estimate | undefined): boolean =>
  estimate?.interval !== null && estimate?.interval !== undefined && (estimate.interval[0] > 0 || estimate.interval[1] < 0);

/** The comparison in one sentence: "Waiting share 41 % (38 % to 44 %) → 22 % (20 % to 25 %), difference −19 pts (−22 pts to −16 pts)". */
export const comparisonSentence = (figure: PredictedFigure, baseline: Estimate, candidate: Estimate, difference: Estimate): string =>
  `${FIGURE_LABELS[figure]} ${formatEstimate(figure, baseline)} → ${formatEstimate(figure, candidate)}, difference ${formatDifferenceEstimate(figure, difference)}`;

/** A p-value as a person reads it. */
export const formatPValue = (p: number | null | undefined): string => (!known(p) ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(p < 0.01 ? 3 : 2));

/** Below this the Kolmogorov-Smirnov test speaks against the fitted log-normal. */
export const POOR_FIT_P = 0.05;

/**
 * The goodness of fit in plain words. The test's p-value is optimistic (the parameters come from
 * the same data), so a large one reads "no evidence against", never "proven".
 */
export const fitHint = (fit: Pick<DurationFit, 'n' | 'logNormalFit'>): string => {
  if (fit.logNormalFit === null) return fit.n < 2 ? 'too few to test: taken as fixed' : 'all the same: taken as fixed';
  if (fit.logNormalFit.pValue < POOR_FIT_P) return 'poor fit: the times do not look log-normal';
  return fit.n < 10 ? 'fits (few cases: weak evidence)' : 'fits';
};

/** The minutes a distribution averages (what the page lets the analyst change). */
export const distributionMean = (distribution: Distribution): number => (distribution.kind === 'fixed' ? distribution.value : distribution.mean);

/** "log-normal, mean 12 min, sd 4.5 min". */
export const distributionText = (distribution: Distribution): string => {
  if (distribution.kind === 'logNormal') return `log-normal, mean ${formatDurationMinutes(distribution.mean)}, sd ${formatDurationMinutes(distribution.sd)}`;
  if (distribution.kind === 'exponential') return `exponential, mean ${formatDurationMinutes(distribution.mean)}`;
  return `fixed ${formatDurationMinutes(distribution.value)}`;
};

/**
 * The same distribution with another mean. A log-normal keeps its spread relative to the mean
 * (its coefficient of variation), so "twice as long" stays as variable as measured.
 */
export const withMean = (distribution: Distribution, mean: number): Distribution => {
  if (distribution.kind === 'fixed') return { kind: 'fixed', value: mean };
  if (distribution.kind === 'exponential') return { kind: 'exponential', mean };
  const scale = distribution.mean > 0 ? mean / distribution.mean : 1;
  return { kind: 'logNormal', mean, sd: Number((distribution.sd * scale).toPrecision(4)) };
};
