/**
 * The experiment's life: draft -> running <-> paused -> stopped | promoted. Stopped and promoted
 * are final. The plan is fixed once the experiment has run: changing it later bumps the
 * analysis version instead of silently rewriting the question being answered.
 */
import { DomainError } from '#core';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';
import type { Experiment, ExperimentState, Plan } from './experiment.js';

export type ExperimentAction = 'start' | 'pause' | 'resume' | 'stop' | 'promote';

const TRANSITIONS: Record<ExperimentAction, { from: readonly ExperimentState[]; to: ExperimentState }> = {
  start: { from: ['draft'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['running', 'paused'], to: 'stopped' },
  promote: { from: ['running', 'paused'], to: 'promoted' },
};

export function nextState(state: ExperimentState, action: ExperimentAction): ExperimentState {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(state)) {
    throw new DomainError(EXPERIMENT_ERRORS.transitionInvalid, `cannot ${action} an experiment that is ${state}`, { state, action });
  }
  return transition.to;
}

/** Applies a transition; `promote` needs the winning arm, which then receives every new case. */
export function transition(experiment: Experiment, action: ExperimentAction, winnerArmId?: string): Experiment {
  const state = nextState(experiment.state, action);
  if (action !== 'promote') return { ...experiment, state };
  if (!experiment.arms.some((arm) => arm.id === winnerArmId)) {
    throw new DomainError(EXPERIMENT_ERRORS.winnerUnknown, `promote needs the id of one of the experiment's arms, got "${winnerArmId}"`, {
      field: 'winnerArmId',
    });
  }
  return { ...experiment, state, winnerArmId };
}

/** A draft takes the new plan as it is; after the start the analysis version moves on. */
export function amendPlan(experiment: Experiment, plan: Plan): Experiment {
  if (experiment.state === 'stopped' || experiment.state === 'promoted') {
    throw new DomainError(EXPERIMENT_ERRORS.transitionInvalid, `cannot change the plan of an experiment that is ${experiment.state}`, {
      state: experiment.state,
      action: 'amendPlan',
    });
  }
  const analysisVersion = experiment.state === 'draft' ? experiment.analysisVersion : experiment.analysisVersion + 1;
  return { ...experiment, plan, analysisVersion };
}

/** Pauses (guardrail breach, by hand) or resumes one candidate arm; the baseline always takes cases. */
export function setArmPaused(experiment: Experiment, armId: string, paused: boolean): Experiment {
  const arm = experiment.arms.find((a) => a.id === armId);
  if (arm?.role !== 'candidate') {
    throw new DomainError(EXPERIMENT_ERRORS.armNotCandidate, `"${armId}" is not a candidate arm of this experiment`, { field: 'armId' });
  }
  return { ...experiment, arms: experiment.arms.map((a) => (a.id === armId ? { ...a, paused } : a)) };
}
