import { describe, expect, it } from '@jest/globals';
import type { Effect } from '#engine';
import type { TaskRecord } from '#persistence';
import { heldAfter } from './held-after.js';

const ready: TaskRecord = {
  id: 't1',
  instanceId: 'i1',
  processKey: 'service-request',
  processVersionId: 'v1',
  businessKey: 'c-1',
  elementId: 'triage',
  name: 'Triage',
  laneId: 'first-line',
  candidateGroups: ['first-line'],
  candidateUsers: [],
  assignee: null,
  owner: null,
  formKey: null,
  state: 'ready',
  priority: 50,
  category: null,
  stage: null,
  valueClass: null,
  dueAt: null,
  followUpAt: null,
  breachedAt: null,
  status: 'open',
  createdAt: new Date('2026-01-05T09:00:00.000Z'),
  claimedAt: null,
  startedAt: null,
  completedAt: null,
  canceledAt: null,
};

const pickedUp: Effect = {
  kind: 'taskUpdated',
  taskId: 't1',
  state: 'started',
  assignee: 'kim',
  owner: null,
  candidateGroups: ['first-line'],
  candidateUsers: [],
  laneId: 'first-line',
  claimedAt: '2026-01-05T09:30:00.000Z',
  startedAt: '2026-01-05T09:30:00.000Z',
  at: '2026-01-05T09:30:00.000Z',
};

describe('heldAfter', () => {
  it('takes the holding snapshot of the task, instants as dates, the rest as read', () => {
    expect(heldAfter(ready, [pickedUp])).toEqual({
      ...ready,
      state: 'started',
      assignee: 'kim',
      claimedAt: new Date('2026-01-05T09:30:00.000Z'),
      startedAt: new Date('2026-01-05T09:30:00.000Z'),
    });
  });

  it('keeps the task as read when the command changed nothing', () => {
    expect(heldAfter(ready, [])).toBe(ready);
  });

  it('leaves the task to be read back when the command closed it or changed another row', () => {
    expect(heldAfter(ready, [pickedUp, { kind: 'taskClosed', id: 't1', outcome: 'canceled', at: '2026-01-05T09:31:00.000Z' }])).toBeUndefined();
    expect(heldAfter(ready, [{ ...pickedUp, taskId: 't2' }])).toBeUndefined();
  });
});
