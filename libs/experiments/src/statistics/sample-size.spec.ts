import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { expectedDurationDays, powerLogNormalShift, powerTwoProportions, sampleSizeLogNormalShift, sampleSizeTwoProportions } from './sample-size.js';

interface Expected {
  perArm: number;
  powerAtPerArm: number;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sample-size.json', import.meta.url), 'utf8')) as {
  proportions: { baselineRate: number; mde: number; alpha: number; power: number; expected: Expected }[];
  durations: { logSd: number; ratio: number; alpha: number; power: number; expected: Expected }[];
};

describe('sample size and power', () => {
  it.each(fixture.proportions)('two proportions $baselineRate + $mde at alpha $alpha, power $power', (c) => {
    // given a plan / when sized / then cases per arm and the power they give match the reference (1e-10)
    const plan = { baselineRate: c.baselineRate, mde: c.mde, alpha: c.alpha };
    expect(sampleSizeTwoProportions(plan, c.power)).toBe(c.expected.perArm);
    expect(Math.abs(powerTwoProportions(plan, c.expected.perArm) - c.expected.powerAtPerArm)).toBeLessThan(1e-10);
  });

  it.each(fixture.durations)('log-normal shift ratio $ratio with log sd $logSd at alpha $alpha, power $power', (c) => {
    const plan = { logSd: c.logSd, ratio: c.ratio, alpha: c.alpha };
    expect(sampleSizeLogNormalShift(plan, c.power)).toBe(c.expected.perArm);
    expect(Math.abs(powerLogNormalShift(plan, c.expected.perArm) - c.expected.powerAtPerArm)).toBeLessThan(1e-10);
  });

  it('gives the days until the smallest arm is full', () => {
    // given 388 cases per arm, 100 arrivals a day, half the traffic in the experiment split 3:1
    const sut = expectedDurationDays({ perArm: 388, arrivalsPerDay: 100, trafficShare: 0.5, armWeights: [3, 1] });
    // then the candidate (12.5 cases a day) needs 31.04 days
    expect(sut).toBeCloseTo(31.04, 10);
  });

  it('rejects a plan whose effect leaves [0, 1]', () => {
    expect(() => sampleSizeTwoProportions({ baselineRate: 0.98, mde: 0.05, alpha: 0.05 }, 0.8)).toThrow(expect.objectContaining({ details: { field: 'mde' } }));
  });
});
