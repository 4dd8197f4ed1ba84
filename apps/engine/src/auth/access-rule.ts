import type { Access, Principal } from './principal.js';

/** Who may call an endpoint, as its decorator declares it (access.decorators.ts). */
export type AccessRule = { kind: 'public' } | { kind: 'signedIn' } | { kind: 'roles'; roles: readonly Access[] };

/** Admins may call every endpoint that is not public; others need one of the roles named. */
export const mayAccess = (principal: Principal, rule: AccessRule): boolean => {
  switch (rule.kind) {
    case 'public':
    case 'signedIn':
      return true;
    case 'roles':
      return principal.roles.includes('admin') || rule.roles.some((role) => principal.roles.includes(role));
  }
};

/** The roles that may call a `roles` endpoint, as an error message reads them. */
export const describeRoles = (roles: readonly Access[]): string => [...new Set([...roles, 'admin'])].join(' or ');
