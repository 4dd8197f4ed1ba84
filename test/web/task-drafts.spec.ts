import { describe, expect, it } from '@jest/globals';
import { TaskDrafts } from '../../apps/web/src/tasklist/task-drafts.js';

/** localStorage's interface over a Map. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const NOW = new Date('2026-12-07T10:00:00Z');

describe('task drafts', () => {
  it('keeps a draft per user and task until it is removed', () => {
    // given ana's draft of a task
    const storage = new MemoryStorage();
    const ana = new TaskDrafts('ana', storage);
    ana.write('t1', { answer: 'half typed' }, NOW);
    // then ana reads it back, ben does not, nor does another task
    expect(ana.read('t1')).toEqual({ data: { answer: 'half typed' }, savedAt: NOW.toISOString() });
    expect(new TaskDrafts('ben', storage).read('t1')).toBeUndefined();
    expect(ana.read('t2')).toBeUndefined();
    // and when the task is completed the draft is gone
    ana.remove('t1');
    expect(ana.read('t1')).toBeUndefined();
  });

  it('drops drafts untouched for two weeks, and unreadable ones, keeping the rest', () => {
    // given an old draft, a fresh one, something that is not JSON, and another app's key
    const storage = new MemoryStorage();
    const sut = new TaskDrafts('ana', storage);
    sut.write('old', { a: 1 }, new Date('2026-11-20T10:00:00Z'));
    sut.write('fresh', { a: 2 }, new Date('2026-12-06T10:00:00Z'));
    storage.setItem('tandem.task-draft.ana.broken', '{nope');
    storage.setItem('something-else', 'kept');
    // when
    sut.prune(NOW);
    // then
    expect(sut.read('old')).toBeUndefined();
    expect(sut.read('fresh')?.data).toEqual({ a: 2 });
    expect(storage.getItem('tandem.task-draft.ana.broken')).toBeNull();
    expect(storage.getItem('something-else')).toBe('kept');
  });
});
