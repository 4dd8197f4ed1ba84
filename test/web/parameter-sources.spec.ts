import { describe, expect, it } from '@jest/globals';
import type { VersionCalibration } from '../../apps/web/src/api/simulations-types.js';
import { candidateShares, describeField, poolSize } from '../../apps/web/src/insights/prediction/parameter-sources.js';
import type { ModelOutline } from '../../apps/web/src/insights/prediction/shared-parameters.js';

/* Where the prediction page's starting values come from, and how it names parameters (pure helpers, tested here as apps/web is outside jest's roots). */

const node = (type: string, name: string, outgoing: string[] = []) => ({ type, name, outgoing, candidateGroups: [] });

const asIs: ModelOutline = {
  nodes: {
    Task_UpdateCrm: node('userTask', 'Update CRM with outcome'),
    Gateway_Resolved: node('exclusiveGateway', 'Resolved by first line?', ['Flow_Resolved', 'Flow_NotResolved']),
  },
  groups: ['first-line'],
  flowNames: { Flow_Resolved: 'yes', Flow_NotResolved: 'no' },
  flowTargets: { Flow_Resolved: 'Gateway_Diagnosed', Flow_NotResolved: 'Gateway_Escalate' },
};

/** The to-be's three-way first-line outcome: resolved (same flow id), escalate with reason (same target as the as-is "no"), no reason given (new: loops back). */
const toBe: ModelOutline = {
  nodes: {
    Gateway_Outcome: node('exclusiveGateway', 'First-line outcome?', ['Flow_Resolved', 'Flow_EscalateWithReason', 'Flow_NoReasonGiven']),
    Gateway_Gold: node('exclusiveGateway', 'Gold customer?', ['Flow_Gold', 'Flow_Standard']),
    Gateway_Split: node('exclusiveGateway', 'Split', ['Flow_A', 'Flow_B', 'Flow_C']),
  },
  groups: ['first-line'],
  flowNames: { Flow_Resolved: 'resolved', Flow_EscalateWithReason: 'escalate with reason', Flow_NoReasonGiven: 'no reason given' },
  flowTargets: {
    Flow_Resolved: 'Gateway_Diagnosed',
    Flow_EscalateWithReason: 'Gateway_Escalate',
    Flow_NoReasonGiven: 'Gateway_Diagnose',
    Flow_Gold: 'Task_Personal',
    Flow_Standard: 'Task_Survey',
    Flow_A: 'X',
    Flow_B: 'Y',
    Flow_C: 'Z',
  },
};

const calibration = (branches: VersionCalibration['parameters']['branches']): VersionCalibration => ({
  processVersionId: 'as-is',
  window: null,
  cases: 24,
  parameters: { arrivals: { perDay: 24 }, durations: {}, branches, escalations: {}, variables: {} },
  fit: { arrivals: { cases: 24, days: 1 }, durations: {}, branches: {}, escalations: {}, agentsPerLane: {}, pools: {} },
});

const sum = (shares: Record<string, { value: number }>): number => Object.values(shares).reduce((total, { value }) => total + value, 0);

describe('candidate branch shares from the history', () => {
  it('fills every flow of a three-way gateway, adding up to 1, each with its source', () => {
    // given: the as-is resolved two cases in three
    const sut = candidateShares('Gateway_Outcome', toBe, calibration({ Gateway_Resolved: { Flow_Resolved: 0.6667, Flow_NotResolved: 0.3333 } }), asIs)!;
    // then: resolved by its id, escalation by the step the as-is "no" led to, the new loop gets what is left (nothing)
    expect(sut.Flow_Resolved).toEqual({ value: 0.6667, source: 'history: flow “yes” of “Resolved by first line?”' });
    expect(sut.Flow_EscalateWithReason.value).toBe(0.3333);
    expect(sut.Flow_EscalateWithReason.source).toContain('led to the same step');
    expect(sut.Flow_NoReasonGiven).toEqual({ value: 0, source: 'default: the rest, not in history' });
    expect(Math.abs(sum(sut) - 1)).toBeLessThan(1e-9);
  });

  it('splits what the known shares leave over the unmatched flows, adding up to exactly 1', () => {
    // given: one flow known at 0.5, two new flows
    const sut = candidateShares('Gateway_Split', toBe, calibration({ Gateway_Other: { Flow_A: 0.5, Flow_Q: 0.5 } }), { ...asIs, flowTargets: { Flow_A: 'X', Flow_Q: 'Q' } })!;
    // then
    expect(sut.Flow_A.value).toBe(0.5);
    expect(sut.Flow_B).toEqual({ value: 0.25, source: 'default: the rest split over 2 flows, not in history' });
    expect(Math.abs(sum(sut) - 1)).toBeLessThan(1e-9);
  });

  it('leaves a gateway the history knows nothing of to its conditions', () => {
    expect(candidateShares('Gateway_Gold', toBe, calibration({ Gateway_Resolved: { Flow_Resolved: 0.5, Flow_NotResolved: 0.5 } }), asIs)).toBeNull();
  });

  it('does not borrow from another decision that merely reaches the same step', () => {
    // given: an as-is gateway whose flow leads where the gold flow leads, but shares no flow with it
    const history = { ...asIs, flowTargets: { ...asIs.flowTargets, Flow_Other: 'Task_Personal' } };
    // then: the gold decision is left to its conditions
    expect(candidateShares('Gateway_Gold', toBe, calibration({ Gateway_Money: { Flow_Other: 0.4, Flow_Else: 0.6 } }), history)).toBeNull();
  });
});

describe('pool sizes from the history', () => {
  it('takes the most agents at once, and says so', () => {
    expect(poolSize({ agentsAtOnce: 3, agentsSeen: 7, tasks: 412 })).toEqual({ value: 3, source: 'history: at most 3 at once within an hour (7 agents seen, 412 tasks)' });
  });

  it('falls back to one agent for a group with no work in the history, and says so', () => {
    expect(poolSize(undefined)).toEqual({ value: 1, source: 'default: 1, no work of the group in history' });
  });
});

describe('parameter names', () => {
  it('names elements instead of parameter paths', () => {
    expect(describeField('durations.Task_UpdateCrm', asIs)).toBe('Working time of “Update CRM with outcome”');
    expect(describeField('parameters.durations.Task_UpdateCrm.mean', asIs)).toBe('Working time of “Update CRM with outcome” (mean)');
    expect(describeField('branches.Gateway_Resolved.Flow_Resolved', asIs)).toBe('Share of “yes” at “Resolved by first line?”');
    expect(describeField('branches.Gateway_Resolved', asIs)).toBe('Branch shares of “Resolved by first line?”');
    expect(describeField('escalations.Task_UpdateCrm', asIs)).toBe('Escalation share of “Update CRM with outcome”');
    // an element the model lacks keeps its id; other fields keep their path
    expect(describeField('durations.Task_Gone', asIs)).toBe('Working time of “Task_Gone”');
    expect(describeField('arrivals.perDay', asIs)).toBe('arrivals.perDay');
  });
});
