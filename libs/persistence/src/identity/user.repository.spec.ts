import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { GroupRepository } from './group.repository.js';
import type { UserRole } from './roles.js';
import { UserRepository, type UserWrite } from './user.repository.js';
import { IdentityChanges } from './identity-changes.js';

const AT = new Date('2026-01-05T09:00:00.000Z');

describe('UserRepository', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let sut: UserRepository;

  beforeAll(async () => {
    database = await openTestDataSource();
    sut = new UserRepository(database.dataSource, new IdentityChanges(database.dataSource));
    const groups = new GroupRepository(database.dataSource, new IdentityChanges(database.dataSource));
    await groups.create({ id: 'first-line', name: 'First line', tier: 1, at: AT });
    await groups.create({ id: 'experts', name: 'Experts', tier: 3, at: AT });
  });

  afterAll(async () => {
    await database?.close();
  });

  const create = (username: string, roles: UserRole[] = ['agent'], groups: string[] = []) =>
    sut.create({ id: randomUUID(), username, displayName: null, passwordHash: 'hash', roles, groups, at: AT });

  const userOf = (write: UserWrite) => {
    if (write.outcome !== 'done') throw new Error(`expected done, got ${write.outcome}`);
    return write.user;
  };

  it('stores a user with sorted groups, found by id and by username in any case', async () => {
    // when a user is created in two groups
    const user = userOf(await create('Ana', ['agent'], ['first-line', 'experts']));
    // then both lookups find her, the credentials with the hash and the first token version
    expect(user).toEqual(expect.objectContaining({ username: 'Ana', roles: ['agent'], groups: ['experts', 'first-line'], disabled: false }));
    expect(await sut.findById(user.id)).toEqual(user);
    expect(await sut.findCredentials('ANA')).toEqual({ ...user, passwordHash: 'hash', tokenVersion: 1 });
  });

  it('creates one of many users with the same name created at once', async () => {
    // when ten engines create the same username at the same moment
    const writes = await Promise.all(Array.from({ length: 10 }, (_, index) => create(index % 2 === 0 ? 'ben' : 'BEN')));
    // then one is created, nine are told it is taken
    expect(writes.filter(({ outcome }) => outcome === 'done')).toHaveLength(1);
    expect(writes.filter(({ outcome }) => outcome === 'usernameTaken')).toHaveLength(9);
  });

  it('writes nothing when a group is unknown, on create and on update', async () => {
    // when a user is created in an unknown group, and an existing one is moved into one
    const refused = await create('cleo', ['agent'], ['first-line', 'nowhere']);
    const dan = userOf(await create('dan', ['agent'], ['first-line']));
    const moved = await sut.update(dan.id, { groups: ['experts', 'nowhere'], roles: ['analyst'], at: AT });
    // then both name the group, cleo does not exist and dan is unchanged
    expect(refused).toEqual({ outcome: 'groupsUnknown', groups: ['nowhere'] });
    expect(moved).toEqual({ outcome: 'groupsUnknown', groups: ['nowhere'] });
    expect(await sut.findCredentials('cleo')).toBeNull();
    expect(await sut.findById(dan.id)).toEqual(dan);
  });

  it('keeps one enabled admin when two admins demote each other at once', async () => {
    // given exactly two admins (the others of this database demoted)
    const eve = userOf(await create('eve', ['admin']));
    const finn = userOf(await create('finn', ['admin']));
    // when each is demoted at the same moment
    const writes = await Promise.all([eve, finn].map((admin) => sut.update(admin.id, { roles: ['agent'], at: AT })));
    // then one demotion passes, the other is refused, and one admin remains
    expect(writes.map(({ outcome }) => outcome).sort()).toEqual(['done', 'lastAdmin']);
    const remaining = await Promise.all([eve, finn].map(async ({ id }) => (await sut.findById(id))!.roles));
    expect(remaining.filter((roles) => roles.includes('admin'))).toHaveLength(1);
  });

  it('lists by username, by group, with the total', async () => {
    // when the first line is listed one at a time
    const page = await sut.list({ group: 'first-line', limit: 1, offset: 0 });
    const past = await sut.list({ group: 'first-line', limit: 1, offset: 50 });
    // then the page has the first member by name, and both count every member
    expect(page.items.map(({ username }) => username)).toEqual(['Ana']);
    expect(page.total).toBe(2);
    expect(past).toEqual({ items: [], total: 2 });
  });

  it('raises the token version on a new password, a disable and a removed role, and on nothing else', async () => {
    // given a user
    const { id, username } = userOf(await create('tove', ['agent', 'analyst']));
    const versionAfter = async (changes: Omit<Parameters<UserRepository['update']>[1], 'at'>) => {
      userOf(await sut.update(id, { ...changes, at: AT }));
      return (await sut.findCredentials(username))!.tokenVersion;
    };
    // when she is changed in each way, one after the other
    const versions = [
      await versionAfter({ displayName: 'Tove', groups: ['experts'] }),
      await versionAfter({ roles: ['agent', 'analyst', 'designer'] }),
      await versionAfter({ passwordHash: 'new-hash' }),
      await versionAfter({ disabled: true }),
      await versionAfter({ disabled: false }),
      await versionAfter({ roles: ['agent', 'designer'] }),
      await versionAfter({ roles: ['designer', 'agent'] }),
    ];
    // then only the password, the disable and the removed role count
    expect(versions).toEqual([1, 1, 2, 3, 3, 4, 4]);
  });
});
