import { describe, expect, it } from '@jest/globals';
import { unitHash } from './unit-hash.js';

describe('unitHash', () => {
  it('maps into [0, 1), the same for the same seed and key', () => {
    const sut = Array.from({ length: 1000 }, (_, i) => unitHash(5, `customer-${i}`));
    expect(sut.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(unitHash(5, 'customer-1')).toBe(sut[1]);
    expect(unitHash(6, 'customer-1')).not.toBe(sut[1]);
  });

  it('spreads keys that differ in one character over every tenth of the range', () => {
    // given keys that differ only in their last digits / when hashed / then each decile holds 8-12 %
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) deciles[Math.floor(unitHash(1, `case-${i}`) * 10)]++;
    expect(deciles.every((count) => count > 800 && count < 1200)).toBe(true);
  });
});
