/**
 * Writes the README's "Who may do what" table from the role table (apps/engine/src/auth/role-table.ts):
 *
 *   npm run docs:roles
 *
 * apps/engine/src/auth/role-table-markdown.spec.ts fails while the README differs from it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withRoleTable } from '../apps/engine/src/auth/role-table-markdown.js';

const readme = 'README.md';
const before = readFileSync(readme, 'utf8');
const after = withRoleTable(before);
writeFileSync(readme, after);
console.log(after === before ? `${readme}: the role table was already current` : `${readme}: role table written`);
