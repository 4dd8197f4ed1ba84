import { API_PREFIX } from './app-setup.js';
import { DEMO_PASSWORD, DEMO_USERS } from './users/demo-identity.js';

export interface StartupFacts {
  port: number;
  /** The embedded database's folder and port, or the external one's URL (its password is never printed). */
  database: { embedded: { dataDir: string; port: number } } | { externalUrl: string };
  demoUsers: boolean;
  /** TANDEM_ADMIN_USERNAME, when set. */
  adminUsername?: string;
  startedInMs: number;
}

const where = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
};

const signInLine = ({ demoUsers, adminUsername }: StartupFacts): string => {
  if (demoUsers) {
    const byRole = (role: string) => DEMO_USERS.filter((user) => user.roles.includes(role as never)).map((user) => user.username);
    return `${byRole('designer').join(', ')} (designer), ${byRole('agent').join(', ')} (agents), ${byRole('analyst').join(', ')} (analyst), ${byRole('admin').join(', ')}; password "${DEMO_PASSWORD}"`;
  }
  return adminUsername === undefined ? 'no demo users (set TANDEM_ADMIN_USERNAME and TANDEM_ADMIN_PASSWORD for a first admin)' : `${adminUsername} (admin, TANDEM_ADMIN_USERNAME)`;
};

/** The block the start-up log ends with: where to go, who to be, where the data is, how to stop. */
export const startupSummary = (facts: StartupFacts): string => {
  const base = `http://localhost:${facts.port}`;
  const data =
    'embedded' in facts.database
      ? `${facts.database.embedded.dataDir} (embedded PostgreSQL on port ${facts.database.embedded.port}; kept between starts)`
      : `PostgreSQL at ${where(facts.database.externalUrl)} (DATABASE_URL)`;
  return [
    `Tandem is ready (started in ${(facts.startedInMs / 1000).toFixed(1)} s)`,
    `  Web app   ${base}/   (modeler; tasklist ${base}/#/tasklist; insights ${base}/#/insights)`,
    `  API       ${base}/${API_PREFIX}   (OpenAPI ${base}/${API_PREFIX}/docs)`,
    `  Sign in   ${signInLine(facts)}`,
    `  Data      ${data}`,
    '  Stop      Ctrl-C (or SIGTERM): the engine and its database stop cleanly',
  ].join('\n');
};
