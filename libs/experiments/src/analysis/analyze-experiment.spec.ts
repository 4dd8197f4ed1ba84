import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../random/seeded-random.js';
import { experimentFixture } from '../testing/experiment-fixture.js';
import type { Experiment } from '../model/experiment.js';
import type { AnalysisInput, ArmActivity, ArmCase } from './analysis-input.js';
import { analyzeExperiment } from './analyze-experiment.js';

const DAY = 86_400_000;
const START = Date.parse('2026-12-01T00:00:00Z');

interface ArmScenario {
  cases: number;
  fcr: number;
  sla: number;
  /** mean lead time in hours */
  hours: number;
  /** cases still running at the end */
  running?: number;
}

/** Cases spread over `days`, each arm with its own rates, lead times and activity times. */
function given(experiment: Experiment, arms: Record<string, ArmScenario>, days = 20, seed = 7): AnalysisInput {
  const random = seededRandom(seed);
  const cases: ArmCase[] = [];
  const activities: ArmActivity[] = [];
  for (const [armId, scenario] of Object.entries(arms)) {
    for (let i = 0; i < scenario.cases; i++) {
      const startedAt = START + Math.floor((i / scenario.cases) * (days - 1) * DAY);
      const leadTime = Math.round(scenario.hours * 3_600_000 * (0.5 + random.next()));
      const running = i >= scenario.cases - (scenario.running ?? 0);
      const endedAt = running ? null : startedAt + leadTime;
      cases.push({
        instanceId: `${armId}-${i}`,
        armId,
        reason: 'weight',
        unitKey: `instance:${armId}-${i}`,
        startedAt,
        endedAt,
        values: running
          ? {}
          : {
              fcr: random.next() < scenario.fcr ? 1 : 0,
              slaAttainment: random.next() < scenario.sla ? 1 : 0,
              escalationRate: 0,
              leadTime,
            },
        stages: running ? {} : { diagnosis: { waitingMs: leadTime / 2, processingMs: leadTime / 4 } },
      });
      if (!running) activities.push({ armId, elementId: 'Task_Diagnose', durationMs: leadTime / 2 }, { armId, elementId: 'Task_Log', durationMs: 60_000 + i });
    }
  }
  return { experiment, now: START + days * DAY, startedAt: START, stoppedAt: null, cases, activities, planViolations: [] };
}

