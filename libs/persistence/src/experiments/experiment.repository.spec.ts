import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startInstance } from '#engine';
import type { Experiment } from '#experiments';
import { PersistenceScenario } from '../../../../test/e2e/support/persistence-scenario.js';
import { ExperimentRepository, type ExperimentRecord, type NewExperimentEvent } from './experiment.repository.js';

describe('ExperimentRepository', () => {
  let scenario: PersistenceScenario;
  let sut: ExperimentRepository;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
    sut = new ExperimentRepository(scenario.dataSource);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  const experiment = (processKey: string): Experiment => ({
    id: randomUUID(),
    processKey,
    state: 'draft',
    seed: 7,
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: scenario.version.id, weight: 1 },
      { id: 'to-be', role: 'candidate', processVersionId: randomUUID(), weight: 1 },
    ],
    unit: { kind: 'instance' },
    segments: [],
    ramp: [],
    guardrails: [],
    primaryMetric: 'leadTime',
    secondaryMetrics: [],
    plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
    analysisVersion: 1,
  });

  const event = (action: string, fromState: Experiment['state'] | null, toState: Experiment['state']): NewExperimentEvent => ({
    id: randomUUID(),
    at: scenario.clock.now(),
    actor: 'alex',
    action,
    fromState,
    toState,
    reason: null,
    details: null,
  });

  const created = async (processKey: string): Promise<Experiment> => {
    const draft = experiment(processKey);
    const record: ExperimentRecord = { experiment: draft, createdAt: scenario.clock.now(), createdBy: 'alex', startedAt: null, stoppedAt: null };
    await sut.create(record, event('create', null, 'draft'));
    return draft;
  };

  const started = async (processKey: string): Promise<Experiment> => {
    const draft = await created(processKey);
    const running: Experiment = { ...draft, state: 'running' };
    expect(await sut.update(running, 'draft', event('start', 'draft', 'running'))).toBe('updated');
    return running;
  };

  const startResult = () => startInstance(scenario.version.graph, { type: 'start', instanceId: randomUUID(), processVersionId: scenario.version.id }, scenario.ports);

  it('stores the experiment as it was given and reads it back with its bookkeeping', async () => {
    // when a draft is created
    const draft = await created('stored-key');

    // then it reads back unchanged, with who created it
    expect(await sut.findById(draft.id)).toEqual({
      experiment: draft,
      createdAt: scenario.clock.now(),
      createdBy: 'alex',
      startedAt: null,
      stoppedAt: null,
      guardrailChecks: null,
      guardrailsCheckedAt: null,
      guardrailCheckRuns: 0,
    });
  });

  it('lets only one experiment of a key run: a second start is keyTaken and changes nothing', async () => {
    // given a running experiment and a second draft of the same key
    const running = await started('one-key');
    const second = await created('one-key');

    // when the second starts
    const outcome = await sut.update({ ...second, state: 'running' }, 'draft', event('start', 'draft', 'running'));

    // then it is refused, stays a draft, and logs no start
    expect(outcome).toBe('keyTaken');
    expect((await sut.findById(second.id))?.experiment.state).toBe('draft');
    expect((await sut.events(second.id)).map(({ action }) => action)).toEqual(['create']);
    expect((await sut.findActive('one-key'))?.experiment.id).toBe(running.id);
  });

  it('refuses an update computed from a state the experiment has left', async () => {
    // given a running experiment
    const running = await started('stale-key');

    // when a change computed from the draft arrives
    const outcome = await sut.update({ ...running, state: 'running' }, 'draft', event('start', 'draft', 'running'));

    // then it is stale
    expect(outcome).toBe('stale');
  });

  it('commits a started case and its assignment together, and neither when the assignment cannot be written', async () => {
    // given a running experiment
    const running = await started('assigned-key');
    const assignment = {
      experimentId: running.id,
      armId: 'as-is',
      processVersionId: scenario.version.id,
      reason: 'weight' as const,
      unitKey: 'instance:x',
      hash: 0.7,
      candidateShare: 0.5,
      assignedAt: scenario.clock.now(),
    };

    // when one case commits with its assignment, and another with an assignment to an experiment that does not exist
    const kept = startResult();
    await scenario.instances.commit(kept, null, { assignment });
    const lost = startResult();
    const failed = scenario.instances.commit(lost, null, { assignment: { ...assignment, experimentId: randomUUID() } });

    // then the first case and its assignment are stored; of the second, not even the case
    await expect(failed).rejects.toThrow();
    expect(await sut.findAssignment(kept.state.id)).toEqual({ ...assignment, instanceId: kept.state.id });
    expect(await scenario.instances.load(lost.state.id)).toBeNull();
    expect(await sut.armCounts(running.id)).toEqual([{ armId: 'as-is', assigned: 1, running: 1, finished: 0 }]);
  });
});
