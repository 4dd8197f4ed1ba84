import { describe, expect, it } from '@jest/globals';
import { caseDigest, dataHash, type DigestedCase } from './data-hash.js';

const cases: DigestedCase[] = [
  { instanceId: 'a', armId: 'as-is', startedAt: 1, endedAt: 5, values: { leadTime: 4, fcr: 1 }, stages: { diagnosis: { waitingMs: 1, processingMs: 3 } } },
  { instanceId: 'b', armId: 'to-be', startedAt: 2, endedAt: null, values: {}, stages: {} },
];

describe('dataHash', () => {
  it('is 64-bit FNV-1a of the canonical JSON (reference values of the BigInt implementation it replaced)', () => {
    expect(dataHash('')).toBe('07cc7607b4949e25');
    expect(dataHash({ b: [2, 1], a: 'ÿ€漢' })).toBe('db80c9aecabc88d8');
  });
});

describe('caseDigest', () => {
  it('is the same for the same cases and differs when one value does', () => {
    // given the cases and a copy with one value changed / when digested
    const changed = [{ ...cases[0], values: { leadTime: 4, fcr: 0 } }, cases[1]];
    // then the same digest for the same data, another for the change, and key order does not matter
    expect(caseDigest(cases, 2)).toBe(caseDigest(structuredClone(cases), 2));
    expect(caseDigest(changed, 2)).not.toBe(caseDigest(cases, 2));
    expect(caseDigest(cases, 3)).not.toBe(caseDigest(cases, 2));
    expect(caseDigest([{ ...cases[0], values: { fcr: 1, leadTime: 4 } }, cases[1]], 2)).toBe(caseDigest(cases, 2));
  });
});
