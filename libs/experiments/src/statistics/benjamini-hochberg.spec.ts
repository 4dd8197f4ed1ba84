import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { benjaminiHochberg } from './benjamini-hochberg.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/benjamini-hochberg.json', import.meta.url), 'utf8')) as {
  cases: { pValues: number[]; expected: number[] }[];
};

describe('benjaminiHochberg', () => {
  it.each(fixture.cases)('matches scipy.stats.false_discovery_control for $pValues', (c) => {
    // given secondary metrics' p-values / when adjusted / then equal SciPy's in input order (1e-12)
    const sut = benjaminiHochberg(c.pValues);
    sut.adjusted.forEach((p, i) => expect(Math.abs(p - c.expected[i])).toBeLessThan(1e-12));
    expect(sut.rejected).toEqual(c.expected.map((p) => p <= 0.05));
  });
});
