import { DomainError } from '#core';
import { AUTH_ERRORS } from '../auth/auth-errors.js';
import { isAdmin, type Principal } from '../auth/principal.js';

/**
 * A case started before an element skips the steps ahead of it (an approval, a check): moving a
 * case in is an operator's act, as migrating one is, so only admins may; starting at the start
 * event stays open to agents and workers.
 */
export const refuseStartBeforeUnlessAdmin = (principal: Principal, startBefore: string | undefined): void => {
  if (startBefore === undefined || isAdmin(principal)) return;
  throw new DomainError(
    AUTH_ERRORS.accessDenied,
    `startBefore (starting a case at '${startBefore}', skipping the steps before it) needs the role admin; ${principal.name} has ${principal.roles.join(', ') || 'no role'}`,
    { field: 'startBefore' },
  );
};
