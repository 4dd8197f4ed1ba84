import type { Experiment } from '../model/experiment.js';

/** A valid running 50/50 experiment on FCR; specs override what they exercise. */
export function experimentFixture(overrides: Partial<Experiment> = {}): Experiment {
  return {
    id: 'exp-1',
    processKey: 'service-request',
    state: 'running',
    seed: 20261123,
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: 'service-request:1', weight: 50 },
      { id: 'to-be', role: 'candidate', processVersionId: 'service-request:2', weight: 50 },
    ],
    unit: { kind: 'instance' },
    segments: [],
    ramp: [],
    guardrails: [{ id: 'sla', metric: 'slaAttainment', maxWorsening: 0.05 }],
    primaryMetric: 'fcr',
    secondaryMetrics: ['leadTime', 'escalationRate'],
    plan: { alpha: 0.05, power: 0.8, mde: 0.1, baselineRate: 0.5 },
    analysisVersion: 1,
    startsAt: '2026-12-01T00:00:00Z',
    endsAt: '2027-03-01T00:00:00Z',
    ...overrides,
  };
}
