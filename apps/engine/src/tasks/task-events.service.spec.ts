import { describe, expect, it } from '@jest/globals';
import type { Effect } from '#engine';
import type { TaskAudience, TaskChangeBatch, TaskChangeChannel } from '#persistence';
import type { Principal } from '../auth/principal.js';
import { caseChangesOf, changeOf, mayWatch, TaskEvents, taskChangesOf } from './task-events.service.js';

const agent = (name: string, groups: string[]): Principal => ({ kind: 'user', id: name, name, displayName: null, roles: ['agent'], groups });
const offered = (groups: string[], assignee: string | null = null, users: string[] = []): TaskAudience => ({ candidateGroups: groups, candidateUsers: users, assignee });

describe('task events', () => {
  it('reads the task changes of a commit from its effects, and nothing else', () => {
    // given a commit that created one task, updated another, closed a third and ran a timer
    const effects = [
      { kind: 'taskCreated', task: { id: 't1', elementId: 'a', candidateGroups: ['first-line'], candidateUsers: [], priority: 50, createdAt: '2026-01-05T09:00:00Z' } },
      {
        kind: 'taskUpdated',
        taskId: 't2',
        state: 'claimed',
        assignee: 'ana',
        owner: null,
        candidateGroups: ['first-line'],
        candidateUsers: [],
        laneId: null,
        claimedAt: '2026-01-05T09:00:00Z',
        startedAt: null,
        at: '2026-01-05T09:00:00Z',
      },
      { kind: 'taskClosed', id: 't3', outcome: 'completed', at: '2026-01-05T09:00:00Z' },
      { kind: 'timerCanceled', timerId: 'x' },
    ] as Effect[];
    // when
    const sut = taskChangesOf('i1', effects);
    // then
    expect(sut).toEqual([
      { taskId: 't1', instanceId: 'i1', kind: 'created', audience: offered(['first-line']) },
      { taskId: 't2', instanceId: 'i1', kind: 'updated', state: 'claimed', audience: offered(['first-line'], 'ana') },
      { taskId: 't3', instanceId: 'i1', kind: 'closed', state: 'completed' },
    ]);
  });

  it('lets a user watch a task assigned to them, offered to them by name or to one of their groups; an admin every task', () => {
    expect(mayWatch(agent('ana', ['first-line']), offered(['first-line']))).toBe(true);
    expect(mayWatch(agent('ana', []), offered(['second-line'], 'ana'))).toBe(true);
    expect(mayWatch(agent('ana', []), offered([], null, ['ana']))).toBe(true);
    expect(mayWatch(agent('ben', ['second-line']), offered(['first-line']))).toBe(false);
    expect(mayWatch({ ...agent('root', []), roles: ['admin'] }, offered(['first-line']))).toBe(true);
  });

  it('words a change from the audience before and after it', () => {
    const update = { taskId: 't', instanceId: 'i', kind: 'updated' as const };
    expect(changeOf(update, offered(['first-line']), offered(['first-line'], 'ada'))).toBe('claimed');
    expect(changeOf(update, offered(['first-line'], 'ada'), offered(['first-line']))).toBe('unclaimed');
    expect(changeOf(update, offered(['first-line'], 'ada'), offered(['second-line']))).toBe('escalated');
    expect(changeOf(update, undefined, offered(['first-line'], 'ada'))).toBe('claimed');
    expect(changeOf({ ...update, kind: 'closed', state: 'canceled' }, undefined, undefined)).toBe('canceled');
    expect(changeOf({ ...update, kind: 'closed', state: 'completed' }, undefined, undefined)).toBe('completed');
  });

  it('announces the changes of commits made while an announcement is on its way together, in commit order', async () => {
    // given a channel whose first announcement has not gone out yet
    const announced: TaskChangeBatch[] = [];
    let sendFirst = () => {};
    const channel = {
      announce: (batch: TaskChangeBatch) => {
        announced.push(batch);
        return announced.length === 1 ? new Promise<void>((resolve) => (sendFirst = resolve)) : Promise.resolve();
      },
    } as unknown as TaskChangeChannel;
    const sut = new TaskEvents(channel);
    const closed = (id: string) => [{ kind: 'taskClosed', id, outcome: 'completed', at: '2026-01-05T09:00:00Z' }] as Effect[];
    await sut.afterCommit({ state: { id: 'i1', processVersionId: 'v1' }, revision: 2 }, closed('t1'));
    await Promise.resolve();
    // when two more commits close tasks meanwhile, then the first announcement leaves
    await sut.afterCommit({ state: { id: 'i2', processVersionId: 'v1' }, revision: 2 }, closed('t2'));
    await sut.afterCommit({ state: { id: 'i3', processVersionId: 'v1' }, revision: 2 }, closed('t3'));
    sendFirst();
    await sut.onModuleDestroy();
    // then the two later commits went out in one announcement, after the first
    expect(announced.map(({ changes }) => changes.map(({ taskId }) => taskId))).toEqual([['t1'], ['t2', 't3']]);
  });

  it('tells the cases a commit started (its first revision) or ended', () => {
    // given a start, a step in between and the end of case i1
    const ended = [{ kind: 'instanceEnded', status: 'completed', at: '2026-01-05T09:00:00Z' }] as Effect[];
    const of = (revision: number, effects: Effect[]) => caseChangesOf({ state: { id: 'i1', processVersionId: 'v1' }, revision }, effects);
    // then only the first and the last count
    expect(of(1, [])).toEqual([{ instanceId: 'i1', processVersionId: 'v1', change: 'started' }]);
    expect(of(2, [])).toEqual([]);
    expect(of(3, ended)).toEqual([{ instanceId: 'i1', processVersionId: 'v1', change: 'ended' }]);
  });
});
