import type { Effect } from '#engine';
import type { TaskRecord } from '#persistence';

/**
 * The task's row as the commit left it, known without reading it back (a round trip saved on the
 * hot path) when the command's only effects are snapshots of who holds this task: claim, start,
 * pause, hand-offs. Undefined when it did anything else (closed, breached or moved the task, or
 * touched the case), and the row is read back.
 */
export const heldAfter = (task: TaskRecord, effects: readonly Effect[]): TaskRecord | undefined => {
  let held = task;
  for (const effect of effects) {
    if (effect.kind !== 'taskUpdated' || effect.taskId !== task.id) return undefined;
    const { state, assignee, owner, candidateGroups, candidateUsers, laneId, claimedAt, startedAt } = effect;
    held = { ...held, state, assignee, owner, candidateGroups, candidateUsers, laneId, claimedAt: instantOf(claimedAt), startedAt: instantOf(startedAt) };
  }
  return held;
};

const instantOf = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
