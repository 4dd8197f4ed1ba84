import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { ApiKeyRepository, UserRepository, type ApiKeyRecord, type UserRecord } from '#persistence';
import { hashApiKey } from './api-key-secret.js';
import { AUTH_ERRORS } from './auth-errors.js';
import { credentialsOf } from './credentials.js';
import type { Principal } from './principal.js';
import { TokenService } from './token.service.js';

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
 * Who a request comes from. The user behind a token is read on every request, so a changed role,
 * a new group or a disabled account counts at once, not when the token expires.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    const credentials = credentialsOf(headers);
    switch (credentials.kind) {
      case 'none':
        throw new DomainError(AUTH_ERRORS.authenticationRequired, 'Sign in first: send "Authorization: Bearer <token>" (POST /api/auth/login) or an API key ("X-API-Key: <key>")');
      case 'token': {
        const claims = await this.tokens.verify(credentials.token);
        const user = await this.users.findById(claims.sub);
        if (user === null || user.disabled) throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The account of this token is disabled or gone');
        return principalOfUser(user);
      }
      case 'apiKey': {
        const key = await this.apiKeys.findActiveByHash(hashApiKey(credentials.key));
        if (key === null) throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The API key is unknown or revoked');
        return principalOfApiKey(key);
      }
    }
  }
}
