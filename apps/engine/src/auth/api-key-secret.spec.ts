import { describe, expect, it } from '@jest/globals';
import { hashApiKey, newApiKey } from './api-key-secret.js';

describe('newApiKey', () => {
  it('makes marked keys of 256 random bits, never the same twice, with their prefix', () => {
    const keys = Array.from({ length: 50 }, () => newApiKey());
    for (const { key, prefix } of keys) {
      expect(key).toMatch(/^tdk_[A-Za-z0-9_-]{43}$/);
      expect(key.startsWith(prefix)).toBe(true);
    }
    expect(new Set(keys.map(({ key }) => key)).size).toBe(50);
  });
});

describe('hashApiKey', () => {
  it('hashes the same key alike and other keys otherwise, without containing the key', () => {
    const { key } = newApiKey();
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(`${key}x`));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
  });
});
