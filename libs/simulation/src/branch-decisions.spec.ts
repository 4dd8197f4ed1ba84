import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import type { SimulationParameters } from './parameters.js';
import { simulate } from './simulate.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';
import { compileModel, TWO_WAYS } from './testing/models.js';

const parameters = (extra: Partial<SimulationParameters>): SimulationParameters => ({
  seed: 5,
  start: '2026-01-05T00:00:00Z',
  horizon: { days: 5 },
  arrivals: { perDay: 200 },
  pools: [{ id: 'agents', size: 3 }],
  durations: { B: { kind: 'fixed', value: 5 } },
  ...extra,
});

describe('gateway branches in a simulation', () => {
  let graph: ProcessGraph;
  beforeAll(async () => {
    graph = await compileModel(TWO_WAYS);
  });

  const share = (steps: { elementId: string; type: string }[], elementId: string) => {
    const ready = steps.filter(({ type, elementId: id }) => type === 'ready' && (id === 'A' || id === 'B'));
    return ready.filter((step) => step.elementId === elementId).length / ready.length;
  };

  it('follow the probabilities given per flow, through the engine gateway', () => {
    // when 30 % of cases are sent to A
    const { steps, cases } = simulate({ graph, processVersionId: 'v', parameters: parameters({ branches: { Choice: { ToA: 0.3, ToB: 0.7 } } }) });

    // then (about 1,000 cases: the share's standard error is 1.5 points)
    expect(cases.length).toBeGreaterThan(900);
    expect(Math.abs(share(steps, 'A') - 0.3)).toBeLessThan(0.05);
  });

  it('leave a gateway without probabilities to its conditions on the case variables', () => {
    // given x drawn from an exponential distribution with mean 1: P(x > 1) = e^-1 = 0.37
    const variables = { x: { kind: 'number' as const, distribution: { kind: 'exponential' as const, mean: 1 }, decimals: 3 } };

    // when
    const { steps, cases } = simulate({ graph, processVersionId: 'v', parameters: parameters({ variables }) });

    // then the engine evaluated "x > 1" for each case
    expect(Math.abs(share(steps, 'A') - Math.exp(-1))).toBeLessThan(0.05);
    expect(cases.every(({ variables: { x } }) => typeof x === 'number')).toBe(true);
  });

  it('stop the run with SIMULATION_ENGINE_REFUSED when the engine finds no way on', () => {
    // given no variable x and no probabilities: no condition holds and there is no default flow
    let error: unknown;
    try {
      simulate({ graph, processVersionId: 'v', parameters: parameters({}) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(SIMULATION_ERRORS.engineRefused);
    expect((error as DomainError).details).toMatchObject({ code: 'GATEWAY_NO_MATCH', elementId: 'Choice' });
  });
});
