import { describe, expect, it } from '@jest/globals';
import { sampleRatioCheck } from '../statistics/sample-ratio.js';
import { experimentFixture } from '../testing/experiment-fixture.js';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';
import { assignArm, plannedShares } from './assign-arm.js';
import type { Experiment } from '../model/experiment.js';

const at = Date.parse('2026-12-15T09:00:00Z');
const start = (instanceKey: string, extra: { businessKey?: string; variables?: Record<string, unknown>; at?: number } = {}) => ({
  instanceKey,
  variables: {},
  at,
  ...extra,
});
const shares = (experiment: Experiment, keys: number) => {
  const counts = new Map<string, number>();
  for (let i = 0; i < keys; i++) {
    const { armId } = assignArm(experiment, start(`case-${i}`));
    counts.set(armId, (counts.get(armId) ?? 0) + 1);
  }
  return counts;
};

describe('assignArm', () => {
  it('splits 100k cases by the weights (within 1 point; sd is 0.16 points) without a sample-ratio mismatch', () => {
    // given three arms weighted 50/30/20
    const experiment = experimentFixture({
      arms: [
        { id: 'as-is', role: 'baseline', processVersionId: 'v1', weight: 50 },
        { id: 'to-be', role: 'candidate', processVersionId: 'v2', weight: 30 },
        { id: 'to-be-lite', role: 'candidate', processVersionId: 'v3', weight: 20 },
      ],
    });
    // when 100 000 sequential keys are assigned
    const counts = shares(experiment, 100_000);
    // then each arm's share is within a point of its weight and the chi-square check passes
    expect(Math.abs(counts.get('as-is')! / 100_000 - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(counts.get('to-be')! / 100_000 - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(counts.get('to-be-lite')! / 100_000 - 0.2)).toBeLessThan(0.01);
    expect(sampleRatioCheck([counts.get('as-is')!, counts.get('to-be')!, counts.get('to-be-lite')!], [50, 30, 20]).mismatch).toBe(false);
  });

  it('gives the same arm for the same seed and key, and reshuffles under another seed', () => {
    const experiment = experimentFixture();
    const keys = Array.from({ length: 200 }, (_, i) => `case-${i}`);
    const arms = (seed: number) => keys.map((key) => assignArm(experiment, start(key), seed).armId);
    expect(arms(7)).toEqual(arms(7));
    expect(arms(7)).not.toEqual(arms(8));
  });

  it('keeps one customer on one arm across cases when the unit is a variable', () => {
    // given assignment by the customerId variable
    const experiment = experimentFixture({ unit: { kind: 'variable', name: 'customerId' } });
    // when the same customer opens five cases
    const sut = ['a', 'b', 'c', 'd', 'e'].map((key) => assignArm(experiment, start(key, { variables: { customerId: 'C-42' } })));
    // then all land on one arm, marked sticky
    expect(new Set(sut.map((a) => a.armId)).size).toBe(1);
    expect(sut.every((a) => a.reason === 'sticky' && a.unitKey === 'customerId:C-42')).toBe(true);
  });

  it('falls back to the case when the business key is missing', () => {
    const sut = assignArm(experimentFixture({ unit: { kind: 'businessKey' } }), start('case-1'));
    expect(sut.unitKey).toBe('instance:case-1');
    expect(sut.reason).not.toBe('sticky');
  });

  it('routes a pilot region by its segment rule', () => {
    const experiment = experimentFixture({ segments: [{ variable: 'region', values: ['north', 'east'], armId: 'to-be' }] });
    expect(assignArm(experiment, start('case-1', { variables: { region: 'east' } }))).toMatchObject({ armId: 'to-be', reason: 'segment' });
  });

  it('follows the ramp by date, and a case in the candidate at 10 % stays there at 25 %', () => {
    // given a ramp 10 % from Dec 1st, 25 % from Dec 8th
    const experiment = experimentFixture({
      ramp: [
        { from: '2026-12-01T00:00:00Z', candidateShare: 0.1 },
        { from: '2026-12-08T00:00:00Z', candidateShare: 0.25 },
      ],
    });
    const early = Date.parse('2026-12-03T00:00:00Z');
    const late = Date.parse('2026-12-09T00:00:00Z');
    const keys = Array.from({ length: 20_000 }, (_, i) => `case-${i}`);
    // when the same keys are assigned in each step
    const inEarly = keys.filter((k) => assignArm(experiment, start(k, { at: early })).armId === 'to-be');
    const inLate = keys.filter((k) => assignArm(experiment, start(k, { at: late })).armId === 'to-be');
    // then the shares follow the steps and the early candidate cases are a subset of the late ones
    expect(Math.abs(inEarly.length / keys.length - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(inLate.length / keys.length - 0.25)).toBeLessThan(0.015);
    const lateSet = new Set(inLate);
    expect(inEarly.every((k) => lateSet.has(k))).toBe(true);
    expect(assignArm(experiment, start('case-1', { at: late }))).toMatchObject({ reason: 'ramp', rampStep: 1, candidateShare: 0.25 });
    expect(plannedShares(experiment, early)).toEqual(
      new Map([
        ['as-is', 0.9],
        ['to-be', 0.1],
      ]),
    );
  });

  it("sends a paused candidate's cases to the baseline, marked guardrail", () => {
    const experiment = experimentFixture();
    experiment.arms[1].paused = true;
    const sut = Array.from({ length: 500 }, (_, i) => assignArm(experiment, start(`case-${i}`)));
    expect(sut.every((a) => a.armId === 'as-is')).toBe(true);
    expect(sut.filter((a) => a.reason === 'guardrail').length).toBeGreaterThan(200);
  });

  it('sends everything to the baseline while paused and to the winner once promoted', () => {
    expect(assignArm(experimentFixture({ state: 'paused' }), start('k'))).toMatchObject({ armId: 'as-is', reason: 'paused' });
    expect(assignArm(experimentFixture({ state: 'promoted', winnerArmId: 'to-be' }), start('k'))).toMatchObject({
      armId: 'to-be',
      processVersionId: 'service-request:2',
      reason: 'promoted',
    });
  });

  it('refuses to route for a draft or stopped experiment', () => {
    expect(() => assignArm(experimentFixture({ state: 'stopped' }), start('k'))).toThrow(expect.objectContaining({ code: EXPERIMENT_ERRORS.notRouting }));
  });
});
