import type { UserRole } from '#persistence';

/** What a caller may be granted: a user's roles, or `worker` for an API key. */
export type Access = UserRole | 'worker';

/** Who makes a request: a signed-in user or an external worker's API key. */
export interface Principal {
  kind: 'user' | 'apiKey';
  id: string;
  /** The name recorded as actor: the username, or the API key's name. */
  name: string;
  /** How the web app greets a user. */
  displayName: string | null;
  roles: readonly Access[];
  /** The groups a user belongs to (none for an API key). */
  groups: readonly string[];
}

export const isAdmin = (principal: Principal): boolean => principal.roles.includes('admin');
