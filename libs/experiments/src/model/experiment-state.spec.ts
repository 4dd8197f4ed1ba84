import { describe, expect, it } from '@jest/globals';
import { experimentFixture } from '../testing/experiment-fixture.js';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';
import { amendPlan, nextState, setArmPaused, transition } from './experiment-state.js';
import type { ExperimentAction } from './experiment-state.js';
import type { ExperimentState } from './experiment.js';

describe('experiment states', () => {
  it.each<[ExperimentState, ExperimentAction, ExperimentState]>([
    ['draft', 'start', 'running'],
    ['running', 'pause', 'paused'],
    ['paused', 'resume', 'running'],
    ['running', 'stop', 'stopped'],
    ['paused', 'stop', 'stopped'],
    ['running', 'promote', 'promoted'],
    ['paused', 'promote', 'promoted'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextState(from, action)).toBe(to);
  });

  it.each<[ExperimentState, ExperimentAction]>([
    ['draft', 'pause'],
    ['running', 'start'],
    ['running', 'resume'],
    ['stopped', 'resume'],
    ['promoted', 'stop'],
    ['draft', 'promote'],
  ])('refuses to %s -> %s with a code', (from, action) => {
    expect(() => nextState(from, action)).toThrow(expect.objectContaining({ code: EXPERIMENT_ERRORS.transitionInvalid, details: { state: from, action } }));
  });

  it('promotes a named arm and refuses an unknown one', () => {
    expect(transition(experimentFixture(), 'promote', 'to-be')).toMatchObject({ state: 'promoted', winnerArmId: 'to-be' });
    expect(() => transition(experimentFixture(), 'promote', 'nope')).toThrow(expect.objectContaining({ code: EXPERIMENT_ERRORS.winnerUnknown }));
  });

  it('keeps the analysis version for a draft plan change and bumps it once running', () => {
    const plan = { alpha: 0.05, power: 0.9, mde: 0.05, baselineRate: 0.5 };
    expect(amendPlan(experimentFixture({ state: 'draft' }), plan)).toMatchObject({ plan, analysisVersion: 1 });
    expect(amendPlan(experimentFixture({ state: 'running' }), plan)).toMatchObject({ plan, analysisVersion: 2 });
    expect(() => amendPlan(experimentFixture({ state: 'stopped' }), plan)).toThrow(expect.objectContaining({ code: EXPERIMENT_ERRORS.transitionInvalid }));
  });

  it('pauses candidate arms only', () => {
    expect(setArmPaused(experimentFixture(), 'to-be', true).arms[1].paused).toBe(true);
    expect(() => setArmPaused(experimentFixture(), 'as-is', true)).toThrow(expect.objectContaining({ code: EXPERIMENT_ERRORS.armNotCandidate }));
  });
});
