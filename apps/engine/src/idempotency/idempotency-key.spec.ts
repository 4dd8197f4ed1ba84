import { describe, expect, it } from '@jest/globals';
import { isDomainError } from '#core';
import { parseIdempotencyKey, requestHash } from './idempotency-key.js';

describe('parseIdempotencyKey', () => {
  it('takes a UUID as it is, and a quoted key without its quotes', () => {
    // given a key and the same key quoted as the IETF draft writes it
    const key = '8e03978e-40d5-43e8-bc93-6894a57f9324';
    // when both are parsed
    // then both are the key
    expect([parseIdempotencyKey(key), parseIdempotencyKey(`"${key}"`)]).toEqual([key, key]);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'a'.repeat(256)],
    ['a tab', 'a\tb'],
    ['a non-ASCII letter', 'ü'],
  ])('refuses a key with %s as IDEMPOTENCY_KEY_INVALID naming the header', (_case, header) => {
    // when it is parsed
    let thrown: unknown;
    try {
      parseIdempotencyKey(header);
    } catch (error) {
      thrown = error;
    }
    // then it is refused
    expect(isDomainError(thrown) && [thrown.code, thrown.details]).toEqual(['IDEMPOTENCY_KEY_INVALID', { header: 'Idempotency-Key' }]);
  });
});

describe('requestHash', () => {
  it('is the same for the same body in another key order, and differs for another body', () => {
    // given two bodies that differ only in key order, and a third that differs in a value
    const a = { businessKey: 'C-1', variables: { amount: 1, tier: 'gold' } };
    const b = { variables: { tier: 'gold', amount: 1 }, businessKey: 'C-1' };
    const c = { businessKey: 'C-1', variables: { amount: 2, tier: 'gold' } };
    // when hashed
    // then
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash(a)).not.toBe(requestHash(c));
    expect(requestHash(undefined)).not.toBe(requestHash({}));
  });
});
