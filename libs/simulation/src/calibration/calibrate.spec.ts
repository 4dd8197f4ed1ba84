import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { foldLedger } from '#analytics';
import type { ProcessGraph } from '#bpmn';
import { simulate } from '../simulate.js';
import { compileModel, referenceProcessUrl } from '../testing/models.js';
import { asIsParameters } from '../testing/service-desk.js';
import { branchShares, calibrate, type Calibration } from './calibrate.js';

/**
 * Calibration recovers what made the history: a simulated fortnight of the reference as-is process
 * with known parameters is the "recorded ledger", and the fitted parameters must come back within
 * sampling error. Tolerances are stated per figure (about 3 standard errors at these sample sizes).
 */
describe('calibrate', () => {
  const truth = asIsParameters(31, 14);
  let graph: ProcessGraph;
  let sut: Calibration;

  beforeAll(async () => {
    graph = await compileModel(readFileSync(referenceProcessUrl('as-is.bpmn'), 'utf8'));
    const history = simulate({ graph, processVersionId: 'as-is', parameters: truth });
    sut = calibrate(graph, history.cases, foldLedger(history.steps));
  });

  it('measures the arrival rate over whole days and the weekday profile', () => {
    // 14 days of a profile averaging 60 a day over a week: the estimate is within 10 %
    expect(sut.fit.arrivals.days).toBe(14);
    expect(Math.abs(sut.parameters.arrivals.perDay - 60) / 60).toBeLessThan(0.1);
    // Sunday (weight 0.3) is the quietest day, Monday (1.25) among the busiest
    const weekdays = sut.parameters.arrivals.weekdays!;
    expect(Math.min(...weekdays)).toBe(weekdays[6]);
    expect(weekdays[0]).toBeGreaterThan(weekdays[5]);
  });

  it('recovers the branch probabilities of the gateways', () => {
    const resolved = sut.parameters.branches.Gateway_ResolvedByFirstLine;
    expect(sut.fit.branches.Gateway_ResolvedByFirstLine.passes).toBeGreaterThan(500);
    // 0.68 drawn; 3 standard errors at ~800 passes is 0.05
    expect(Math.abs(resolved.Flow_Resolved - 0.68)).toBeLessThan(0.05);
    expect(resolved.Flow_Resolved + resolved.Flow_NotResolved).toBeCloseTo(1, 3);
  });

  it('gives every outgoing flow of a passed gateway a share, the untaken ones 0, adding up to exactly 1', () => {
    for (const [gatewayId, fit] of Object.entries(sut.fit.branches).filter(([, branch]) => branch.passes > 0)) {
      const shares = sut.parameters.branches[gatewayId];
      expect(Object.keys(shares).sort()).toEqual(graph.nodes[gatewayId].outgoing.slice().sort());
      expect(Math.abs(Object.values(shares).reduce((sum, share) => sum + share, 0) - 1)).toBeLessThan(1e-9);
      expect(fit.passes).toBeGreaterThan(0);
    }
  });

  it('rounds three equal branches so that they still add up to 1', () => {
    // given: a three-way gateway passed three times, once down each flow, and a flow never taken
    // when
    const sut3 = branchShares({ passes: 3, counts: { a: 1, b: 1, c: 1, never: 0 } });
    // then: ten-thousandths that add up to 1 (0.3333 three times would leave 0.9999, which the simulator refuses)
    expect(Object.values(sut3).reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    expect(Object.values(sut3).sort()).toEqual([0, 0.3333, 0.3333, 0.3334]);
  });

  it('sizes each pool by the most agents who worked its tasks within one hour', () => {
    // the history's team: 6 first-line, 3 second-line and 2 experts in office hours; a busy fortnight puts all of them to work in some hour
    expect(sut.fit.pools['first-line']).toMatchObject({ agentsAtOnce: 6, agentsSeen: 6 });
    expect(sut.fit.pools['second-line']).toMatchObject({ agentsAtOnce: 3, agentsSeen: 3 });
    expect(sut.fit.pools.experts.agentsAtOnce).toBeLessThanOrEqual(2);
    expect(sut.fit.pools['first-line'].tasks).toBeGreaterThan(500);
  });

  it('counts one agent working several tasks in an hour once', () => {
    // given: one agent who works two tasks of the same group in the same hour, and a second in the next hour
    const task = (id: string, actor: string, from: number) => ({
      activityInstanceId: id,
      instanceId: 'case',
      elementId: 'Task_LogRequest',
      elementType: 'userTask',
      laneId: 'Lane_FirstLine',
      actor,
      previousActivityInstanceId: null,
      readyAt: from,
      endedAt: from + 60_000,
      outcome: 'completed' as const,
      firstStartedAt: from,
      timeClass: 'desk' as const,
      queueMs: 0,
      claimedIdleMs: 0,
      processingMs: 60_000,
      designedWaitMs: 0,
      externalSystemMs: 0,
      intervals: [{ phase: 'processing' as const, from, to: from + 60_000 }],
      container: false,
      escalations: [],
      breaches: [],
    });
    const hour = 3_600_000;
    // when
    const { fit } = calibrate(graph, [], [task('1', 'ann', 10 * hour), task('2', 'ann', 10 * hour + 120_000), task('3', 'bob', 11 * hour)]);
    // then: at most one at once, two seen, three tasks
    expect(fit.pools['first-line']).toEqual({ agentsAtOnce: 1, agentsSeen: 2, tasks: 3 });
  });

  it('fits a log-normal to the working times, and the test does not reject it', () => {
    // Task_SecondLineDiagnosis works log-normal, mean 25 min, sd 15 min
    const fit = sut.fit.durations.Task_SecondLineDiagnosis;
    expect(fit.distribution.kind).toBe('logNormal');
    const { mean, sd } = fit.distribution as { mean: number; sd: number };
    expect(Math.abs(mean - 25) / 25).toBeLessThan(0.1);
    expect(Math.abs(sd - 15) / 15).toBeLessThan(0.25);
    expect(fit.logNormalFit!.pValue).toBeGreaterThan(0.01);
    // the exponential fits these skewed but peaked times worse
    expect(fit.exponentialFit!.statistic).toBeGreaterThan(fit.logNormalFit!.statistic);
  });

  it('recovers the escalation probability and the case mix', () => {
    expect(Math.abs(sut.parameters.escalations.Task_FirstLineDiagnosis - 0.1)).toBeLessThan(0.04);
    const category = sut.parameters.variables.category as { kind: 'choice'; weights: Record<string, number> };
    const total = Object.values(category.weights).reduce((sum, weight) => sum + weight, 0);
    expect(Math.abs(category.weights.complaint / total - 0.2)).toBeLessThan(0.05);
  });

  it('gives parameters a simulation runs as they are', () => {
    // when the calibrated parameters drive a new week
    const replay = simulate({ graph, processVersionId: 'as-is', parameters: { ...truth, seed: 32, horizon: { days: 7, drainDays: 3 }, ...sut.parameters } });
    // then it brings about the calibrated number of cases a day
    expect(Math.abs(replay.summary.casesStarted / 7 - sut.parameters.arrivals.perDay) / sut.parameters.arrivals.perDay).toBeLessThan(0.15);
  });
});
