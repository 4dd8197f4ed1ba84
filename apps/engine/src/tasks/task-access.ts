import { DomainError } from '#core';
import { isCandidate, type TaskCandidate, type TaskRecord } from '#persistence';
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

/** A supervisor or an admin may hand any task they see to someone else. */
export const isSupervisor = (principal: Principal): boolean => isAdmin(principal) || principal.groups.includes(SUPERVISOR_GROUP);
