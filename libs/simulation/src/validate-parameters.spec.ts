import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import type { SimulationParameters } from './parameters.js';
import { simulate } from './simulate.js';
import { compileModel, referenceProcessUrl, SINGLE_TASK, TWO_WAYS } from './testing/models.js';
import { asIsParameters } from './testing/service-desk.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';
import { validateParameters } from './validate-parameters.js';

const fieldsOf = (problems: { field: string }[]) => problems.map(({ field }) => field);

describe('validateParameters', () => {
  let asIs: ProcessGraph;
  let twoWays: ProcessGraph;
  let singleTask: ProcessGraph;
  beforeAll(async () => {
    asIs = await compileModel(readFileSync(referenceProcessUrl('as-is.bpmn'), 'utf8'));
    twoWays = await compileModel(TWO_WAYS);
    singleTask = await compileModel(SINGLE_TASK);
  });

  it('accepts the service-desk parameters for the as-is process', () => {
    expect(validateParameters(asIsParameters(1), asIs)).toEqual([]);
  });

  it('names every bad field at once', () => {
    // given
    const parameters = {
      seed: 1.5,
      start: 'next monday',
      horizon: { days: 0, warmUpDays: -1 },
      arrivals: { perDay: -3, hourly: [1, 2, 3], weekdays: [1, 1, 1, 1, 1, 0, -1] },
      variables: { category: { kind: 'choice', weights: { inquiry: -1 } }, amount: { kind: 'number', distribution: { kind: 'logNormal', mean: 0, sd: 1 } } },
      pools: [
        { id: 'agents', size: 0, hours: { days: [0], from: 18, to: 8 }, discipline: 'lifo' },
        { id: 'agents', agents: [] },
      ],
      durations: { Nowhere: { kind: 'fixed', value: 1 }, A: { kind: 'exponential', mean: -2 } },
      branches: { Choice: { ToA: 0.5, ToC: 0.2 }, A: { FA: 1 } },
      escalations: { A: 0.5, Choice: 0.1 },
    } as unknown as SimulationParameters;

    // when
    const fields = fieldsOf(validateParameters(parameters, twoWays));

    // then
    expect(fields).toEqual(
      expect.arrayContaining([
        'seed',
        'start',
        'horizon.days',
        'horizon.warmUpDays',
        'arrivals.perDay',
        'arrivals.hourly',
        'arrivals.weekdays[6]',
        'variables.category.weights.inquiry',
        'variables.amount.distribution.mean',
        'pools[0].size',
        'pools[0].hours.days',
        'pools[0].hours.to',
        'pools[0].discipline',
        'pools[1].id',
        'pools[1].agents',
        'durations.Nowhere',
        'durations.A.mean',
        'branches.Choice.ToC',
        'branches.Choice',
        'branches.A',
        'escalations.A',
        'escalations.Choice',
        'durations.B',
      ]),
    );
  });

  it('requires a pool for every user task and a duration where the model gives no standard minutes', () => {
    // given B has no tandem:standardMinutes, and no pool works the group "agents"
    const parameters: SimulationParameters = { seed: 1, start: '2026-01-05T00:00:00Z', horizon: { days: 1 }, arrivals: { perDay: 10 }, pools: [{ id: 'others', size: 1 }] };

    // when
    const problems = validateParameters(parameters, twoWays);

    // then
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'pools', message: expect.stringContaining("user task 'A'") },
        { field: 'pools', message: expect.stringContaining("user task 'B'") },
        { field: 'durations.B', message: expect.stringContaining('tandem:standardMinutes') },
      ]),
    );
  });

  it('refuses escalations the model has nowhere to send', () => {
    const parameters: SimulationParameters = {
      seed: 1,
      start: '2026-01-05T00:00:00Z',
      horizon: { days: 1 },
      arrivals: { perDay: 10 },
      pools: [{ id: 'agents', size: 1 }],
      escalations: { Work: 0.2 },
    };
    expect(fieldsOf(validateParameters(parameters, singleTask))).toEqual(['escalations.Work']);
  });

  it('makes simulate fail with SIMULATION_PARAMETERS_INVALID listing the problems, before anything runs', () => {
    // given
    const parameters = { ...asIsParameters(1), pools: [] };

    // when
    let error: unknown;
    try {
      simulate({ graph: asIs, processVersionId: 'as-is', parameters });
    } catch (caught) {
      error = caught;
    }

    // then
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(SIMULATION_ERRORS.parametersInvalid);
    expect((error as DomainError).details?.problems).toEqual(validateParameters(parameters, asIs));
    expect((error as DomainError).message).toContain("no pool works user task 'Task_LogRequest'");
  });
});
