import { describe, expect, it } from '@jest/globals';
import { PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const sut = new PasswordHasher();

  it('hashes with argon2id and a salt of its own each time, and verifies only the right password', async () => {
    // when one password is hashed twice
    const [first, second] = await Promise.all([sut.hash('correct horse'), sut.hash('correct horse')]);
    // then the hashes are argon2id, differ, and verify the password and nothing else
    expect(first).toMatch(/^\$argon2id\$/);
    expect(first).not.toBe(second);
    expect(await sut.verify(first, 'correct horse')).toBe(true);
    expect(await sut.verify(second, 'correct horse')).toBe(true);
    expect(await sut.verify(first, 'Correct horse')).toBe(false);
  });

  it('answers false for a stored hash that does not parse', async () => {
    expect(await sut.verify('not-a-hash', 'anything')).toBe(false);
  });

  it('spends a verify on the decoy without failing', async () => {
    await expect(sut.verifyDecoy('anything')).resolves.toBeUndefined();
  });
});
