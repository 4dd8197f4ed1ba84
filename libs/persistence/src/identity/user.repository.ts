import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page } from '../instances/instance.repository.js';
import { Sql } from '../sql.js';
import { IdentityChanges } from './identity-changes.js';
import type { UserRole } from './roles.js';

export interface UserRecord {
  id: string;
  /** Unique whatever its case; the name tasks and step events record as actor. */
  username: string;
  displayName: string | null;
  roles: UserRole[];
  /** Group ids, sorted. */
  groups: string[];
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A user as log-in needs it: with the password hash, which nothing else reads. */
export interface UserCredentials extends UserRecord {
  passwordHash: string;
  tokenVersion: number;
}

/** The user behind an access token, with what decides whether the token still counts. */
export interface SignedInUser extends UserRecord {
  /** Goes up on a password change, a disable and a removed role: tokens with an older one are refused. */
  tokenVersion: number;
  /** Whether the token's session is still open (not logged out, not revoked as reused). */
  sessionOpen: boolean;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string | null;
  passwordHash: string;
  roles: UserRole[];
  groups: string[];
  at: Date;
}

/** What an update changes; absent fields stay as they are, `groups` replaces the memberships. */
export interface UserChanges {
  displayName?: string | null;
  passwordHash?: string;
  roles?: UserRole[];
  groups?: string[];
  disabled?: boolean;
  at: Date;
}

export interface UserFilter {
  /** Only members of this group. */
  group?: string;
  limit: number;
  offset: number;
}

/** The outcome of a write: the user as stored, or why nothing was written. */
export type UserWrite =
  | { outcome: 'done'; user: UserRecord }
  | { outcome: 'notFound' }
  | { outcome: 'usernameTaken' }
  | { outcome: 'groupsUnknown'; groups: string[] }
  /** The change would leave no enabled admin: nobody could manage users any more. */
  | { outcome: 'lastAdmin' };

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.roles, u.disabled,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt",
  ARRAY(SELECT m.group_id FROM identity_membership m WHERE m.user_id = u.id ORDER BY m.group_id) AS groups`;

/** Thrown inside a transaction to roll it back with an outcome instead of an error. */
class Refused {
  constructor(readonly write: UserWrite) {}
}

@Injectable()
export class UserRepository {
  private readonly sql: Sql;

  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: IdentityChanges,
  ) {
    this.sql = new Sql(dataSource);
  }

  async findById(id: string): Promise<UserRecord | null> {
    const rows = await this.sql.rows<UserRecord>(`SELECT ${USER_COLUMNS} FROM identity_user u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The user of that name, whatever its case (who a task may be assigned to). */
  async findByUsername(username: string): Promise<UserRecord | null> {
    const rows = await this.sql.rows<UserRecord>(`SELECT ${USER_COLUMNS} FROM identity_user u WHERE lower(u.username) = lower($1)`, [username]);
    return rows[0] ?? null;
  }

  async findCredentials(username: string): Promise<UserCredentials | null> {
    const rows = await this.sql.rows<UserCredentials>(
      `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash", u.token_version AS "tokenVersion" FROM identity_user u WHERE lower(u.username) = lower($1)`,
      [username],
    );
    return rows[0] ?? null;
  }

  /** The user and the state of their session in one query: it runs on every request with a token. */
  async findSignedIn(id: string, sessionId: string): Promise<SignedInUser | null> {
    const rows = await this.sql.rows<SignedInUser>(
      `SELECT ${USER_COLUMNS}, u.token_version AS "tokenVersion",
         EXISTS (SELECT 1 FROM auth_session s WHERE s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL) AS "sessionOpen"
       FROM identity_user u WHERE u.id = $1`,
      [id, sessionId],
    );
    return rows[0] ?? null;
  }

  /** By username, with the number of all matching users. */
  async list({ group, limit, offset }: UserFilter): Promise<Page<UserRecord>> {
    const rows = await this.sql.rows<UserRecord & { total: string }>(
      `SELECT ${USER_COLUMNS}, count(*) OVER () AS total FROM identity_user u
       WHERE $1::text IS NULL OR EXISTS (SELECT 1 FROM identity_membership m WHERE m.user_id = u.id AND m.group_id = $1)
       ORDER BY lower(u.username) LIMIT $2 OFFSET $3`,
      [group ?? null, limit, offset],
    );
    if (rows.length === 0 && offset > 0) return { items: [], total: (await this.list({ group, limit: 1, offset: 0 })).total };
    return { items: rows.map(({ total: _total, ...user }) => user), total: rows.length > 0 ? Number(rows[0].total) : 0 };
  }

