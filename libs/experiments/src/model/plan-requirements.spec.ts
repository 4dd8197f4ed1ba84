import { describe, expect, it } from '@jest/globals';
import { sampleSizeLogNormalShift, sampleSizeTwoProportions } from '../statistics/sample-size.js';
import { experimentFixture } from '../testing/experiment-fixture.js';
import { planRequirements } from './plan-requirements.js';

describe('planRequirements', () => {
  it('sizes a rate metric and turns the arrival rate into days', () => {
    // given FCR at 50 %, +10 points, 80 % power, 60 arrivals a day, all of them in a 50/50 experiment
    const sut = planRequirements(experimentFixture(), { arrivalsPerDay: 60, trafficShare: 1 });
    // then 388 cases per arm (sample-size fixture) take 388 / 30 days
    expect(sut.perArm).toBe(sampleSizeTwoProportions({ baselineRate: 0.5, mde: 0.1, alpha: 0.05 }, 0.8));
    expect(sut.expectedDays).toBeCloseTo(sut.perArm / 30, 10);
  });

  it('sizes a lower-is-better rate downward, within [0, 1]', () => {
    const sut = planRequirements(experimentFixture({ primaryMetric: 'escalationRate', secondaryMetrics: [], plan: { alpha: 0.05, power: 0.8, mde: 0.05, baselineRate: 0.1 } }));
    expect(sut.perArm).toBe(sampleSizeTwoProportions({ baselineRate: 0.1, mde: -0.05, alpha: 0.05 }, 0.8));
    expect(sut.expectedDays).toBeNull();
  });

  it('sizes lead time for a 10 % shorter geometric mean', () => {
    const sut = planRequirements(experimentFixture({ primaryMetric: 'leadTime', secondaryMetrics: [], plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.8 } }));
    expect(sut.perArm).toBe(sampleSizeLogNormalShift({ logSd: 0.8, ratio: 0.9, alpha: 0.05 }, 0.8));
  });
});
