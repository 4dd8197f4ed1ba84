import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { ApiKeyRepository, UserRepository, type ApiKeyRecord, type UserRecord } from '#persistence';
import { API_KEY_MARK, hashApiKey } from './api-key-secret.js';
import { AUTH_ERRORS } from './auth-errors.js';
import { basicCacheKey } from './basic-cache-key.js';
import { credentialsOf } from './credentials.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import type { Principal } from './principal.js';
import { PrincipalCache } from './principal-cache.js';
import { TokenService, type IssuedToken, type TokenClaims } from './token.service.js';

export const principalOfUser = (user: UserRecord): Principal => ({
  kind: 'user',
  id: user.id,
  name: user.username,
  displayName: user.displayName,
  roles: user.roles,
  groups: user.groups,
});

const principalOfApiKey = (key: ApiKeyRecord): Principal => ({ kind: 'apiKey', id: key.id, name: key.name, displayName: null, roles: ['worker'], groups: [] });

/**
 * Who a request comes from. The user behind a token is read with the state of the token's session in
 * one query, and kept in the PrincipalCache until anything about users, sessions or API keys changes
 * on any engine process, so a changed role, a new group, a disabled account, a raised token version
 * (new password, removed role), a log-out or a revoked key counts at once, not when the token expires.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly cache: PrincipalCache,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Per process: a cache key of a Basic credential tells nothing outside this process. */
  private readonly basicKeySecret = randomBytes(32);

  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    const credentials = credentialsOf(headers);
    switch (credentials.kind) {
      case 'none':
        throw new DomainError(AUTH_ERRORS.authenticationRequired, 'Sign in first: send "Authorization: Bearer <token>" (POST /api/auth/login) or an API key ("X-API-Key: <key>")');
      case 'token':
        return this.principalOfClaims(await this.tokens.verify(credentials.token));
      case 'apiKey':
        return this.apiKeyPrincipal(credentials.key);
      case 'basic':
        // Camunda 7 clients send a worker's key as the password, under any username.
        if (credentials.password.startsWith(API_KEY_MARK)) return this.apiKeyPrincipal(credentials.password);
        return this.basicPrincipal(credentials.username, credentials.password);
    }
  }

  /** A ticket for the task events of the signed-in user whose access token the request carries. */
  async eventTicket(headers: IncomingHttpHeaders): Promise<IssuedToken> {
    const credentials = credentialsOf(headers);
    // The role table lets only users ask; an API key is refused here too should that change.
    if (credentials.kind !== 'token') throw new DomainError(AUTH_ERRORS.accessDenied, 'Event tickets are for signed-in users: send "Authorization: Bearer <token>"');
    const claims = await this.tokens.verify(credentials.token);
    await this.principalOfClaims(claims);
    return this.tokens.issueTicket(claims);
  }

  /** Who an event ticket is for, while their session lasts. */
  async authenticateTicket(ticket: string | undefined): Promise<Principal> {
    return this.principalOfClaims(await this.tokens.verifyTicket(ticket ?? ''));
  }

  private principalOfClaims(claims: TokenClaims): Promise<Principal> {
    return this.cache.principal(`token ${claims.sub} ${claims.sid} ${claims.ver}`, async () => {
      const user = await this.users.findSignedIn(claims.sub, claims.sid);
      if (user === null || user.disabled) throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The account of this token is disabled or gone');
      if (user.tokenVersion !== claims.ver || !user.sessionOpen) {
        throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The session of this token has ended (signed out, or the password or roles changed): sign in again');
      }
      return principalOfUser(user);
    });
  }

  private apiKeyPrincipal(presented: string): Promise<Principal> {
    const keyHash = hashApiKey(presented);
    return this.cache.principal(`apiKey ${keyHash}`, async () => {
      const key = await this.apiKeys.findActiveByHash(keyHash);
      if (key === null) throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The API key is unknown or revoked');
      return principalOfApiKey(key);
    });
  }

  /**
   * A user's password on every request (HTTP Basic). An argon2 verify costs ~20 ms of CPU, so a
   * verified credential is kept in the PrincipalCache, which every change to users, sessions or
   * keys empties (a new password, a removed role or a disabled account counts at once), and
   * which forgets it after BASIC_CACHE_WINDOW_MS anyway. Failures are never cached and count for the
   * log-in throttle, so guessing passwords this way is as slow as at POST /api/auth/login.
   */
  private basicPrincipal(username: string, password: string): Promise<Principal> {
    return this.cache.principal(basicCacheKey(this.basicKeySecret, username, password, Date.now()), async () => {
      await this.throttle.check(username, undefined);
      const user = await this.users.findCredentials(username);
      if (user === null) await this.passwords.verifyDecoy(password);
      if (user === null || !(await this.passwords.verify(user.passwordHash, password)) || user.disabled) {
        await this.throttle.failed(username, undefined);
        throw new DomainError(AUTH_ERRORS.authenticationFailed, 'Unknown username or wrong password (HTTP Basic)');
      }
      return principalOfUser(user);
    });
  }
}
