import { createHash, randomBytes } from 'node:crypto';

/** What an API key starts with, so a leaked key is recognizable as Tandem's (e.g. by secret scanners). */
export const API_KEY_MARK = 'tdk_';

/** A new key: 256 random bits. Shown once; only its hash is stored. */
export const newApiKey = (): { key: string; prefix: string } => {
  const key = `${API_KEY_MARK}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_MARK.length + 6) };
};

/**
 * SHA-256, not argon2: a key is random and long, so nothing can be guessed from a fast hash, and
 * workers present it on every request.
 */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');
