import type { Session } from '../api/auth-headers.js';

/**
 * Whether the signed-in user may call a role-restricted endpoint (`POST /api/deployments`), as the
 * engine's role table says (the session lists them): the pages show only the actions that work.
 */
export const mayCall = (session: Session, endpoint: string): boolean => session.user.endpoints.includes(endpoint);
