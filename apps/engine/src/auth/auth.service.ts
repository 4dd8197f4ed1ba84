import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { UserRepository } from '#persistence';
import { AUTH_ERRORS } from './auth-errors.js';
import { principalOfUser } from './authenticator.service.js';
import { PrincipalView } from './dto/principal.view.js';
import type { SessionView } from './dto/session.view.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** A token for the user; an unknown username and a wrong password get the same answer. */
  async login(username: string, password: string, address?: string): Promise<SessionView> {
    await this.throttle.check(username, address);
    const user = await this.users.findCredentials(username);
    if (user === null) await this.passwords.verifyDecoy(password);
    if (user === null || !(await this.passwords.verify(user.passwordHash, password))) {
      await this.throttle.failed(username, address);
      throw loginFailed();
    }
    await this.throttle.succeeded(username);
    if (user.disabled) throw new DomainError(AUTH_ERRORS.accountDisabled, `The account ${user.username} is disabled: ask an admin`);
    const { passwordHash: _hash, ...record } = user;
    const { token, expiresAt } = this.tokens.issue(record);
    return { token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), user: PrincipalView.of(principalOfUser(record)) };
  }
}

const loginFailed = () => new DomainError(AUTH_ERRORS.loginFailed, 'Unknown username or wrong password');
