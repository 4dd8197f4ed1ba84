import { afterEach, describe, expect, it } from '@jest/globals';
import {
  currency,
  DEFAULT_CURRENCY,
  differenceInWords,
  formatDuration,
  formatDurationMinutes,
  formatDurationMs,
  formatMoney,
  formatPointsDistance,
  formatReportDuration,
  formatSignedDurationMs,
  setCurrency,
} from '../../apps/web/src/format/units.js';

/* The web app's one formatter of durations, money and differences in words (pure, so tested here). */

describe('formatDuration', () => {
  it('writes zero, sub-second and second values in seconds', () => {
    // when / then
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(0.01)).toBe('< 0.1 s');
    expect(formatDuration(0.4)).toBe('0.4 s');
    expect(formatDuration(3.24)).toBe('3.2 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(59.6)).toBe('1 min');
  });

  it('writes longer values in their two largest units', () => {
    // when / then
    expect(formatDuration(12 * 60)).toBe('12 min');
    expect(formatDuration(12 * 60 + 30)).toBe('12 min 30 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(2 * 3600 + 5 * 60 + 20)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 10 * 60)).toBe('3 d 4 h');
    // rounding carries over into the larger unit rather than writing "23 h 60 min"
    expect(formatDuration(86_400 - 10)).toBe('1 d');
  });

  it('never writes huge values in minutes', () => {
    // given the 7,521,120 min of the issue
    const seconds = 7_521_120 * 60;
    // when / then: days, grouped
    expect(formatDuration(seconds)).toBe('5,223 d');
    expect(formatDuration(seconds + 5 * 3600)).toBe('5,223 d 5 h');
  });

  it('writes negative values with a minus and unknown ones as a dash', () => {
    expect(formatDuration(-90)).toBe('−1 min 30 s');
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(Number.NaN)).toBe('–');
  });

  it('takes milliseconds and minutes through the same format', () => {
    expect(formatDurationMs(1500)).toBe('1.5 s');
    expect(formatDurationMs(3_600_000)).toBe('1 h');
    expect(formatDurationMinutes(150)).toBe('2 h 30 min');
    expect(formatDurationMinutes(0.5)).toBe('30 s');
    expect(formatSignedDurationMs(2500)).toBe('+2.5 s');
    expect(formatSignedDurationMs(-90_000)).toBe('−1 min 30 s');
    expect(formatSignedDurationMs(0)).toBe('±0 s');
  });

  it('writes report statistics below a second as "< 1 s", means and bucketed medians alike', () => {
    // given a mean of 0.03 s under a histogram median of 0.5 s (the floor bucket's middle)
    // when / then both read the same
    expect(formatReportDuration(0.03)).toBe('< 1 s');
    expect(formatReportDuration(0.5)).toBe('< 1 s');
    expect(formatReportDuration(0)).toBe('0 s');
    expect(formatReportDuration(90)).toBe('1 min 30 s');
  });
});

describe('formatMoney', () => {
  afterEach(() => setCurrency(DEFAULT_CURRENCY));

  it('writes euros by default and the configured currency once set', () => {
    // given no setting read yet
    expect(currency()).toBe('EUR');
    expect(formatMoney(48.22)).toBe('€48.22');
    expect(formatMoney(1250)).toBe('€1,250.00');
    // when the server says USD
    setCurrency('USD');
    // then money is written in dollars
    expect(formatMoney(48.22)).toBe('$48.22');
    expect(formatMoney(-3.5)).toBe('−$3.50');
    expect(formatMoney(null)).toBe('–');
    expect(formatMoney(10, 'EUR')).toBe('€10.00');
  });
});

describe('differenceInWords', () => {
  const points = (size: number) => formatPointsDistance(size);
  const seconds = (size: number) => formatDuration(size);

  it('calls a rise better and a fall worse for a higher-is-better rate', () => {
    // given an SLA attainment (higher is better)
    // when the candidate is 4.2 points higher, or 3 points lower
    // then
    expect(differenceInWords(0.042, 'higher', points)).toBe('better by 4.2 pts');
    expect(differenceInWords(-0.03, 'higher', points)).toBe('worse by 3.0 pts');
  });

  it('calls a rise worse and a fall better for a lower-is-better duration', () => {
    // given a waiting time (lower is better)
    // when the candidate waits 12 minutes longer, or 45 seconds shorter
    // then
    expect(differenceInWords(720, 'lower', seconds)).toBe('worse by 12 min');
    expect(differenceInWords(-45, 'lower', seconds)).toBe('better by 45 s');
  });

  it('says when there is no difference or none is known', () => {
    expect(differenceInWords(0, 'higher', points)).toBe('no difference');
    expect(differenceInWords(null, 'lower', seconds)).toBe('–');
  });
});
