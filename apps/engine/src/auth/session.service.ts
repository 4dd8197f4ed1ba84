import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock, IdGenerator } from '#engine';
import { SessionRepository, UserRepository, type UserRecord } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { hashApiKey } from './api-key-secret.js';
import { AUTH_ERRORS } from './auth-errors.js';
import { principalOfUser } from './authenticator.service.js';
import { credentialsOf } from './credentials.js';
import { PrincipalView } from './dto/principal.view.js';
import type { SessionView } from './dto/session.view.js';
import { newRefreshToken, sessionIdOf } from './refresh-token.js';
import { TokenService } from './token.service.js';

const MINUTE_MS = 60_000;

/** A session's access token for the body, and its refresh token for the cookie. */
export interface OpenedSession {
  view: SessionView;
  refresh: { token: string; expiresAt: Date };
}

// Refresh tokens are hashed as API keys are (SHA-256): random and long, so a fast hash gives nothing away.
const hashOf = hashApiKey;

/**
 * Log-in sessions: a short-lived access token, renewed with a refresh token that is replaced on
 * every use. An old refresh token presented again means two parties hold the session (one stole
 * it), so the session is ended for both.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async open(user: UserRecord & { tokenVersion: number }): Promise<OpenedSession> {
    const now = this.clock.now();
    const id = this.ids.next();
    const refreshToken = newRefreshToken(id);
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionMaxMinutes * MINUTE_MS);
    await this.sessions.create({ id, userId: user.id, tokenVersion: user.tokenVersion, refreshHash: hashOf(refreshToken), at: now, expiresAt }, this.idleSince(now));
    return { view: this.viewOf(user, user.tokenVersion, id), refresh: { token: refreshToken, expiresAt } };
  }

  /** A new access token and a new refresh token for the session the presented refresh token names. */
  async refresh(refreshToken: string | undefined): Promise<OpenedSession> {
    if (refreshToken === undefined || refreshToken === '') {
      throw new DomainError(AUTH_ERRORS.refreshCookieMissing, 'No session cookie: sign in first (POST /api/auth/login)');
    }
    const id = sessionIdOf(refreshToken);
    if (id === null) throw sessionEnded();
    const now = this.clock.now();
    const nextToken = newRefreshToken(id);
    const rotation = await this.sessions.rotate({ id, presentedHash: hashOf(refreshToken), nextHash: hashOf(nextToken), at: now, idleSince: this.idleSince(now) });
    if (rotation.outcome === 'reused') {
      throw new DomainError(AUTH_ERRORS.authenticationFailed, 'This session cookie was used before, so someone else may hold it: the session is ended, sign in again');
    }
    const user = rotation.outcome === 'rotated' ? await this.users.findById(rotation.userId) : null;
    if (rotation.outcome !== 'rotated' || user === null) throw sessionEnded();
    return { view: this.viewOf(user, rotation.tokenVersion, id), refresh: { token: nextToken, expiresAt: rotation.expiresAt } };
  }

  /**
   * Ends the session named by the refresh token and the one of the access token, whichever come;
   * anything else (nothing, an expired or foreign token) ends nothing and is no error, so signing
   * out always works.
   */
  async end(refreshToken: string | undefined, headers: IncomingHttpHeaders): Promise<void> {
    const ids = new Set<string>();
    const fromCookie = refreshToken === undefined ? null : sessionIdOf(refreshToken);
    if (fromCookie !== null) ids.add(fromCookie);
    const token = bearerTokenOf(headers);
    const claims = token === undefined ? null : await this.tokens.verify(token).catch(() => null);
    if (claims !== null) ids.add(claims.sid);
    const now = this.clock.now();
    for (const id of ids) await this.sessions.revoke(id, now, 'logout');
  }

  private viewOf(user: UserRecord, tokenVersion: number, sessionId: string): SessionView {
    const { token, expiresAt } = this.tokens.issue({ ...user, tokenVersion }, sessionId);
    return { token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user: PrincipalView.of(principalOfUser(user)) };
  }

  private idleSince = (now: Date) => new Date(now.getTime() - this.config.auth.sessionIdleMinutes * MINUTE_MS);
}

/** The bearer token of the request, if it has one; a malformed Authorization header counts as none here. */
const bearerTokenOf = (headers: IncomingHttpHeaders): string | undefined => {
  try {
    const credentials = credentialsOf(headers);
    return credentials.kind === 'token' ? credentials.token : undefined;
  } catch {
    return undefined;
  }
};

const sessionEnded = () => new DomainError(AUTH_ERRORS.authenticationFailed, 'The session has ended (signed out, expired, or the account changed): sign in again');
