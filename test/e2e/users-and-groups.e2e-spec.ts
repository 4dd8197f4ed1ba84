import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';

interface UserBody {
  id: string;
  username: string;
  displayName: string | null;
  roles: string[];
  groups: string[];
  disabled: boolean;
}

/** Admins manage users, their roles and groups over HTTP. */
describe('users and groups', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    for (const [id, name, tier] of [
      ['tier-1', 'First line', 1],
      ['tier-2', 'Second line', 2],
      ['night-shift', 'Night shift', undefined],
    ] as const) {
      await http().post('/api/groups').send({ id, name, tier }).expect(201);
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const login = (username: string, password: string) => request(sut.anonymousServer).post('/api/auth/login').send({ username, password });
  const userCount = async () => Number((await http().get('/api/users').expect(200)).headers['x-total-count']);

  describe('users', () => {
    it('creates a user with roles and groups, who may then sign in; the password never comes back', async () => {
      // when an admin creates an agent of the first line
      const created = await http()
        .post('/api/users')
        .send({ username: 'mia', password: 'mias-password', displayName: 'Mia', roles: ['agent'], groups: ['tier-1'] });
      // then the user is there as given
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        username: 'mia',
        displayName: 'Mia',
        roles: ['agent'],
        groups: ['tier-1'],
        disabled: false,
        createdAt: sut.clock.now().toISOString(),
        updatedAt: sut.clock.now().toISOString(),
      });
      expect(JSON.stringify((await http().get(`/api/users/${created.body.id}`).expect(200)).body)).not.toContain('mias-password');
      // and signs in
      expect((await login('mia', 'mias-password')).body.user.groups).toEqual(['tier-1']);
    });

    it('answers 409 for a username taken in any case, and stores nothing', async () => {
      // given noah exists
      await http()
        .post('/api/users')
        .send({ username: 'noah', password: 'noahs-password', roles: ['analyst'] })
        .expect(201);
      const before = await userCount();
      // when someone else is created as Noah
      const duplicate = await http()
        .post('/api/users')
        .send({ username: 'Noah', password: 'other-password', roles: ['admin'] });
      // then it is refused, naming the field
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toEqual(expect.objectContaining({ code: 'USERNAME_TAKEN', details: { field: 'username', username: 'Noah' } }));
      expect(await userCount()).toBe(before);
      expect((await login('noah', 'other-password')).status).toBe(401);
    });

    it.each([
      ['a username with a space', { username: 'ana lima', password: 'long-enough', roles: [] }, 'username'],
      ['a short password', { username: 'short', password: 'seven77', roles: [] }, 'password'],
      ['an unknown role', { username: 'rolf', password: 'long-enough', roles: ['superuser'] }, 'roles'],
      ['no roles at all', { username: 'rolf', password: 'long-enough' }, 'roles'],
      ['a group id with a comma', { username: 'rolf', password: 'long-enough', roles: [], groups: ['a,b'] }, 'groups'],
      ['an unknown field', { username: 'rolf', password: 'long-enough', roles: [], tier: 1 }, 'tier'],
    ])('answers 400 naming the field for %s', async (_case, body, field) => {
      // when the user is created, then the answer names the field and nothing is stored
      const before = await userCount();
      const response = await http().post('/api/users').send(body);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(field);
      expect(await userCount()).toBe(before);
    });

    it('answers 400 naming the groups that do not exist, and stores nothing', async () => {
      // when a user is put into a group nobody created
      const before = await userCount();
      const response = await http()
        .post('/api/users')
        .send({ username: 'olli', password: 'long-enough', roles: ['agent'], groups: ['tier-1', 'tier-9'] });
      // then it is refused, and olli does not exist
      expect(response.status).toBe(400);
      expect(response.body).toEqual(expect.objectContaining({ code: 'GROUP_UNKNOWN', details: { field: 'groups', groups: ['tier-9'] } }));
      expect(await userCount()).toBe(before);
    });

    it('changes roles, groups, name and password; the username stays', async () => {
      // given pia, an agent of the first line
      const pia = (
        await http()
          .post('/api/users')
          .send({ username: 'pia', password: 'pias-password', roles: ['agent'], groups: ['tier-1'] })
          .expect(201)
      ).body as UserBody;
      // when she moves to the second line and the night shift, becomes an analyst too, and gets a new password
      sut.clock.advance(60_000);
      const changed = await http()
        .patch(`/api/users/${pia.id}`)
        .send({ roles: ['agent', 'analyst'], groups: ['tier-2', 'night-shift'], displayName: 'Pia', password: 'pias-new-password' });
      // then she is as changed, signs in with the new password only
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual(
        expect.objectContaining({ username: 'pia', displayName: 'Pia', roles: ['agent', 'analyst'], groups: ['night-shift', 'tier-2'], updatedAt: sut.clock.now().toISOString() }),
      );
      expect((await login('pia', 'pias-password')).status).toBe(401);
      expect((await login('pia', 'pias-new-password')).status).toBe(200);
      // and a username in the body is refused, a display name null clears the name
      expect((await http().patch(`/api/users/${pia.id}`).send({ username: 'pia2' })).status).toBe(400);
      expect((await http().patch(`/api/users/${pia.id}`).send({ displayName: null }).expect(200)).body.displayName).toBeNull();
    });

    it('refuses to leave no enabled admin, and changes nothing then', async () => {
      // given the test admin is the only admin
      const admins = ((await http().get('/api/users').query({ limit: 500 }).expect(200)).body as UserBody[]).filter((user) => user.roles.includes('admin'));
      expect(admins.map(({ username }) => username)).toEqual([TEST_ADMIN.username]);
      // when the admin demotes, then disables themselves
      const demoted = await http()
        .patch(`/api/users/${admins[0].id}`)
        .send({ roles: ['analyst'], groups: ['tier-1'] });
      const disabled = await http().patch(`/api/users/${admins[0].id}`).send({ disabled: true });
      // then both are refused and the admin is as before
      expect([demoted.status, demoted.body.code, disabled.status, disabled.body.code]).toEqual([409, 'LAST_ADMIN', 409, 'LAST_ADMIN']);
      expect((await http().get(`/api/users/${admins[0].id}`).expect(200)).body).toEqual(expect.objectContaining({ roles: ['admin'], groups: [], disabled: false }));
    });

    it('lists users by username, filtered by group, with the total in a header', async () => {
      // when the first line's members are listed two at a time
      await http()
        .post('/api/users')
        .send({ username: 'quinn', password: 'long-enough', roles: ['agent'], groups: ['tier-1'] })
        .expect(201);
      const page = await http().get('/api/users').query({ group: 'tier-1', limit: 2 });
      // then the page is sorted and the header counts every member
      expect(page.status).toBe(200);
      const all = ((await http().get('/api/users').query({ group: 'tier-1' })).body as UserBody[]).map(({ username }) => username);
      expect(all).toEqual([...all].sort());
      expect(all).toEqual(expect.arrayContaining(['mia', 'quinn']));
      expect((page.body as UserBody[]).map(({ username }) => username)).toEqual(all.slice(0, 2));
      expect(page.headers['x-total-count']).toBe(String(all.length));
    });

    it('answers 404 for a user that does not exist', async () => {
      const response = await http().patch('/api/users/00000000-0000-4000-8000-000000000000').send({ disabled: true });
      expect([response.status, response.body.code]).toEqual([404, 'USER_NOT_FOUND']);
    });
  });

  describe('groups', () => {
    it('lists the tiers in order, then the teams, each with its members', async () => {
      // given rosa in the second line
      await http()
        .post('/api/users')
        .send({ username: 'rosa', password: 'long-enough', roles: ['agent'], groups: ['tier-2'] })
        .expect(201);
      // when the groups are listed
      const groups = (await http().get('/api/groups').expect(200)).body as Array<{ id: string; tier: number | null; members: string[] }>;
      // then the tiers come first, in order
      expect(groups.map(({ id, tier }) => ({ id, tier }))).toEqual([
        { id: 'tier-1', tier: 1 },
        { id: 'tier-2', tier: 2 },
        { id: 'night-shift', tier: null },
      ]);
      expect((await http().get('/api/groups/tier-2').expect(200)).body.members).toContain('rosa');
    });

    it('answers 409 for a taken id, 400 naming a bad field, 404 for an unknown group', async () => {
      const taken = await http().post('/api/groups').send({ id: 'tier-1', name: 'Again' });
      const badId = await http().post('/api/groups').send({ id: 'first line', name: 'Spaces' });
      const badTier = await http().post('/api/groups').send({ id: 'tier-10', name: 'Too deep', tier: 10 });
      const unknown = await http().patch('/api/groups/nope').send({ name: 'x' });
      expect([taken.status, taken.body.code]).toEqual([409, 'GROUP_ID_TAKEN']);
      expect([badId.status, badTier.status]).toEqual([400, 400]);
      expect(badId.body.message).toContain('id');
      expect(badTier.body.message).toContain('tier');
      expect([unknown.status, unknown.body.code]).toEqual([404, 'GROUP_NOT_FOUND']);
    });

    it('renames a group and takes it out of the tiers; deleting it removes its memberships', async () => {
      // given sam on the night shift
      const sam = (
        await http()
          .post('/api/users')
          .send({ username: 'sam', password: 'long-enough', roles: ['agent'], groups: ['night-shift', 'tier-1'] })
          .expect(201)
      ).body as UserBody;
      await http().post('/api/groups').send({ id: 'weekend', name: 'Weekend', tier: 4 }).expect(201);
      // when the weekend group loses its tier, and the night shift is deleted
      const renamed = await http().patch('/api/groups/weekend').send({ name: 'Weekend crew', tier: null });
      await http().delete('/api/groups/night-shift').expect(204);
      // then
      expect(renamed.body).toEqual(expect.objectContaining({ id: 'weekend', name: 'Weekend crew', tier: null }));
      expect((await http().get(`/api/users/${sam.id}`).expect(200)).body.groups).toEqual(['tier-1']);
      expect((await http().get('/api/groups/night-shift')).status).toBe(404);
      expect((await http().delete('/api/groups/night-shift')).status).toBe(404);
    });
  });
});
