import { createHmac } from 'node:crypto';

/** How long a verified HTTP Basic credential is served from memory at most (changes to users drop it sooner). */
export const BASIC_CACHE_WINDOW_MS = 5 * 60_000;

/**
 * The PrincipalCache key of a Basic credential: an HMAC under a per-process secret (the password is
 * never kept, nor a hash one could test guesses against), with the current window's number, so an
 * entry stops matching once its window has passed.
 */
export const basicCacheKey = (secret: Buffer, username: string, password: string, nowMs: number): string => {
  const mac = createHmac('sha256', secret).update(username.toLowerCase()).update('\0').update(password).digest('base64url');
  return `basic ${mac} ${Math.floor(nowMs / BASIC_CACHE_WINDOW_MS)}`;
};
