import { describe, expect, it } from '@jest/globals';
import { payloadsOf, type CaseChange, type TaskChange, type TaskChangeBatch } from './task-change-channel.js';

describe('task change payloads', () => {
  it('cuts a commit touching many tasks into payloads PostgreSQL accepts (under 8000 bytes), losing none', () => {
    // given 300 changed tasks, each offered to a few groups
    const changes: TaskChange[] = Array.from({ length: 300 }, (_, n) => ({
      taskId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      instanceId: '00000000-0000-4000-8000-000000000000',
      kind: 'created',
      audience: { candidateGroups: ['first-line', 'second-line', 'experts'], candidateUsers: [], assignee: null },
    }));
    // when
    const sut = payloadsOf({ changes });
    // then every payload fits and together they carry every change, in order
    expect(sut.length).toBeGreaterThan(1);
    for (const payload of sut) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(sut.flatMap((payload) => (JSON.parse(payload) as { changes: TaskChange[] }).changes)).toEqual(changes);
  });

  it('sends a small commit in one payload', () => {
    const change: TaskChange = { taskId: 't', instanceId: 'i', kind: 'closed', state: 'completed' };
    expect(payloadsOf({ changes: [change] })).toEqual([JSON.stringify({ changes: [change] })]);
  });

  it('sends the cases a batch started or ended after its task changes, cut the same way', () => {
    // given a batch of one task change and 200 started cases
    const change: TaskChange = { taskId: 't', instanceId: 'i', kind: 'closed', state: 'completed' };
    const cases: CaseChange[] = Array.from({ length: 200 }, (_, n) => ({
      instanceId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      processVersionId: '00000000-0000-4000-8000-000000000001',
      change: 'started',
    }));
    // when
    const sut = payloadsOf({ changes: [change], cases }).map((payload) => JSON.parse(payload) as TaskChangeBatch);
    // then the task change comes first, every payload fits, and every case is there once, in order
    expect(sut[0]).toEqual({ changes: [change] });
    expect(sut.length).toBeGreaterThan(2);
    for (const payload of sut) expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(8000);
    expect(sut.flatMap((batch) => batch.cases ?? [])).toEqual(cases);
  });
});
