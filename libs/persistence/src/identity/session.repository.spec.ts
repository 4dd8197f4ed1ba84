import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { SessionRepository, type NewSession } from './session.repository.js';
import { UserRepository } from './user.repository.js';
import { IdentityChanges } from './identity-changes.js';

const AT = new Date('2026-01-05T09:00:00.000Z');
const HOUR_MS = 3_600_000;
const later = (hours: number) => new Date(AT.getTime() + hours * HOUR_MS);

describe('SessionRepository', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let sut: SessionRepository;
  let users: UserRepository;

  beforeAll(async () => {
    database = await openTestDataSource();
    sut = new SessionRepository(database.dataSource, new IdentityChanges(database.dataSource));
    users = new UserRepository(database.dataSource, new IdentityChanges(database.dataSource));
  });

  afterAll(async () => {
    await database?.close();
  });

  const newUser = async () => {
    const id = randomUUID();
    await users.create({ id, username: `user-${id}`, displayName: null, passwordHash: 'hash', roles: ['agent'], groups: [], at: AT });
    return id;
  };

  const open = async (userId: string, changes: Partial<NewSession> = {}) => {
    const session = { id: randomUUID(), userId, tokenVersion: 1, refreshHash: 'hash-1', at: AT, expiresAt: later(24 * 7), ...changes };
    await sut.create(session, later(-12));
    return session;
  };

  const insert = async (userId: string, row: { tokenVersion?: number; refreshedAt?: Date; expiresAt?: Date; revokedAt?: Date }) => {
    const id = randomUUID();
    await database.dataSource.query(
      `INSERT INTO auth_session (id, user_id, token_version, refresh_hash, created_at, refreshed_at, expires_at, revoked_at) VALUES ($1, $2, $3, 'hash-1', $4, $5, $6, $7)`,
      [id, userId, row.tokenVersion ?? 1, AT, row.refreshedAt ?? AT, row.expiresAt ?? later(100), row.revokedAt ?? null],
    );
    return { id };
  };

  const sessionIds = async (userId: string): Promise<string[]> =>
    ((await database.dataSource.query('SELECT id FROM auth_session WHERE user_id = $1 ORDER BY created_at, id', [userId])) as Array<{ id: string }>).map(({ id }) => id);

  it('rotates the current refresh token, takes an old one for reuse and revokes, and then answers ended', async () => {
    // given a session
    const userId = await newUser();
    const { id } = await open(userId);
    // when its token is rotated, the old one presented again, and the newest one after that
    const rotated = await sut.rotate({ id, presentedHash: 'hash-1', nextHash: 'hash-2', at: later(1), idleSince: later(-11) });
    const reused = await sut.rotate({ id, presentedHash: 'hash-1', nextHash: 'hash-3', at: later(2), idleSince: later(-10) });
    const after = await sut.rotate({ id, presentedHash: 'hash-2', nextHash: 'hash-4', at: later(3), idleSince: later(-9) });
    // then the first rotates, the replay is reuse, and the session is over for the legitimate token too
    expect(rotated).toEqual({ outcome: 'rotated', userId, tokenVersion: 1, expiresAt: later(24 * 7) });
    expect(reused).toEqual({ outcome: 'reused' });
    expect(after).toEqual({ outcome: 'ended' });
    expect(await database.dataSource.query('SELECT revoked_reason FROM auth_session WHERE id = $1', [id])).toEqual([{ revoked_reason: 'reuse' }]);
  });

  it('answers ended for an idle, an expired, a logged-out session and one whose user changed, without revoking anything as reuse', async () => {
    // given four sessions of one user, each unusable in its own way (written as rows: opening each through the repository would drop the others)
    const userId = await newUser();
    const idle = await insert(userId, {});
    const expired = await insert(userId, { expiresAt: later(1), refreshedAt: later(1.5) });
    const loggedOut = await insert(userId, { refreshedAt: later(1.5) });
    await sut.revoke(loggedOut.id, later(1.5), 'logout');
    const outdated = await insert(userId, { tokenVersion: 0, refreshedAt: later(1.5) });
    // when each is refreshed with its current token two hours later, idle meaning not refreshed in the last hour
    const outcomes = await Promise.all(
      [idle, expired, loggedOut, outdated].map(({ id }) => sut.rotate({ id, presentedHash: 'hash-1', nextHash: 'hash-2', at: later(2), idleSince: later(1) })),
    );
    // then none rotates
    expect(outcomes).toEqual([{ outcome: 'ended' }, { outcome: 'ended' }, { outcome: 'ended' }, { outcome: 'ended' }]);
    const rows = (await database.dataSource.query('SELECT id, revoked_reason AS reason FROM auth_session WHERE user_id = $1', [userId])) as Array<{
      id: string;
      reason: string | null;
    }>;
    expect(Object.fromEntries(rows.map(({ id, reason }) => [id, reason]))).toEqual({ [idle.id]: null, [expired.id]: null, [loggedOut.id]: 'logout', [outdated.id]: null });
  });

  it("drops the user's dead sessions when a new one is opened, and keeps the live ones and other users' sessions", async () => {
    // given a user with a live, a revoked, an expired, an idle and an outdated session, and another user's revoked session
    // (written as rows: opening each through the repository would already drop the ones before it)
    const userId = await newUser();
    const otherUser = await newUser();
    const live = await insert(userId, { refreshedAt: later(10) });
    await insert(userId, { revokedAt: later(1) });
    await insert(userId, { expiresAt: later(5), refreshedAt: later(10) });
    await insert(userId, { refreshedAt: later(5) });
    await insert(userId, { tokenVersion: 0, refreshedAt: later(10) });
    const others = await insert(otherUser, { revokedAt: later(1) });
    // when the user signs in again at hour 12, idle meaning not refreshed since hour 6
    const next = { id: randomUUID(), userId, tokenVersion: 1, refreshHash: 'hash-new', at: later(12), expiresAt: later(200) };
    await sut.create(next, later(6));
    // then only the live session and the new one are left, and the other user's rows are untouched
    expect(await sessionIds(userId)).toEqual([live.id, next.id]);
    expect(await sessionIds(otherUser)).toEqual([others.id]);
  });
});
