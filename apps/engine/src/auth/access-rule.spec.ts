import { describe, expect, it } from '@jest/globals';
import { describeRoles, mayAccess } from './access-rule.js';
import type { Access, Principal } from './principal.js';

const caller = (...roles: Access[]): Principal => ({ kind: 'user', id: 'u1', name: 'u', displayName: null, roles, groups: [] });

describe('mayAccess', () => {
  it('lets a caller with one of the roles in, and an admin always', () => {
    const sut = { kind: 'roles', roles: ['designer', 'analyst'] } as const;
    expect(mayAccess(caller('analyst'), sut)).toBe(true);
    expect(mayAccess(caller('agent', 'designer'), sut)).toBe(true);
    expect(mayAccess(caller('admin'), sut)).toBe(true);
  });

  it('keeps out a caller without any of the roles, and one without roles', () => {
    const sut = { kind: 'roles', roles: ['worker'] } as const;
    expect(mayAccess(caller('agent', 'designer', 'analyst'), sut)).toBe(false);
    expect(mayAccess(caller(), sut)).toBe(false);
  });

  it('lets anyone authenticated in where being signed in is enough', () => {
    expect(mayAccess(caller(), { kind: 'signedIn' })).toBe(true);
  });
});

describe('describeRoles', () => {
  it('names the roles and admin once', () => {
    expect(describeRoles(['designer'])).toBe('designer or admin');
    expect(describeRoles(['admin'])).toBe('admin');
  });
});
