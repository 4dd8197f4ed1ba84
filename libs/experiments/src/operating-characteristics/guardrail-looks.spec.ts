import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../random/seeded-random.js';
import { guardrailOperatingCharacteristics } from './guardrail-looks.js';

const EXPERIMENTS = 200;
const se = (rate: number) => Math.sqrt((rate * (1 - rate)) / EXPERIMENTS);
// SLA attainment 85 %, 5 points tolerated, 400 cases per arm over 20 daily checks.
const scenario = { baselineRate: 0.85, maxWorsening: 0.05, perArm: 400, casesPerArmPerDay: 20, alpha: 0.05 };

describe('guardrailOperatingCharacteristics', () => {
  it('rarely pauses a candidate as good as the baseline, checked every day (at most alpha/2 + 2 SE)', () => {
    // given equal arms
    const sut = guardrailOperatingCharacteristics({ ...scenario, candidateRate: 0.85 }, EXPERIMENTS, seededRandom(11));
    // then a pause is a rare false alarm
    expect(sut.pausedRate).toBeLessThanOrEqual(0.025 + 2 * se(0.025));
  });

  it('pauses a candidate that is clearly worse than the tolerated limit, before the plan is through', () => {
    // given a candidate 20 points worse where 5 are tolerated
    const sut = guardrailOperatingCharacteristics({ ...scenario, candidateRate: 0.65 }, EXPERIMENTS, seededRandom(12));
    // then it is paused in nearly every run, on average well before the planned cases are in
    expect(sut.pausedRate).toBeGreaterThan(0.95);
    expect(sut.meanPauseFraction!).toBeLessThan(0.6);
  });

  it('is reproducible for a seed', () => {
    const small = { ...scenario, candidateRate: 0.8, perArm: 60 };
    expect(guardrailOperatingCharacteristics(small, 20, seededRandom(5))).toEqual(guardrailOperatingCharacteristics(small, 20, seededRandom(5)));
  });
});
