import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../random/seeded-random.js';
import { sampleSizeLogNormalShift, sampleSizeTwoProportions } from '../statistics/sample-size.js';
import { durationOperatingCharacteristics, rateOperatingCharacteristics } from './sequential-looks.js';

// FCR 50 %, plan to detect +10 points at alpha 0.05 and power 0.8: 388 cases per arm, 20 a day.
const plan = { baselineRate: 0.5, mde: 0.1, alpha: 0.05 };
const perArm = sampleSizeTwoProportions(plan, 0.8);
const EXPERIMENTS = 400;
// Binomial standard error of a rate over 400 experiments is at most 0.025; tolerance = 2 SE at the rate.
const se = (rate: number) => Math.sqrt((rate * (1 - rate)) / EXPERIMENTS);

describe('rateOperatingCharacteristics', () => {
  it('keeps the false-positive rate of A/A experiments with daily looks at or below alpha (+2 SE)', () => {
    // given equal arms looked at every day for 20 days
    const sut = rateOperatingCharacteristics({ baselineRate: 0.5, candidateRate: 0.5, perArm, casesPerArmPerDay: 20, alpha: 0.05 }, EXPERIMENTS, seededRandom(1));
    // then the sequential test crosses in at most alpha of them, while naive daily peeking inflates well past it
    expect(sut.looksPerExperiment).toBe(20);
    expect(sut.crossingRate).toBeLessThanOrEqual(0.05 + 2 * se(0.05));
    expect(sut.naivePeekingRate).toBeGreaterThan(0.05 + 3 * se(0.05));
  });

  it('detects a candidate better by the planned effect at about the planned power (0.8 +/- 2 SE)', () => {
    const sut = rateOperatingCharacteristics({ baselineRate: 0.5, candidateRate: 0.6, perArm, casesPerArmPerDay: 20, alpha: 0.05 }, EXPERIMENTS, seededRandom(2));
    expect(Math.abs(sut.favorRate - 0.8)).toBeLessThan(2 * se(0.8));
    expect(sut.against).toBe(0);
    // and it stops early on average, the point of a sequential design
    expect(sut.meanStopFraction).toBeLessThan(0.9);
  });

  it('is reproducible for a seed', () => {
    const scenario = { baselineRate: 0.3, candidateRate: 0.3, perArm: 100, casesPerArmPerDay: 25, alpha: 0.05 };
    expect(rateOperatingCharacteristics(scenario, 50, seededRandom(9))).toEqual(rateOperatingCharacteristics(scenario, 50, seededRandom(9)));
  });
});

describe('durationOperatingCharacteristics', () => {
  // Lead time with log sd 0.8, plan to detect a 10 % shorter geometric mean: 906 cases per arm, 60 a day.
  const durationPerArm = sampleSizeLogNormalShift({ logSd: 0.8, ratio: 0.9, alpha: 0.05 }, 0.8);
  const EXPERIMENTS_D = 200;
  const seD = (rate: number) => Math.sqrt((rate * (1 - rate)) / EXPERIMENTS_D);

  it('keeps the A/A false-positive rate at or below alpha (+2 SE) with daily Welch tests on logs', () => {
    const sut = durationOperatingCharacteristics({ logSd: 0.8, ratio: 1, perArm: durationPerArm, casesPerArmPerDay: 60, alpha: 0.05 }, EXPERIMENTS_D, seededRandom(3));
    expect(sut.crossingRate).toBeLessThanOrEqual(0.05 + 2 * seD(0.05));
  });

  it('detects the planned 10 % shorter lead time at about the planned power (0.8 +/- 2 SE)', () => {
    const sut = durationOperatingCharacteristics({ logSd: 0.8, ratio: 0.9, perArm: durationPerArm, casesPerArmPerDay: 60, alpha: 0.05 }, EXPERIMENTS_D, seededRandom(4));
    expect(Math.abs(sut.favorRate - 0.8)).toBeLessThan(2 * seD(0.8));
  });
});
