/**
 * The one place the web app writes durations, money and differences in words: every page and
 * browser test imports these, so a figure reads the same on the insights page, the experiment
 * dashboard and the prediction page.
 */
import type { MetricBetter } from '#experiments';

const MINUS = '−';

const UNITS = [
  { name: 'd', seconds: 86_400 },
  { name: 'h', seconds: 3_600 },
  { name: 'min', seconds: 60 },
  { name: 's', seconds: 1 },
] as const;

const known = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

const grouped = (value: number): string => value.toLocaleString('en');

/** Index of the largest unit that fits at least once (seconds for anything below a minute). */
const largestUnit = (seconds: number): number => {
  const index = UNITS.findIndex((unit) => seconds >= unit.seconds);
  return index === -1 ? UNITS.length - 1 : index;
};

/**
 * A duration in seconds in its two largest units: "3 d 4 h", "2 h 5 min", "12 min", "45 s";
 * below ten seconds to a tenth ("0.4 s", "3.2 s"), so a sub-second step never reads as "0 s".
 * Never "7,521,120 min": the largest unit is days.
 */
export const formatDuration = (seconds: number | null | undefined): string => {
  if (!known(seconds)) return '–';
  if (seconds < 0) return `${MINUS}${formatDuration(-seconds)}`;
  if (seconds === 0) return '0 s';
  if (seconds < 0.05) return '< 0.1 s';
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  // Rounded to the second unit first: 23 h 59 min 50 s is "1 d", not "23 h 60 min".
  const roundedAt = (index: number): number => {
    const step = UNITS[Math.min(index + 1, UNITS.length - 1)].seconds;
    return Math.round(seconds / step) * step;
  };
  let index = largestUnit(seconds);
  let rounded = roundedAt(index);
  while (largestUnit(rounded) !== index) {
    index = largestUnit(rounded);
    rounded = roundedAt(index);
  }
  const major = UNITS[index];
  const whole = Math.floor(rounded / major.seconds);
  const rest = rounded - whole * major.seconds;
  const minor = UNITS[index + 1];
  const minorCount = minor === undefined ? 0 : Math.round(rest / minor.seconds);
  return minorCount === 0 ? `${grouped(whole)} ${major.name}` : `${grouped(whole)} ${major.name} ${minorCount} ${minor!.name}`;
};

/** A duration in milliseconds, as formatDuration writes it. */
export const formatDurationMs = (ms: number | null | undefined): string => (known(ms) ? formatDuration(ms / 1000) : '–');

/** A duration in minutes (the unit of standard work and simulation inputs), as formatDuration writes it. */
export const formatDurationMinutes = (minutes: number | null | undefined): string => (known(minutes) ? formatDuration(minutes * 60) : '–');

/** A difference of durations in milliseconds with its sign: "+1.2 s", "−2 h 5 min", "±0 s". */
export const formatSignedDurationMs = (ms: number | null | undefined): string => {
  if (!known(ms)) return '–';
  if (ms === 0) return '±0 s';
  return ms > 0 ? `+${formatDurationMs(ms)}` : formatDurationMs(ms);
};

/** The currency money is written in until the server's setting (TANDEM_CURRENCY) has been read. */
export const DEFAULT_CURRENCY = 'EUR';

let currentCurrency = DEFAULT_CURRENCY;

/** Set once at start from GET /api/settings; every later formatMoney uses it. */
export const setCurrency = (code: string): void => {
  currentCurrency = code;
};

export const currency = (): string => currentCurrency;

/** An amount of money with its currency: "€48.22", "$1,250.00". */
export const formatMoney = (amount: number | null | undefined, code: string = currentCurrency): string => {
  if (!known(amount)) return '–';
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).format(amount).replace('-', MINUS);
};

/** A difference of shares in percentage points, without sign: 0.042 -> "4.2 pts". */
export const formatPointsDistance = (difference: number): string => `${(Math.abs(difference) * 100).toFixed(1)} pts`;

/**
 * A difference in words whose word follows the sign and the metric's direction: a higher-is-better
 * rate 4.2 points up is "better by 4.2 pts", a lower-is-better duration 12 minutes up is "worse by
 * 12 min". `difference` is candidate minus reference in the metric's own unit; `distance` writes
 * its size (without sign). `good` is which way the metric is good: a rate such as SLA attainment
 * up, a duration or a cost down.
 */
export const differenceInWords = (difference: number | null | undefined, good: MetricBetter, distance: (size: number) => string): string => {
  if (!known(difference)) return '–';
  if (difference === 0) return 'no difference';
  const better = difference > 0 === (good === 'higher');
  return `${better ? 'better' : 'worse'} by ${distance(Math.abs(difference))}`;
};

/**
 * A duration statistic of the analytics reports. Their medians and p90s come from log-bucket
 * histograms whose finest bucket is [0, 1 s) (reported as its middle, 0.5 s), so below a second
 * every statistic, the exact mean too, reads "< 1 s" rather than a mean of 0.0 s under a median of 0.5 s.
 */
export const formatReportDuration = (seconds: number | null | undefined): string => (known(seconds) && seconds > 0 && seconds < 1 ? '< 1 s' : formatDuration(seconds));

/** The note every definition of a report duration carries, saying why sub-second figures read "< 1 s". */
export const SUB_SECOND_NOTE = 'Medians and p90 come from time buckets whose finest is under one second, so any figure below a second (mean, median, p90) reads "< 1 s".';
