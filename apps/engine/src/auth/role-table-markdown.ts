import type { Access } from './principal.js';
import { ROLE_TABLE, type Endpoint, type Grant } from './role-table.js';

/** The markers the README's generated table sits between. */
export const ROLE_TABLE_START = '<!-- role-table:start: written by `npm run docs:roles` from apps/engine/src/auth/role-table.ts; do not edit by hand -->';
export const ROLE_TABLE_END = '<!-- role-table:end -->';

const COLUMNS: ReadonlyArray<{ access: Access; heading: string }> = [
  { access: 'designer', heading: 'designer' },
  { access: 'agent', heading: 'agent' },
  { access: 'analyst', heading: 'analyst' },
  { access: 'worker', heading: 'worker (API key)' },
  { access: 'admin', heading: 'admin' },
];

const cell = ({ rule }: Grant, access: Access): string => (rule.kind !== 'roles' || access === 'admin' || rule.roles.includes(access) ? 'yes' : '');

const limits = ({ rule, note }: Grant): string => {
  const who = rule.kind === 'public' ? 'anyone, without credentials' : rule.kind === 'signedIn' ? 'anyone signed in, or an API key' : undefined;
  return [who, note].filter((part) => part !== undefined).join('; ');
};

/** The role table as a Markdown table: one row per endpoint, one column per role. */
export const roleTableMarkdown = (): string => {
  const header = `| endpoint | ${COLUMNS.map(({ heading }) => heading).join(' | ')} | limits, and why |`;
  const rule = `| --- | ${COLUMNS.map(() => ':---:').join(' | ')} | --- |`;
  const rows = (Object.entries(ROLE_TABLE) as Array<[Endpoint, Grant]>).map(
    ([endpoint, grant]) => `| \`${endpoint}\` | ${COLUMNS.map(({ access }) => cell(grant, access)).join(' | ')} | ${limits(grant).replaceAll('|', '\\|')} |`,
  );
  return [header, rule, ...rows].join('\n');
};

/** The README with the table between its markers written anew; a README without both markers is refused. */
export const withRoleTable = (readme: string): string => {
  const start = readme.indexOf(ROLE_TABLE_START);
  const end = readme.indexOf(ROLE_TABLE_END);
  if (start < 0 || end < start) throw new Error(`The README has no role table between "${ROLE_TABLE_START}" and "${ROLE_TABLE_END}"`);
  return `${readme.slice(0, start + ROLE_TABLE_START.length)}\n\n${roleTableMarkdown()}\n\n${readme.slice(end)}`;
};
