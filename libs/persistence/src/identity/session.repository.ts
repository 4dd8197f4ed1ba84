import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';
import { IdentityChanges } from './identity-changes.js';

export interface NewSession {
  id: string;
  userId: string;
  /** The user's token version now: the session ends when it goes up. */
  tokenVersion: number;
  refreshHash: string;
  at: Date;
  /** The absolute end, however often the session is refreshed. */
  expiresAt: Date;
}

export interface SessionRotation {
  id: string;
  /** The hash of the refresh token presented. */
  presentedHash: string;
  /** The hash of the refresh token that replaces it. */
  nextHash: string;
  at: Date;
  /** A session not refreshed since this moment has ended (idle). */
  idleSince: Date;
}

/**
 * The outcome of a refresh: rotated (the user id, to issue a token for), reused (an older refresh
 * token of a live session was presented: it may have been stolen, so the session is now revoked),
 * or ended (no such session, or it is revoked, expired, idle, or its user was disabled or changed).
 */
export type Rotation = { outcome: 'rotated'; userId: string; tokenVersion: number; expiresAt: Date } | { outcome: 'reused' } | { outcome: 'ended' };

export type RevokeReason = 'logout' | 'reuse';

/** Log-in sessions: one per log-in, holding the hash of its current refresh token. */
@Injectable()
export class SessionRepository {
  private readonly sql: Sql;

  constructor(
    dataSource: DataSource,
    private readonly changes: IdentityChanges,
  ) {
    this.sql = new Sql(dataSource);
  }

  /** Stores the session, and drops the user's sessions that can no longer be used, so they do not pile up. */
  async create(session: NewSession, idleSince: Date): Promise<void> {
    await this.sql.rows(`DELETE FROM auth_session WHERE user_id = $1 AND (revoked_at IS NOT NULL OR expires_at <= $2 OR refreshed_at <= $3 OR token_version <> $4)`, [
      session.userId,
      session.at,
      idleSince,
      session.tokenVersion,
    ]);
    await this.sql.rows(`INSERT INTO auth_session (id, user_id, token_version, refresh_hash, created_at, refreshed_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)`, [
      session.id,
      session.userId,
      session.tokenVersion,
      session.refreshHash,
      session.at,
      session.expiresAt,
    ]);
    this.changes.changed();
  }

  /**
   * Replaces the refresh token when the presented one is the current one of a live session of an
   * enabled user whose token version has not moved. Two refreshes with one token at once: the row
   * lock makes the second see the new hash, so it counts as reuse.
   */
  async rotate({ id, presentedHash, nextHash, at, idleSince }: SessionRotation): Promise<Rotation> {
    const rotated = await this.sql.rows<{ userId: string; tokenVersion: number; expiresAt: Date }>(
      `UPDATE auth_session s SET refresh_hash = $3, refreshed_at = $4
       FROM identity_user u
       WHERE s.id = $1 AND s.refresh_hash = $2 AND s.revoked_at IS NULL AND s.expires_at > $4 AND s.refreshed_at > $5
         AND u.id = s.user_id AND NOT u.disabled AND u.token_version = s.token_version
       RETURNING s.user_id AS "userId", s.token_version AS "tokenVersion", s.expires_at AS "expiresAt"`,
      [id, presentedHash, nextHash, at, idleSince],
    );
    if (rotated.length > 0) return { outcome: 'rotated', ...rotated[0] };
    const reused = await this.sql.rows(
      `UPDATE auth_session SET revoked_at = $3, revoked_reason = 'reuse' WHERE id = $1 AND refresh_hash <> $2 AND revoked_at IS NULL RETURNING id`,
      [id, presentedHash, at],
    );
    if (reused.length === 0) return { outcome: 'ended' };
    this.changes.changed();
    return { outcome: 'reused' };
  }

  /** Ends the session (a no-op when it is unknown or already ended). */
  async revoke(id: string, at: Date, reason: RevokeReason): Promise<void> {
    await this.sql.rows(`UPDATE auth_session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`, [id, at, reason]);
    this.changes.changed();
  }
}
