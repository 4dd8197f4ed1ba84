import { describe, expect, it } from '@jest/globals';
import type { CaseRecord, StepEvent } from '#analytics';
import type { Experiment } from '#experiments';
import type { SimulationResult } from '#simulation';
import { pilotHistory } from './demo-seeder.js';

const HOUR = 3_600_000;
const PILOT_START = 100 * HOUR;
const NOW = 300 * HOUR;

const experiment: Experiment = {
  id: '00000000-0000-4000-8000-00000000e001',
  processKey: 'customer-service',
  state: 'running',
  seed: 7,
  arms: [
    { id: 'as-is', role: 'baseline', processVersionId: 'v-as-is', weight: 1 },
    { id: 'to-be', role: 'candidate', processVersionId: 'v-to-be', weight: 1 },
  ],
  unit: { kind: 'instance' },
  segments: [],
  ramp: [],
  guardrails: [],
  primaryMetric: 'waitingTime',
  secondaryMetrics: [],
  plan: { alpha: 0.05, power: 0.8, mde: 0.3, logSd: 1 },
  analysisVersion: 1,
};

/** A run of `count` cases of a version, one an hour from `from`, each with one step; every tenth still open. */
const run = (version: string, from: number, count: number): SimulationResult => {
  const cases: CaseRecord[] = [];
  const steps: StepEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const instanceId = `${version}-case-${i}`;
    const startedAt = from + i * HOUR;
    cases.push({ instanceId, processVersionId: version, businessKey: null, status: 'completed', startedAt, endedAt: i % 10 === 9 ? null : startedAt + HOUR, variables: {} });
    steps.push({
      instanceId,
      activityInstanceId: `${instanceId}-a`,
      elementId: 'Task',
      elementType: 'userTask',
      type: 'completed',
      at: startedAt + HOUR,
      actor: null,
      laneId: null,
      previousActivityInstanceId: null,
    });
  }
  return { cases, steps, summary: {} as SimulationResult['summary'] };
};

describe('the demo history of a pilot', () => {
  // given 200 hours of as-is cases, the last 100 in the pilot, and 100 hours of to-be cases in the pilot
  const sut = pilotHistory(experiment, run('v-as-is', 0, 200), run('v-to-be', PILOT_START, 100), PILOT_START, NOW);

  it('keeps the as-is cases before the pilot, unrouted', () => {
    const before = sut.cases.filter(({ startedAt }) => startedAt < PILOT_START);
    expect(before.length).toBe(90);
    expect(before.every(({ processVersionId }) => processVersionId === 'v-as-is')).toBe(true);
  });

  it('keeps each pilot case in the run of the arm the experiment routes it to, with its assignment', () => {
    const pilot = sut.cases.filter(({ startedAt }) => startedAt >= PILOT_START);
    expect(sut.assignments).toHaveLength(pilot.length);
    for (const assignment of sut.assignments) {
      const record = pilot.find(({ instanceId }) => instanceId === assignment.instanceId)!;
      expect(record.processVersionId).toBe(assignment.processVersionId);
      expect(assignment.unitKey).toBe(`instance:${record.instanceId}`);
    }
    // about half of each run's 90 ended pilot cases
    const arms = sut.assignments.map(({ armId }) => armId);
    expect(arms.filter((arm) => arm === 'as-is').length).toBeGreaterThan(30);
    expect(arms.filter((arm) => arm === 'to-be').length).toBeGreaterThan(30);
  });

  it('leaves out the cases still open and writes the steps of the kept ones only', () => {
    expect(sut.cases.every(({ endedAt }) => endedAt !== null)).toBe(true);
    expect(new Set(sut.steps.map(({ instanceId }) => instanceId))).toEqual(new Set(sut.cases.map(({ instanceId }) => instanceId)));
  });
});
