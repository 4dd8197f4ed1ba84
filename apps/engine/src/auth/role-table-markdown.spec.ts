import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ROLE_TABLE_END, ROLE_TABLE_START, roleTableMarkdown, withRoleTable } from './role-table-markdown.js';
import { ROLE_TABLE } from './role-table.js';

describe('the README role table', () => {
  it('is the one written from the role table (run `npm run docs:roles` after changing it)', () => {
    // given the README as committed
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    // then writing the table anew changes nothing
    expect(withRoleTable(readme)).toBe(readme);
  });

  it('has one row per endpoint, admins allowed everywhere, and a role allowed only where the table says', () => {
    // when
    const rows = roleTableMarkdown().split('\n').slice(2);
    // then
    expect(rows).toHaveLength(Object.keys(ROLE_TABLE).length);
    expect(rows).toContain('| `POST /api/experiments/{id}/migrate-running` | yes |  |  |  | yes | ' + ROLE_TABLE['POST /api/experiments/{id}/migrate-running'].note + ' |');
    expect(rows).toContain('| `GET /api/health` | yes | yes | yes | yes | yes | anyone, without credentials |');
  });

  it('refuses a README without the markers rather than appending a table somewhere', () => {
    expect(() => withRoleTable(`# Tandem\n${ROLE_TABLE_START}\n`)).toThrow(ROLE_TABLE_END);
  });
});
