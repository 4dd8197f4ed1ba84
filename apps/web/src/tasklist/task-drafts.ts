/**
 * What an agent typed into a task's form and has not completed yet, kept in this browser
 * (localStorage) per user and task, so a reload, a claim or a crash loses nothing. A draft goes when
 * the task is completed or escalated, and any draft untouched for DRAFT_DAYS is dropped.
 */
const PREFIX = 'tandem.task-draft.';
const DRAFT_DAYS = 14;
const DAY_MS = 24 * 60 * 60_000;

export interface TaskDraft {
  data: Record<string, unknown>;
  savedAt: string;
}

const keyOf = (user: string, taskId: string): string => `${PREFIX}${user}.${taskId}`;

export class TaskDrafts {
  constructor(
    private readonly user: string,
    private readonly storage: Storage = localStorage,
  ) {}

  read(taskId: string): TaskDraft | undefined {
    try {
      const draft = JSON.parse(this.storage.getItem(keyOf(this.user, taskId)) ?? 'null') as TaskDraft | null;
      return draft !== null && typeof draft.data === 'object' && typeof draft.savedAt === 'string' ? draft : undefined;
    } catch {
      return undefined;
    }
  }

  write(taskId: string, data: Record<string, unknown>, now: Date): void {
    try {
      this.storage.setItem(keyOf(this.user, taskId), JSON.stringify({ data, savedAt: now.toISOString() } satisfies TaskDraft));
    } catch {
      // A full or disabled storage: the form still works, it just is not kept.
    }
  }

  remove(taskId: string): void {
    this.storage.removeItem(keyOf(this.user, taskId));
  }

  /** Drops drafts nobody has touched for DRAFT_DAYS (tasks completed elsewhere, or long gone). */
  prune(now: Date): void {
    for (let index = this.storage.length - 1; index >= 0; index -= 1) {
      const key = this.storage.key(index);
      if (key === null || !key.startsWith(PREFIX)) continue;
      try {
        const { savedAt } = JSON.parse(this.storage.getItem(key) ?? '{}') as Partial<TaskDraft>;
        if (typeof savedAt !== 'string' || now.getTime() - Date.parse(savedAt) > DRAFT_DAYS * DAY_MS) this.storage.removeItem(key);
      } catch {
        this.storage.removeItem(key);
      }
    }
  }
}
