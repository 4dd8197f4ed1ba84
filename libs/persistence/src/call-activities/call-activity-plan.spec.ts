import { describe, expect, it } from '@jest/globals';
import type { Effect, EngineResult, InstanceState } from '#engine';
import { planCallActivities } from './call-activity-plan.js';

const AT = '2026-01-05T09:00:00.000Z';
const LATER = '2026-01-05T10:00:00.000Z';

const state = (overrides: Partial<InstanceState> = {}): InstanceState => ({
  id: 'instance-1',
  processKey: 'p',
  processVersionId: 'version-1',
  status: 'active',
  startedAt: AT,
  variables: {},
  activities: [],
  timers: [],
  subscriptions: [],
  joins: {},
  ...overrides,
});

const started: Effect = {
  kind: 'callActivityStarted',
  activityInstanceId: 'call-1',
  elementId: 'call',
  processKey: 'child',
  binding: { version: 2 },
  variables: { amount: 5 },
  businessKey: 'bk',
  at: AT,
};

const result = (effects: Effect[], overrides: Partial<InstanceState> = {}): EngineResult => ({ state: state(overrides), steps: [], effects });

const PARENT = { instanceId: 'parent-1', activityInstanceId: 'call-0' };

describe('planCallActivities', () => {
  it('inserts a started call activity owing its child since the command', () => {
    // when a command starts a call activity; then
    expect(planCallActivities(result([started]), state())).toEqual({
      inserts: [
        {
          activity_instance_id: 'call-1',
          element_id: 'call',
          process_key: 'child',
          binding: { version: 2 },
          variables: { amount: 5 },
          business_key: 'bk',
          status: 'waiting',
          created_at: AT,
          closed_at: null,
          follow_up_since: AT,
        },
      ],
      closings: [],
    });
  });

  it('writes a call activity started and canceled by one command as one row owing the cancellation, and a completion as a closing owing nothing', () => {
    // when one command starts and cancels a call activity, and another completes one started before
    const foldedIn = planCallActivities(result([started, { kind: 'callActivityClosed', id: 'call-1', outcome: 'canceled', at: AT }]), state());
    const completed = planCallActivities(result([{ kind: 'callActivityClosed', id: 'call-9', outcome: 'completed', at: LATER }]), state());
    // then
    expect(foldedIn.inserts).toEqual([expect.objectContaining({ status: 'canceled', closed_at: AT, follow_up_since: AT })]);
    expect(foldedIn.closings).toEqual([]);
    expect(completed.closings).toEqual([{ activity_instance_id: 'call-9', status: 'completed', at: LATER }]);
  });

  it('tells the parent when a called instance starts and when it ends, and at no other command', () => {
    // given a called instance
    const running = state({ parent: PARENT });
    // when it starts, runs a command, and ends
    const onStart = planCallActivities(result([], { parent: PARENT }), null);
    const onCommand = planCallActivities(result([], { parent: PARENT }), running);
    const onEnd = planCallActivities(result([], { parent: PARENT, status: 'completed', endedAt: LATER }), running);
    // then
    expect(onStart.parentNotice).toEqual({ activity_instance_id: 'call-0', event: 'started', threw: false, at: AT });
    expect(onCommand.parentNotice).toBeUndefined();
    expect(onEnd.parentNotice).toEqual({ activity_instance_id: 'call-0', event: 'ended', threw: false, at: LATER });
  });

  it('tells the parent when a running called instance hands an error or escalation up', () => {
    // given a called instance
    const running = state({ parent: PARENT });
    const thrown: Effect = { kind: 'thrownToCallActivity', eventType: 'escalation', code: 'LATE', elementId: 'late', at: LATER };
    // when it hands an escalation up and goes on, or an error and ends
    const escalated = planCallActivities(result([thrown], { parent: PARENT }), running);
    const failed = planCallActivities(result([{ ...thrown, eventType: 'error' }], { parent: PARENT, status: 'canceled', endedAt: LATER }), running);
    // then
    expect(escalated.parentNotice).toEqual({ activity_instance_id: 'call-0', event: 'running', threw: true, at: LATER });
    expect(failed.parentNotice).toEqual({ activity_instance_id: 'call-0', event: 'ended', threw: true, at: LATER });
  });

  it('tells no parent for an instance started directly', () => {
    // when an instance without a parent starts and ends; then
    expect(planCallActivities(result([], { status: 'completed', endedAt: AT }), null).parentNotice).toBeUndefined();
  });
});
