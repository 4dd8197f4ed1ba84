import { describe, expect, it } from '@jest/globals';
import {
  comparisonSentence,
  fitHint,
  formatDifferenceEstimate,
  formatEstimate,
  formatPValue,
  formatShare,
  withMean,
} from '../../apps/web/src/insights/prediction/prediction-format.js';
import { gatewaysWithoutShares, parametersFor, poolGroups, type ModelOutline } from '../../apps/web/src/insights/prediction/shared-parameters.js';

/*
 * The prediction page's wording and its pure helpers (apps/web is outside jest's roots for DOM
 * code; these are pure, so they are tested here).
 */

const node = (type: string, outgoing: string[] = [], candidateGroups: string[] = []) => ({ type, name: type, outgoing, candidateGroups });

describe('the prediction page writes', () => {
  it('shares in whole percent, small ones with a decimal', () => {
    // when / then
    expect(formatShare(0.4123)).toBe('41 %');
    expect(formatShare(0.021)).toBe('2.1 %');
    expect(formatShare(null)).toBe('–');
  });

  it('an estimate with its interval in the two largest units of each value, and says when one run gives none', () => {
    // given
    const leadTime = { mean: 100, interval: [80, 3000] as [number, number], runs: 5 };

    // when / then
    expect(formatEstimate('leadTimeMeanMinutes', leadTime)).toBe('1 h 40 min (1 h 20 min to 2 d 2 h)');
    expect(formatEstimate('waitingShare', { mean: 0.41, interval: [0.38, 0.44], runs: 5 })).toBe('41 % (38 % to 44 %)');
    expect(formatEstimate('casesCompleted', { mean: 161, interval: null, runs: 1 })).toBe('161 (1 run, no interval)');
    expect(formatEstimate('nvaShare', { mean: null, interval: null, runs: 0 })).toBe('–');
  });

  it('differences with their sign, shares in points, durations in their two largest units', () => {
    // when / then
    expect(formatDifferenceEstimate('waitingShare', { mean: -0.19, interval: [-0.22, -0.16], runs: 5 })).toBe('−19 pts (−22 pts to −16 pts)');
    expect(formatDifferenceEstimate('leadTimeMeanMinutes', { mean: -2814, interval: [-8208, 2604], runs: 3 })).toBe('−1 d 23 h (−5 d 17 h to +1 d 19 h)');
    expect(formatDifferenceEstimate('casesCompleted', { mean: 0, interval: [0, 0], runs: 3 })).toBe('±0 (±0 to ±0)');
  });

  it('the comparison of a figure in one sentence', () => {
    // when
    const sentence = comparisonSentence(
      'waitingShare',
      { mean: 0.41, interval: [0.38, 0.44], runs: 5 },
      { mean: 0.22, interval: [0.2, 0.25], runs: 5 },
      { mean: -0.19, interval: [-0.22, -0.16], runs: 5 },
    );

    // then
    expect(sentence).toBe('Waiting share 41 % (38 % to 44 %) → 22 % (20 % to 25 %), difference −19 pts (−22 pts to −16 pts)');
  });

  it('the goodness of fit in plain words', () => {
    // when / then
    expect(fitHint({ n: 40, logNormalFit: { statistic: 0.08, pValue: 0.62 } })).toBe('fits');
    expect(fitHint({ n: 6, logNormalFit: { statistic: 0.2, pValue: 0.7 } })).toBe('fits (few cases: weak evidence)');
    expect(fitHint({ n: 40, logNormalFit: { statistic: 0.4, pValue: 0.001 } })).toBe('poor fit: the times do not look log-normal');
    expect(fitHint({ n: 1, logNormalFit: null })).toBe('too few to test: taken as fixed');
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.4321)).toBe('0.43');
  });
});

describe('a changed mean', () => {
  it('keeps a log-normal as variable relative to its mean, and replaces the others', () => {
    // when / then
    expect(withMean({ kind: 'logNormal', mean: 10, sd: 4 }, 25)).toEqual({ kind: 'logNormal', mean: 25, sd: 10 });
    expect(withMean({ kind: 'exponential', mean: 10 }, 3)).toEqual({ kind: 'exponential', mean: 3 });
    expect(withMean({ kind: 'fixed', value: 1 }, 2)).toEqual({ kind: 'fixed', value: 2 });
  });
});

describe('parameters for another model', () => {
  const asIs: ModelOutline = {
    nodes: {
      Task_Log: node('userTask', ['f1'], ['first-line']),
      Task_Rekey: node('userTask', ['f2'], ['first-line']),
      Gateway_Resolved: node('exclusiveGateway', ['Flow_Yes', 'Flow_No']),
      Task_Second: node('userTask', [], ['second-line']),
    },
    groups: ['first-line', 'second-line'],
    flowNames: {},
    flowTargets: {},
  };
  const toBe: ModelOutline = {
    nodes: {
      Task_Log: node('userTask', ['f1'], ['first-line']),
      Gateway_Resolved: node('exclusiveGateway', ['Flow_Yes', 'Flow_No', 'Flow_Loop']),
      Gateway_Gold: node('exclusiveGateway', ['Flow_Gold', 'Flow_Standard']),
      Gateway_Join: node('exclusiveGateway', ['Flow_On']),
      Task_Expert: node('userTask', [], ['experts']),
    },
    groups: ['first-line', 'experts'],
    flowNames: {},
    flowTargets: {},
  };
  const parameters = {
    seed: 1,
    start: '2026-03-02T00:00:00.000Z',
    horizon: { days: 7 },
    arrivals: { perDay: 24 },
    pools: [],
    durations: { Task_Log: { kind: 'fixed' as const, value: 2 }, Task_Rekey: { kind: 'fixed' as const, value: 3 } },
    branches: { Gateway_Resolved: { Flow_Yes: 0.7, Flow_No: 0.3 } },
    escalations: { Task_Rekey: 0.1 },
  };

  it('keeps what the model has, leaves out the rest and lists it', () => {
    // when
    const { parameters: narrowed, leftOut } = parametersFor(parameters, toBe);

    // then: a gateway that leaves by other flows is not the same decision
    expect(narrowed.durations).toEqual({ Task_Log: { kind: 'fixed', value: 2 } });
    expect(narrowed.branches).toEqual({});
    expect(narrowed.escalations).toEqual({});
    expect(leftOut).toEqual(['durations.Task_Rekey', 'branches.Gateway_Resolved', 'escalations.Task_Rekey']);
    expect(narrowed.arrivals).toBe(parameters.arrivals);
  });

  it('keeps everything for the model it was fitted to', () => {
    // when
    const { parameters: same, leftOut } = parametersFor(parameters, asIs);

    // then
    expect(leftOut).toEqual([]);
    expect(same).toEqual(parameters);
  });

  it('names the gateways with a choice that no shares cover, and one pool per group of the models', () => {
    // when / then
    expect(gatewaysWithoutShares({ branches: {} }, toBe)).toEqual(['Gateway_Resolved', 'Gateway_Gold']);
    expect(gatewaysWithoutShares(parameters, asIs)).toEqual([]);
    expect(poolGroups([asIs, toBe])).toEqual(['first-line', 'second-line', 'experts']);
  });
});
