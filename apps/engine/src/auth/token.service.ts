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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Access tokens: JWTs signed with HS256 (the secret and lifetime are set up in auth.module.ts). */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(user: { id: string; username: string; tokenVersion: number }, sessionId: string): IssuedToken {
    const token = this.jwt.sign({ sub: user.id, username: user.username, ver: user.tokenVersion, sid: sessionId } satisfies TokenClaims);
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<TokenClaims> {
    let claims: Partial<TokenClaims> & { exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims> & { exp?: unknown }>(token);
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw new DomainError(AUTH_ERRORS.authenticationFailed, expired ? 'The token has expired: sign in again' : 'The token is not valid');
    }
    if (!isWellFormed(claims)) throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The token is not valid');
    return { sub: claims.sub, username: claims.username, ver: claims.ver, sid: claims.sid };
  }
}

/** Every claim there and of its type; jsonwebtoken checks exp only when it is there, so a token without one would never expire. */
const isWellFormed = (claims: Partial<TokenClaims> & { exp?: unknown }): claims is TokenClaims & { exp: number } =>
  typeof claims.exp === 'number' &&
  typeof claims.sub === 'string' &&
  UUID.test(claims.sub) &&
  typeof claims.username === 'string' &&
  Number.isSafeInteger(claims.ver) &&
  typeof claims.sid === 'string' &&
  UUID.test(claims.sid);
