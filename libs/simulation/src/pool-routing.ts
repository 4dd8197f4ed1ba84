import type { PoolSpec } from './parameters.js';

/**
 * The pool that works a task: the first whose groups (by default its own id) include one of the
 * groups the task is offered to, else the first that works the lane it is queued in.
 */
export function poolOf<P extends { spec: PoolSpec }>(pools: readonly P[], candidateGroups: readonly string[], laneId: string | null | undefined): P | undefined {
  const byGroup = pools.find(({ spec }) => {
    const groups = spec.groups ?? (spec.lanes === undefined ? [spec.id] : []);
    return candidateGroups.some((group) => groups.includes(group));
  });
  if (byGroup !== undefined || laneId === undefined || laneId === null) return byGroup;
  return pools.find(({ spec }) => spec.lanes?.includes(laneId));
}
