import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { obrienFlemingSpending, sequentialTest, spendingBoundaries } from './alpha-spending.js';

interface Case {
  name: string;
  fractions: number[];
  alpha: number;
  spent: number[];
  boundaries: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/alpha-spending.json', import.meta.url), 'utf8')) as {
  published: { fractions: number[]; alpha: number; boundaries: number[] };
  cases: Case[];
};

describe("spendingBoundaries (Lan-DeMets, O'Brien-Fleming type)", () => {
  it('reproduces the published 5-look boundaries to their 3 decimals', () => {
    const { fractions, alpha, boundaries } = fixture.published;
    const sut = spendingBoundaries(fractions, alpha);
    sut.forEach((z, k) => expect(Math.abs(z - boundaries[k])).toBeLessThan(5e-4));
  });

  it.each(fixture.cases)('matches the multivariate-normal reference for $name within 1e-4', (c) => {
    // given looks at these information fractions / when boundaries are computed
    const sut = spendingBoundaries(c.fractions, c.alpha);
    // then they equal SciPy's (Genz integration + root finding) and spend alpha(t) by each look
    sut.forEach((z, k) => expect(Math.abs(z - c.boundaries[k])).toBeLessThan(1e-4));
    c.fractions.forEach((t, k) => expect(Math.abs(obrienFlemingSpending(t, c.alpha) - c.spent[k])).toBeLessThan(1e-12));
  });

  it('rejects looks that do not move forward in information, or that go on after the plan was reached', () => {
    expect(() => spendingBoundaries([0.3, 0.3], 0.05)).toThrow(expect.objectContaining({ details: { field: 'fractions[1]' } }));
    expect(() => spendingBoundaries([0.5, 1, 1.1], 0.05)).toThrow(expect.objectContaining({ details: { field: 'fractions[1]' } }));
  });
});

describe('sequentialTest', () => {
  it('does not stop early on a z that would pass a fixed-sample test', () => {
    // given z = 2.5 at 20 % of the plan (fixed-sample p = 0.012)
    const sut = sequentialTest([{ informationFraction: 0.2, z: 2.5 }], 0.05);
    // then the early boundary (4.88) is not crossed
    expect(sut.crossed).toBeNull();
    expect(sut.planReached).toBe(false);
  });

  it('reports the first crossing and its side', () => {
    const sut = sequentialTest(
      [
        { informationFraction: 0.2, z: -1 },
        { informationFraction: 0.4, z: -3.5 },
        { informationFraction: 0.6, z: 0 },
      ],
      0.05,
    );
    expect(sut.crossed).toEqual({ look: 1, direction: 'lower' });
  });

  it('treats a look beyond the plan as the final one and ignores later looks', () => {
    const sut = sequentialTest(
      [
        { informationFraction: 0.5, z: 1 },
        { informationFraction: 1.2, z: 2.1 },
        { informationFraction: 1.5, z: 9 },
      ],
      0.05,
    );
    expect(sut.boundaries).toHaveLength(2);
    expect(sut.crossed).toEqual({ look: 1, direction: 'upper' });
    expect(sut.planReached).toBe(true);
    expect(sut.alphaSpent).toBeCloseTo(0.05, 12);
  });
});
