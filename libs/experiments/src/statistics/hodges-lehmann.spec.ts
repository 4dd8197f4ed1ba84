import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { hodgesLehmann, kthPairwiseDifference } from './hodges-lehmann.js';

interface Case {
  name: string;
  alpha: number;
  baseline: number[];
  candidate: number[];
  expected: { shift: number; interval: [number, number] | null };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/mann-whitney.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('hodgesLehmann', () => {
  it.each(fixture.cases)('matches the numpy reference for $name', (c) => {
    // given two samples / when the shift is estimated
    const sut = hodgesLehmann(c.baseline, c.candidate, c.alpha);
    // then shift and Moses interval are exactly the reference order statistics (whole minutes: exact)
    expect(sut.shift).toBe(c.expected.shift);
    expect(sut.interval).toEqual(c.expected.interval);
  });

  it('finds every order statistic of the pairwise differences without listing them', () => {
    // given non-integer samples
    const x = [0.3, 1.7, 2.2, 5.9];
    const y = [-1.25, 0.5, 4.75];
    const all = y.flatMap((yj) => x.map((xi) => yj - xi)).sort((a, b) => a - b);
    // when each k-th difference is selected / then it equals the sorted list's entry
    all.forEach((d, index) => expect(kthPairwiseDifference(x, y, index + 1)).toBe(d));
  });
});

describe('kthPairwiseDifference with many ties', () => {
  it('finds every order statistic that listing all pair differences finds', () => {
    // given integer durations with heavy ties (few distinct values)
    const x = Array.from({ length: 300 }, (_, i) => (i * 7) % 13).sort((a, b) => a - b);
    const y = Array.from({ length: 250 }, (_, i) => (i * 5) % 11).sort((a, b) => a - b);
    const all = x.flatMap((xi) => y.map((yj) => yj - xi)).sort((a, b) => a - b);
    // when selected without listing / then the same values
    for (const k of [1, 2, 500, 37_500, 37_501, 74_999, 75_000]) expect(kthPairwiseDifference(x, y, k)).toBe(all[k - 1]);
  });
});
