import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '#core';
import { AUTH_ERRORS } from './auth-errors.js';

/**
 * What an access token says: whose it is, the user's token version when it was issued, and its
 * session. Roles and groups are read afresh on every request; the version and the session decide
 * whether the token still counts.
 */
export interface TokenClaims {
  sub: string;
  username: string;
  ver: number;
  sid: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** What marks an event ticket (below): an access token has no `use`. */
const TICKET_USE = 'task-events';

/** How long an event ticket can be presented: long enough to open the stream it was asked for. */
export const EVENT_TICKET_TTL_SECONDS = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tokens whose signature was checked, at most this many (the oldest checked goes first). */
export const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Access tokens: JWTs signed with HS256 (the secret and lifetime are set up in auth.module.ts).
 *
 * A client sends the same token with every request until it expires, and checking it (decoding,
 * HMAC, claims) was a tenth of the engine's CPU on an authenticated read (issue 19). A token string
 * whose signature and claims were checked is remembered with its expiry, so a repeated one costs a
 * map lookup; its expiry is still checked on every request. Only checked tokens are kept: a forged
 * one never enters. Whether a token still counts (logout, a new token version) is decided after
 * this, on every request, by the session and the principal cache.
 */
@Injectable()
export class TokenService {
  /** Checked token -> its claims and exp (seconds since the epoch, as in the token). */
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();

  constructor(private readonly jwt: JwtService) {}

  issue(user: { id: string; username: string; tokenVersion: number }, sessionId: string): IssuedToken {
    const token = this.jwt.sign({ sub: user.id, username: user.username, ver: user.tokenVersion, sid: sessionId } satisfies TokenClaims);
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known !== undefined) {
      // As jsonwebtoken decides it: expired once the clock's whole seconds reach exp.
      if (Math.floor(Date.now() / 1000) < known.exp) return known.claims;
      this.verified.delete(token);
      throw expired();
    }
    const { sub, username, ver, sid, exp } = await this.check(token);
    const claims = { sub, username, ver, sid };
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, exp });
    return claims;
  }

  private async check(token: string): Promise<TokenClaims & { exp: number }> {
    let claims: Partial<TokenClaims> & { exp?: unknown; use?: unknown };
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims> & { exp?: unknown; use?: unknown }>(token);
    } catch (error) {
      if (error instanceof Error && error.name === 'TokenExpiredError') throw expired();
      throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The token is not valid');
    }
    // An event ticket travels in a URL (EventSource sends no headers): it must never pass as an access token.
    if (!isWellFormed(claims) || claims.use !== undefined) throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The token is not valid');
    return claims;
  }

  /**
   * A ticket for one EventSource connection (GET /api/tasks/events?ticket=...): the access token's
   * claims for a minute, marked so that neither can stand in for the other.
   */
  issueTicket(claims: TokenClaims): IssuedToken {
    const token = this.jwt.sign({ sub: claims.sub, username: claims.username, ver: claims.ver, sid: claims.sid, use: TICKET_USE }, { expiresIn: EVENT_TICKET_TTL_SECONDS });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verifyTicket(ticket: string): Promise<TokenClaims> {
    const invalid = new DomainError(AUTH_ERRORS.eventTicketInvalid, 'The event ticket is missing, expired or not valid: ask for a new one (POST /api/tasks/events/tickets)');
    let claims: Partial<TokenClaims> & { exp?: unknown; use?: unknown };
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims> & { exp?: unknown; use?: unknown }>(ticket);
    } catch {
      throw invalid;
    }
    if (!isWellFormed(claims) || claims.use !== TICKET_USE) throw invalid;
    return { sub: claims.sub, username: claims.username, ver: claims.ver, sid: claims.sid };
  }
}

const expired = () => new DomainError(AUTH_ERRORS.authenticationFailed, 'The token has expired: sign in again');

/** Every claim there and of its type; jsonwebtoken checks exp only when it is there, so a token without one would never expire. */
const isWellFormed = (claims: Partial<TokenClaims> & { exp?: unknown; use?: unknown }): claims is TokenClaims & { exp: number; use?: unknown } =>
  typeof claims.exp === 'number' &&
  typeof claims.sub === 'string' &&
  UUID.test(claims.sub) &&
  typeof claims.username === 'string' &&
  Number.isSafeInteger(claims.ver) &&
  typeof claims.sid === 'string' &&
  UUID.test(claims.sid);
