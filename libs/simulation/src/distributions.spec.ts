import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '#experiments';
import { choose, sample } from './distributions.js';
import type { Distribution } from './parameters.js';

const draws = (distribution: Distribution, n: number, seed = 9) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => sample(distribution, random));
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const sd = (values: number[]) => {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
};

describe('sample', () => {
  it('draws a log-normal with the mean and sd of the minutes themselves', () => {
    // 40,000 draws: the standard error of the mean is 0.5 % of it
    const values = draws({ kind: 'logNormal', mean: 12, sd: 6 }, 40_000);
    expect(Math.abs(mean(values) / 12 - 1)).toBeLessThan(0.02);
    expect(Math.abs(sd(values) / 6 - 1)).toBeLessThan(0.05);
    expect(values.every((value) => value > 0)).toBe(true);
  });

  it('draws an exponential with its mean, and a fixed value as it is', () => {
    const values = draws({ kind: 'exponential', mean: 10 }, 40_000);
    expect(Math.abs(mean(values) / 10 - 1)).toBeLessThan(0.02);
    expect(Math.abs(sd(values) / 10 - 1)).toBeLessThan(0.05);
    expect(draws({ kind: 'fixed', value: 7 }, 3)).toEqual([7, 7, 7]);
  });
});

describe('choose', () => {
  it('picks values in proportion to their weights, never one of weight 0', () => {
    const random = seededRandom(2);
    const counts: Record<string, number> = { inquiry: 0, transactional: 0, complaint: 0, none: 0 };
    for (let i = 0; i < 20_000; i += 1) counts[choose({ inquiry: 35, transactional: 45, complaint: 20, none: 0 }, random)] += 1;
    expect(Math.abs(counts.inquiry / 20_000 - 0.35)).toBeLessThan(0.015);
    expect(Math.abs(counts.transactional / 20_000 - 0.45)).toBeLessThan(0.015);
    expect(Math.abs(counts.complaint / 20_000 - 0.2)).toBeLessThan(0.015);
    expect(counts.none).toBe(0);
  });
});
