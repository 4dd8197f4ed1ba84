import { describe, expect, it } from '@jest/globals';
import { mean, variance } from '../statistics/descriptive.js';
import { addEndedCase, armTotals, emptyArmDays, endDay, moments } from './arm-days.js';

const DAY_MS = 86_400_000;

describe('arm day sums', () => {
  it('gives the count, mean and variance of log durations that two passes over the values give', () => {
    // given cases ending over three days with lead times far from zero and close together
    const sut = emptyArmDays();
    const leadTimes = [7_200_000, 7_200_013, 7_199_990, 7_200_400, 7_201_000, 7_200_007];
    leadTimes.forEach((leadTime, i) => addEndedCase(sut, 0, (i % 3) * DAY_MS + 1, { leadTime }, ['leadTime']));
    // when the totals are read
    const figures = moments(armTotals(sut), 'leadTime')!;
    // then they match the two-pass figures of the logs (the shift keeps the variance's digits)
    const logs = leadTimes.map(Math.log);
    expect(figures.n).toBe(6);
    expect(figures.mean).toBeCloseTo(mean(logs), 12);
    expect(figures.variance / variance(logs)).toBeCloseTo(1, 6);
  });

  it('counts a rate exactly, skips cases without the metric and sums only the days asked for', () => {
    // given an escalation on day 1, none on day 2 and a case with no value on day 2
    const sut = emptyArmDays();
    addEndedCase(sut, 0, DAY_MS, { escalationRate: 1 }, ['escalationRate']);
    addEndedCase(sut, 0, DAY_MS + 1, { escalationRate: 0 }, ['escalationRate']);
    addEndedCase(sut, 0, DAY_MS + 2, { escalationRate: null }, ['escalationRate']);
    // when the totals of day 1 and of every day are read
    const first = armTotals(sut, 1);
    const all = armTotals(sut);
    // then day 1 has one case, one success; all days three cases ended, two with the metric
    expect(first.ended).toBe(1);
    expect(moments(first, 'escalationRate')).toEqual({ n: 1, mean: 1, variance: Number.NaN });
    expect(all.ended).toBe(3);
    expect(moments(all, 'escalationRate')).toMatchObject({ n: 2, mean: 0.5 });
    expect(moments(all, 'leadTime')).toBeNull();
  });

  it('puts an end on a day boundary into the day it closes, and an end before the start into day 1', () => {
    expect(endDay(0, DAY_MS)).toBe(1);
    expect(endDay(0, DAY_MS + 1)).toBe(2);
    expect(endDay(1000, 0)).toBe(1);
  });
});