describe('analyzeExperiment', () => {
  it('ships a candidate that is truly better on the primary metric, with every metric compared', () => {
    // given a to-be process resolving far more cases at first contact, and faster
    const input = given(experimentFixture(), { 'as-is': { cases: 500, fcr: 0.45, sla: 0.8, hours: 10 }, 'to-be': { cases: 500, fcr: 0.65, sla: 0.8, hours: 6 } });
    // when
    const sut = analyzeExperiment(input);
    // then
    expect(sut.verdict).toBe('SHIP');
    expect(sut.reasons[0].code).toBe('BOUNDARY_CROSSED_IN_FAVOUR');
    const [candidate] = sut.candidates;
    const [primary, leadTime] = candidate.metrics;
    expect(primary).toMatchObject({ metric: 'fcr', primary: true, direction: 'better', test: 'two-proportion', significant: true });
    expect(primary.interval![0]).toBeGreaterThan(0);
    expect(leadTime).toMatchObject({ metric: 'leadTime', primary: false, direction: 'better', test: 'mann-whitney' });
    expect(leadTime.ratio!.estimate).toBeLessThan(1);
    expect(leadTime.medianDifference!.interval[1]).toBeLessThan(0);
    expect(candidate.looks.length).toBeGreaterThan(1);
    expect(candidate.guardrails[0]).toMatchObject({ id: 'sla', status: 'ok' });
    expect(sut.arms.map((arm) => [arm.armId, arm.assigned, arm.finished])).toEqual([
      ['as-is', 500, 500],
      ['to-be', 500, 500],
    ]);
    expect(sut.plan.casesSoFar).toBe(500);
  });

  it('keeps the baseline when a guardrail is breached, and says which', () => {
    // given a candidate whose SLA attainment falls twenty points
    const input = given(experimentFixture(), { 'as-is': { cases: 400, fcr: 0.5, sla: 0.9, hours: 8 }, 'to-be': { cases: 400, fcr: 0.5, sla: 0.7, hours: 8 } });
    // when
    const sut = analyzeExperiment(input);
    // then
    expect(sut.verdict).toBe('KEEP_BASELINE');
    expect(sut.reasons[0]).toMatchObject({ code: 'GUARDRAIL_BREACHED', numbers: { guardrail: 'sla' } });
    const [guardrail] = sut.candidates[0].guardrails;
    expect(guardrail.status).toBe('breached');
    expect(guardrail.observed).toBeGreaterThan(0.1);
    expect(guardrail.breachedAt).toBeGreaterThan(START);
  });

  it('continues with nothing ended yet, guardrails collecting and running cases counted', () => {
    // given the first day's cases, all still running
    const input = given(
      experimentFixture(),
      { 'as-is': { cases: 10, fcr: 0.5, sla: 0.9, hours: 8, running: 10 }, 'to-be': { cases: 10, fcr: 0.5, sla: 0.9, hours: 8, running: 10 } },
      1,
    );
    // when
    const sut = analyzeExperiment(input);
    // then
    expect(sut.verdict).toBe('CONTINUE');
    expect(sut.reasons[0]).toMatchObject({ code: 'COLLECTING', numbers: { informationFraction: 0 } });
    expect(sut.candidates[0].guardrails[0].status).toBe('collecting');
    expect(sut.arms[0]).toMatchObject({ assigned: 10, running: 10, finished: 0 });
    expect(sut.candidates[0].leadTime).toMatchObject({ baseline: { finished: 0, running: 10 } });
  });

  it('is invalid when the arms do not get the planned shares', () => {
    // given a 50/50 plan that routed 700 and 300 cases
    const input = given(experimentFixture(), { 'as-is': { cases: 700, fcr: 0.5, sla: 0.9, hours: 8 }, 'to-be': { cases: 300, fcr: 0.5, sla: 0.9, hours: 8 } });
    // when
    const sut = analyzeExperiment(input);
    // then
    expect(sut.verdict).toBe('INVALID');
    expect(sut.reasons.map((reason) => reason.code)).toContain('SAMPLE_RATIO_MISMATCH');
  });

  it('counts a case a paused candidate sent to the baseline for the candidate its hash chose', () => {
    // given 50/50 routing in which the candidate's half went to the baseline while it was paused
    const input = given(experimentFixture(), { 'as-is': { cases: 300, fcr: 0.5, sla: 0.9, hours: 8 }, 'to-be': { cases: 300, fcr: 0.5, sla: 0.9, hours: 8 } });
    const paused = input.cases.map((c) => (c.armId === 'to-be' ? { ...c, armId: 'as-is', reason: 'guardrail' as const } : c));
    // when
    const sut = analyzeExperiment({ ...input, cases: paused });
    // then the sample-ratio check does not call it a mismatch
    expect(sut.reasons.map((reason) => reason.code)).not.toContain('SAMPLE_RATIO_MISMATCH');
  });

  it('marks the activities whose time differs significantly between the arms', () => {
    // given a diagnosis that takes about 60 % of the time in the candidate, and a log step alike in both
    const input = given(experimentFixture(), { 'as-is': { cases: 200, fcr: 0.5, sla: 0.9, hours: 10 }, 'to-be': { cases: 200, fcr: 0.5, sla: 0.9, hours: 6 } });
    // when
    const { activities } = analyzeExperiment(input).candidates[0];
    // then
    const byId = new Map(activities.map((row) => [row.elementId, row]));
    expect(byId.get('Task_Diagnose')).toMatchObject({ significant: true });
    expect(byId.get('Task_Diagnose')!.differenceMs!).toBeLessThan(0);
    expect(byId.get('Task_Log')).toMatchObject({ significant: false });
  });

  it('gives the same report, data hash included, whatever order the cases come in', () => {
    // given one data set in two orders
    const input = given(experimentFixture(), { 'as-is': { cases: 120, fcr: 0.5, sla: 0.9, hours: 8 }, 'to-be': { cases: 120, fcr: 0.6, sla: 0.9, hours: 7 } });
    const reversed = { ...input, cases: [...input.cases].reverse() };
    // when
    const first = analyzeExperiment(input);
    const second = analyzeExperiment(reversed);
    // then
    expect(second.dataHash).toBe(first.dataHash);
    expect(second.candidates[0].metrics).toEqual(first.candidates[0].metrics);
    expect(second.verdict).toBe(first.verdict);
  });

  it('splits alpha between several candidates', () => {
    // given two candidates
    const experiment = experimentFixture({
      arms: [
        { id: 'as-is', role: 'baseline', processVersionId: 'v1', weight: 2 },
        { id: 'to-be', role: 'candidate', processVersionId: 'v2', weight: 1 },
        { id: 'lean', role: 'candidate', processVersionId: 'v3', weight: 1 },
      ],
    });
    const input = given(experiment, {
      'as-is': { cases: 200, fcr: 0.5, sla: 0.9, hours: 8 },
      'to-be': { cases: 100, fcr: 0.5, sla: 0.9, hours: 8 },
      lean: { cases: 100, fcr: 0.5, sla: 0.9, hours: 8 },
    });
    // when
    const sut = analyzeExperiment(input);
    // then
    expect(sut.candidates.map((c) => [c.armId, c.alpha])).toEqual([
      ['to-be', 0.025],
      ['lean', 0.025],
    ]);
    expect(sut.stages.find((s) => s.stage === 'diagnosis')!.arms.map((a) => a.armId)).toEqual(['as-is', 'to-be', 'lean']);
  });
});