  /** The user and their memberships, or nothing when the username is taken or a group is unknown. */
  async create(user: NewUser): Promise<UserWrite> {
    return this.write(async (manager) => {
      await this.requireGroups(manager, user.groups);
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO identity_user (id, username, display_name, password_hash, roles, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT ((lower(username))) DO NOTHING RETURNING id`,
        [user.id, user.username, user.displayName, user.passwordHash, user.roles, user.at],
      );
      if (inserted.length === 0) throw new Refused({ outcome: 'usernameTaken' });
      await this.replaceGroups(manager, user.id, user.groups);
      return user.id;
    });
  }

  async update(id: string, changes: UserChanges): Promise<UserWrite> {
    return this.write(async (manager) => {
      const touchesAdmins = changes.roles !== undefined || changes.disabled !== undefined;
      // Every enabled admin row locked in one order, so two demotions at once cannot both pass the check below.
      if (touchesAdmins) await manager.query(`SELECT id FROM identity_user WHERE 'admin' = ANY (roles) AND NOT disabled ORDER BY id FOR UPDATE`);
      if (changes.groups !== undefined) await this.requireGroups(manager, changes.groups);
      const updated: Array<{ id: string }> = await manager.query(
        `WITH updated AS (
           UPDATE identity_user SET
             display_name = CASE WHEN $2 THEN $3 ELSE display_name END,
             password_hash = coalesce($4, password_hash),
             roles = coalesce($5, roles),
             disabled = coalesce($6, disabled),
             -- A new password, a disable or a removed role ends every session and token issued before.
             token_version = token_version + CASE WHEN $4::text IS NOT NULL OR ($6::boolean AND NOT disabled) OR NOT (roles <@ coalesce($5, roles)) THEN 1 ELSE 0 END,
             updated_at = $7
           WHERE id = $1 RETURNING id
         ) SELECT id FROM updated`,
        [id, changes.displayName !== undefined, changes.displayName ?? null, changes.passwordHash ?? null, changes.roles ?? null, changes.disabled ?? null, changes.at],
      );
      if (updated.length === 0) throw new Refused({ outcome: 'notFound' });
      if (changes.groups !== undefined) await this.replaceGroups(manager, id, changes.groups);
      if (touchesAdmins) {
        const [{ admins }] = await manager.query(`SELECT count(*)::int AS admins FROM identity_user WHERE 'admin' = ANY (roles) AND NOT disabled`);
        if (admins === 0) throw new Refused({ outcome: 'lastAdmin' });
      }
      return id;
    });
  }

  /** Runs a write in one transaction and answers the user as it then is; a refusal rolls it back. */
  private async write(work: (manager: EntityManager) => Promise<string>): Promise<UserWrite> {
    try {
      const id = await this.dataSource.transaction(work);
      this.changes.changed();
      return { outcome: 'done', user: (await this.findById(id))! };
    } catch (error) {
      if (error instanceof Refused) return error.write;
      throw error;
    }
  }

  /** The groups must exist; they are locked until the commit, so none can be deleted meanwhile. */
  private async requireGroups(manager: EntityManager, groups: string[]): Promise<void> {
    if (groups.length === 0) return;
    const found: Array<{ id: string }> = await manager.query(`SELECT id FROM identity_group WHERE id = ANY ($1::text[]) FOR KEY SHARE`, [groups]);
    const known = new Set(found.map(({ id }) => id));
    const unknown = [...new Set(groups)].filter((group) => !known.has(group));
    if (unknown.length > 0) throw new Refused({ outcome: 'groupsUnknown', groups: unknown });
  }

  private async replaceGroups(manager: EntityManager, userId: string, groups: string[]): Promise<void> {
    await manager.query(`DELETE FROM identity_membership WHERE user_id = $1 AND group_id <> ALL ($2::text[])`, [userId, groups]);
    await manager.query(`INSERT INTO identity_membership (user_id, group_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [userId, groups]);
  }
}
