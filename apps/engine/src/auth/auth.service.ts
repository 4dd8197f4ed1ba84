import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { UserRepository } from '#persistence';
import { AUTH_ERRORS } from './auth-errors.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionService, type OpenedSession } from './session.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * A new session for the user. An unknown username, a wrong password and a disabled account get
   * the same answer, and each counts as a failure for the throttle: the right password for a
   * disabled account must not confirm a guess.
   */
  async login(username: string, password: string, address?: string): Promise<OpenedSession> {
    await this.throttle.check(username, address);
    const user = await this.users.findCredentials(username);
    if (user === null) await this.passwords.verifyDecoy(password);
    if (user === null || !(await this.passwords.verify(user.passwordHash, password)) || user.disabled) {
      await this.throttle.failed(username, address);
      throw loginFailed();
    }
    await this.throttle.succeeded(username);
    const { passwordHash: _hash, ...record } = user;
    return this.sessions.open(record);
  }
}

const loginFailed = () => new DomainError(AUTH_ERRORS.loginFailed, 'Unknown username or wrong password');
