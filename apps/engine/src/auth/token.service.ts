import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '#core';
import { AUTH_ERRORS } from './auth-errors.js';

/** What a log-in token says: whose it is. Roles and groups are read afresh on every request. */
export interface TokenClaims {
  sub: string;
  username: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Log-in tokens: JWTs signed with HS256 (the secret and lifetime are set up in auth.module.ts). */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(user: { id: string; username: string }): IssuedToken {
    const token = this.jwt.sign({ sub: user.id, username: user.username } satisfies TokenClaims);
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<TokenClaims> {
    let claims: Partial<TokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token);
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw new DomainError(AUTH_ERRORS.authenticationFailed, expired ? 'The token has expired: sign in again' : 'The token is not valid');
    }
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || typeof claims.username !== 'string') {
      throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The token is not valid');
    }
    return { sub: claims.sub, username: claims.username };
  }
}
