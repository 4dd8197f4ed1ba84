import { describe, expect, it } from '@jest/globals';
import type { Effect, EngineResult, InstanceState } from '#engine';
import { planCommit } from './commit-plan.js';

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

const taskCreated = (id: string): Effect => ({
  kind: 'taskCreated',
  task: { id, elementId: 'review', candidateGroups: ['first-line'], candidateUsers: [], priority: 50, createdAt: AT },
});

const result = (overrides: Partial<EngineResult>): EngineResult => ({ state: state(), steps: [], effects: [], ...overrides });

describe('planCommit', () => {
  it('writes a task created and canceled by the same command as one row, already canceled', () => {
    // given a command that created a task and a terminate end that canceled it at once
    const sut = planCommit(result({ effects: [taskCreated('task-1'), { kind: 'taskClosed', id: 'task-1', outcome: 'canceled', at: AT }] }), state());
    // then it is one insert, and no update of a row that does not exist yet
    expect(sut.taskInserts).toEqual([expect.objectContaining({ id: 'task-1', status: 'canceled', canceled_at: AT })]);
    expect(sut.taskPatches).toEqual([]);
  });

  it('folds a claim and a completion of an existing task into one patch', () => {
    // given a task created by an earlier command
    // when one command claims and completes it
    const sut = planCommit(
      result({
        effects: [
          {
            kind: 'taskUpdated',
            taskId: 'task-1',
            state: 'claimed',
            assignee: 'anna',
            owner: null,
            candidateGroups: ['first-line'],
            candidateUsers: [],
            laneId: null,
            claimedAt: AT,
            startedAt: null,
            at: AT,
          },
          { kind: 'taskClosed', id: 'task-1', outcome: 'completed', at: LATER },
        ],
      }),
      state(),
    );
    // then the row gets one patch with both changes
    expect(sut.taskPatches).toEqual([
      {
        id: 'task-1',
        held: true,
        state: 'claimed',
        assignee: 'anna',
        owner: null,
        candidate_groups: ['first-line'],
        candidate_users: [],
        lane_id: null,
        claimed_at: AT,
        started_at: null,
        status: 'completed',
        completed_at: LATER,
      },
    ]);
  });

  it('derives timer jobs from the state: new timers are inserted, vanished ones deleted', () => {
    // given a state with timers a and b
    const timer = (id: string) => ({ id, elementId: `timer-${id}`, activityInstanceId: 'activity-1', dueAt: LATER });
    const previous = state({ timers: [timer('a'), timer('b')] });
    // when a command leaves b and c (a fired)
    const sut = planCommit(result({ state: state({ timers: [timer('b'), timer('c')] }) }), previous);
    // then c is scheduled and a's job goes
    expect(sut.jobInserts.map((job) => job.id)).toEqual(['c']);
    expect(sut.jobDeletes).toEqual(['a']);
  });

  it('writes only variables that are new or changed', () => {
    // given variables before the command
    const previous = state({ variables: { kept: 1, changed: { deep: 'old' }, dropped: true } });
    // when the command changes one, adds one and drops one
    const sut = planCommit(result({ state: state({ variables: { kept: 1, changed: { deep: 'new' }, added: null } }) }), previous);
    // then only those are written
    expect(sut.variableUpserts).toEqual({ changed: { deep: 'new' }, added: null });
    expect(sut.variableDeletes).toEqual(['dropped']);
  });

  it('inserts every timer and variable of a new instance', () => {
    // given no previous state (a start)
    const started = state({
      variables: { category: 'warranty' },
      timers: [{ id: 't', elementId: 'wait', activityInstanceId: 'a', dueAt: LATER }],
    });
    // when it is planned
    const sut = planCommit(result({ state: started }), null);
    // then all of it is new
    expect(sut.jobInserts).toEqual([{ id: 't', type: 'timer', element_id: 'wait', activity_instance_id: 'a', due_at: LATER }]);
    expect(sut.variableUpserts).toEqual({ category: 'warranty' });
  });
  it('schedules a job per running SLA clock of a task and removes it when the task ends', () => {
    // given a waiting task with a due clock
    const task = {
      id: 'task-1',
      elementId: 'review',
      elementType: 'userTask' as const,
      state: 'ready' as const,
      readyAt: AT,
      boundaryTimerIds: [],
      holding: { candidateGroups: [], candidateUsers: [], clocks: [{ id: 'clock-1', clock: 'due' as const, dueAt: LATER }] },
    };
    const waiting = state({ activities: [task] });
    // when it is created, and later completed
    const created = planCommit(result({ state: waiting }), state());
    const ended = planCommit(result({ state: state() }), waiting);
    // then its clock is a slaBreach job while it waits, gone with it
    expect(created.jobInserts).toEqual([{ id: 'clock-1', type: 'slaBreach', element_id: 'review', activity_instance_id: 'task-1', due_at: LATER }]);
    expect(ended.jobDeletes).toEqual(['clock-1']);
  });
});
