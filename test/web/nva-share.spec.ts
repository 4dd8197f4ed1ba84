import { describe, expect, it } from '@jest/globals';
import type { ValueSummary } from '#bpmn';
import { describeNvaShare, nvaStepShare } from '../../apps/web/src/modeler/deploy/nva-share.js';

const summary = (VA: number, BVA: number, NVA: number, unclassified = 0): ValueSummary => ({
  counts: { VA, BVA, NVA },
  unclassifiedIds: [],
  unclassified,
  nvaSteps: NVA,
  nvaMinutes: 0,
});

describe('the NVA share of steps', () => {
  it('counts unclassified steps in the whole, and is 0 without steps', () => {
    expect(nvaStepShare(summary(1, 1, 1, 1))).toBe(0.25);
    expect(nvaStepShare(summary(0, 0, 0))).toBe(0);
  });

  it('reads as before → after with the change in points', () => {
    // given the reference as-is (4 VA, 4 BVA, 9 NVA) and to-be (5 VA, 6 BVA, 1 NVA)
    const asIs = summary(4, 4, 9);
    const toBe = summary(5, 6, 1);
    // then the as-is over the to-be adds 45 points of waste, and the reverse removes them
    expect(describeNvaShare(toBe, asIs)).toBe('NVA share of steps 8 % → 53 % (+45 points)');
    expect(describeNvaShare(asIs, toBe)).toBe('NVA share of steps 53 % → 8 % (−45 points)');
    expect(describeNvaShare(asIs, asIs)).toBe('NVA share of steps 53 % → 53 % (unchanged)');
  });
});
