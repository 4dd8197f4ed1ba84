import { describe, expect, it } from '@jest/globals';
import { BASIC_CACHE_WINDOW_MS, basicCacheKey } from './basic-cache-key.js';

describe('basicCacheKey', () => {
  const secret = Buffer.alloc(32, 7);

  it('is the same for the same credential within a window, and not after it', () => {
    // given a credential verified at the start of a window
    const sut = basicCacheKey(secret, 'ana', 'pw', 0);
    // then it matches within the window (usernames in any case, as log-in matches them), not in the next one
    expect(basicCacheKey(secret, 'Ana', 'pw', BASIC_CACHE_WINDOW_MS - 1)).toBe(sut);
    expect(basicCacheKey(secret, 'ana', 'pw', BASIC_CACHE_WINDOW_MS)).not.toBe(sut);
  });

  it('differs for another password, another user and another secret', () => {
    const sut = basicCacheKey(secret, 'ana', 'pw', 0);
    expect(basicCacheKey(secret, 'ana', 'pw2', 0)).not.toBe(sut);
    expect(basicCacheKey(Buffer.alloc(32, 8), 'ana', 'pw', 0)).not.toBe(sut);
    expect(basicCacheKey(secret, 'ben', 'pw', 0)).not.toBe(sut);
  });
});
