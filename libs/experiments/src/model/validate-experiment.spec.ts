import { describe, expect, it } from '@jest/globals';
import { experimentFixture } from '../testing/experiment-fixture.js';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';
import { requireValidExperiment, validateExperiment } from './validate-experiment.js';
import type { Experiment } from './experiment.js';

const fields = (experiment: Experiment) => validateExperiment(experiment).map((p) => p.field);

describe('validateExperiment', () => {
  it('accepts a complete experiment', () => {
    expect(validateExperiment(experimentFixture())).toEqual([]);
  });

  it('collects every arm problem with its field', () => {
    // given two baselines, a zero weight, a missing version and a duplicate id
    const sut = experimentFixture({
      arms: [
        { id: 'a', role: 'baseline', processVersionId: 'p:1', weight: 1 },
        { id: 'a', role: 'baseline', processVersionId: '', weight: 0 },
      ],
    });
    // when validated / then each is reported, none hides another
    expect(fields(sut)).toEqual(['arms', 'arms[1].id', 'arms[1].processVersionId', 'arms[1].weight']);
  });

  it('needs at least two arms', () => {
    expect(fields(experimentFixture({ arms: [{ id: 'a', role: 'baseline', processVersionId: 'p:1', weight: 1 }] }))).toEqual(['arms']);
  });

  it('checks dates: ramp order, parseable instants and end after start', () => {
    const sut = experimentFixture({
      ramp: [
        { from: '2026-12-10T00:00:00Z', candidateShare: 0.1 },
        { from: '2026-12-01T00:00:00Z', candidateShare: 0.25 },
        { from: 'next week', candidateShare: 1.5 },
      ],
      startsAt: '2027-01-01T00:00:00Z',
      endsAt: '2026-12-01T00:00:00Z',
    });
    expect(fields(sut)).toEqual(['ramp[1].from', 'ramp[2].from', 'ramp[2].candidateShare', 'endsAt']);
  });

  it('checks segments, metrics, guardrails and the plan', () => {
    const sut = experimentFixture({
      segments: [{ variable: 'region', values: ['north'], armId: 'nowhere' }],
      secondaryMetrics: ['fcr', 'happiness' as never],
      guardrails: [{ id: 'g', metric: 'slaAttainment', maxWorsening: 0 }],
      plan: { alpha: 0.5, power: 0.8, mde: 0.6, baselineRate: 0.5 },
    });
    expect(fields(sut)).toEqual(['segments[0].armId', 'secondaryMetrics[0]', 'secondaryMetrics[1]', 'guardrails[0].maxWorsening', 'plan.alpha', 'plan.mde']);
  });

  it('asks a duration metric for the spread of log durations', () => {
    expect(fields(experimentFixture({ primaryMetric: 'leadTime', secondaryMetrics: [], plan: { alpha: 0.05, power: 0.8, mde: 0.1 } }))).toEqual(['plan.logSd']);
  });

  it('throws one domain error carrying all problems', () => {
    expect(() => requireValidExperiment(experimentFixture({ processKey: ' ', seed: 1.5 }))).toThrow(
      expect.objectContaining({ code: EXPERIMENT_ERRORS.invalid, details: { problems: expect.arrayContaining([expect.objectContaining({ field: 'seed' })]) } }),
    );
  });
});
