import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessGraph } from '#bpmn';
import type { SimulationParameters } from '../parameters.js';
import { compileModel, SINGLE_TASK } from '../testing/models.js';
import { comparePredictions, predict } from './predict.js';

const parameters = (agents: number): SimulationParameters => ({
  seed: 4100,
  start: '2026-01-05T00:00:00Z',
  horizon: { days: 8, warmUpDays: 1, drainDays: 1 },
  // 0.12 cases a minute, 10 minutes of work each: 1.2 agents' worth of load
  arrivals: { perDay: 0.12 * 1440 },
  pools: [{ id: 'agents', size: agents }],
  durations: { Work: { kind: 'exponential', mean: 10 } },
});

describe('predict', () => {
  let graph: ProcessGraph;
  beforeAll(async () => {
    graph = await compileModel(SINGLE_TASK);
  });

  it('gives each figure as a mean over the replications with an interval around it', () => {
    // when a three-agent team is predicted over four replications
    const sut = predict({ graph, processVersionId: 'v1', parameters: parameters(3), replications: 4 });
    // then every figure has four runs, and the interval holds the mean
    expect(sut.runs.map((run) => run.seed)).toEqual([4100, 4101, 4102, 4103]);
    const { leadTimeMeanMinutes, slaAttainment } = sut.figures;
    expect(leadTimeMeanMinutes.runs).toBe(4);
    expect(leadTimeMeanMinutes.interval![0]).toBeLessThanOrEqual(leadTimeMeanMinutes.mean!);
    expect(leadTimeMeanMinutes.interval![1]).toBeGreaterThanOrEqual(leadTimeMeanMinutes.mean!);
    // a case is worked within minutes of arriving: every first response meets the 4-hour SLA
    expect(slaAttainment.mean).toBe(1);
    // utilization is the offered load over the team: 1.2 / 3
    expect(Math.abs(sut.pools[0].utilisation.mean! - 0.4)).toBeLessThan(0.03);
  });

  it('shows the queueing effect of a smaller team: waiting rises far more than the capacity falls', () => {
    // given the same arrivals for three agents, then for two (a third less capacity)
    const sut = comparePredictions(
      { graph, processVersionId: 'three', parameters: parameters(3), replications: 4 },
      { graph, processVersionId: 'two', parameters: parameters(2), replications: 4 },
    );
    // then the waiting share rises, with an interval clear of zero, and the queue more than doubles
    expect(sut.differences.waitingShare.interval![0]).toBeGreaterThan(0);
    const queue = (prediction: typeof sut.baseline) => prediction.pools[0].meanQueueLength.mean!;
    expect(queue(sut.candidate)).toBeGreaterThan(2 * queue(sut.baseline));
    expect(sut.candidate.runs.map((run) => run.seed)).toEqual(sut.baseline.runs.map((run) => run.seed));
  });

  it('is reproducible for a seed', () => {
    const once = predict({ graph, processVersionId: 'v1', parameters: { ...parameters(2), horizon: { days: 2 } }, replications: 2 });
    const again = predict({ graph, processVersionId: 'v1', parameters: { ...parameters(2), horizon: { days: 2 } }, replications: 2 });
    expect(again).toEqual(once);
  });
});
