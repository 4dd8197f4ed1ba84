import { DomainError } from '#core';
import { isCandidate, type TaskCandidate, type TaskRecord, type TaskRepository } from '#persistence';
import { AUTH_ERRORS } from '../auth/auth-errors.js';
import { isAdmin, type Principal } from '../auth/principal.js';

/** The group whose members may assign any task they see (README "Who may do what"). */
export const SUPERVISOR_GROUP = 'supervisors';

/** Whose tasks the caller may see and work: none of an admin's business is out of reach, an agent's are their candidate tasks. */
export const candidateOf = (principal: Principal): TaskCandidate | undefined => (isAdmin(principal) ? undefined : { username: principal.name, groups: principal.groups });

/** Refuses a task that is neither assigned nor offered to the caller (by name or by one of their groups). */
export const requireCandidate = (task: TaskRecord, principal: Principal): void => {
  const candidate = candidateOf(principal);
  if (candidate === undefined || isCandidate(task, candidate)) return;
  throw new DomainError(AUTH_ERRORS.taskNotCandidate, `Task ${task.id} is not offered to ${principal.name} nor to a group of theirs`, { id: task.id });
};

/**
 * Refuses an agent a case they have no open work in: reading a case (its variables, history,
 * comments, tasks) is part of working one of its tasks, so it ends when their task ends unless
 * another open task of the case is assigned or offered to them. Admins read every case.
 */
export const requireOpenWorkInCase = async (instanceId: string, principal: Principal, tasks: TaskRepository): Promise<void> => {
  const candidate = candidateOf(principal);
  if (candidate === undefined) return;
  const open = await tasks.list({ instanceId, status: 'open', candidate, limit: 1, offset: 0, total: false });
  if (open.items.length > 0) return;
  throw new DomainError(
    AUTH_ERRORS.caseAccessEnded,
    `${principal.name} has no open task in case ${instanceId}, so its tasks, variables, history and comments are no longer theirs to read`,
    {
      instanceId,
    },
  );
};

/** Refuses a task the caller may not read: not theirs (TASK_NOT_CANDIDATE), or ended with no open work of theirs left in its case (CASE_ACCESS_ENDED). */
export const requireTaskReadable = async (task: TaskRecord, principal: Principal, tasks: TaskRepository): Promise<void> => {
  requireCandidate(task, principal);
  if (task.status !== 'open') await requireOpenWorkInCase(task.instanceId, principal, tasks);
};

/** A supervisor or an admin may hand any task they see to someone else. */
export const isSupervisor = (principal: Principal): boolean => isAdmin(principal) || principal.groups.includes(SUPERVISOR_GROUP);
