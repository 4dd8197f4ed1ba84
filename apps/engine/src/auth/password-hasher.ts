import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are kept as argon2id hashes (the library's defaults: 19 MiB, 2 passes, 1 lane, the
 * OWASP minimum), each with its own salt and its parameters in the PHC string, so stronger settings
 * later still verify old hashes.
 */
@Injectable()
export class PasswordHasher {
  private decoy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** False for a wrong password, and for a stored hash that does not parse. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of a verify on a hash nothing matches: log-in for an unknown username then
   * takes as long as a wrong password, so timing does not tell which usernames exist.
   */
  async verifyDecoy(password: string): Promise<void> {
    this.decoy ??= hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.decoy, password);
  }
}
