/** Who is signed in and the installation's settings, as the engine answers them; its views implement these. */

/** Who the caller is, as the engine sees them. */
export interface PrincipalView {
  kind: 'user' | 'apiKey';
  /** the user id, or the API key id */
  id: string;
  /** the username, or the API key name: what tasks and step events record as actor */
  name: string;
  displayName: string | null;
  /** designer, agent, analyst, admin; worker for an API key */
  roles: string[];
  /** group ids, e.g. first-line */
  groups: string[];
  /** the role-restricted endpoints this caller may call (`POST /api/deployments`, ...), from the engine's role table */
  endpoints: string[];
}

/** The answer to a log-in or a refresh: the token to send as `Authorization: Bearer <token>` until it expires. */
export interface SessionView {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  user: PrincipalView;
}

/** GET /api/settings (public): what the web app needs to know about this installation before it writes a figure. */
export interface Settings {
  /** ISO 4217 code of every money figure (TANDEM_CURRENCY). */
  currency: string;
}
