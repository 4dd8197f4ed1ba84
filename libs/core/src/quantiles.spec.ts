import { describe, expect, it } from '@jest/globals';
import { higherQuantile, linearQuantile, lowerQuantile, nearestRankQuantile, roundedQuantileRank, upperNearestRankQuantile } from './quantiles.js';

// Reference values: numpy.quantile(x, p, method=...) with 'linear', 'lower', 'higher' and 'inverted_cdf' (type 1).
const x = [1, 2, 3, 4];

describe('quantiles', () => {
  it('interpolates type 7 as numpy linear does', () => {
    expect(linearQuantile(x, 0.9)).toBeCloseTo(3.7, 12);
    expect(linearQuantile(x, 0.5)).toBe(2.5);
    expect(linearQuantile([], 0.5)).toBeNaN();
  });

  it('rounds the type-7 position down and up as numpy lower and higher do', () => {
    expect(lowerQuantile(x, 0.9)).toBe(3);
    expect(higherQuantile(x, 0.9)).toBe(4);
    expect(lowerQuantile(Float64Array.from(x), 0.5)).toBe(2);
  });

  it('gives the rank of the rounded type-7 position, half up', () => {
    expect(roundedQuantileRank(4, 0.5)).toBe(2);
    expect(roundedQuantileRank(10, 0.9)).toBe(8);
  });

  it('tells type 1 from the upper nearest rank where n p is whole', () => {
    expect(nearestRankQuantile(x, 0.5)).toBe(2);
    expect(upperNearestRankQuantile(x, 0.5)).toBe(3);
    expect(nearestRankQuantile(x, 0.9)).toBe(4);
    expect(upperNearestRankQuantile(x, 0.9)).toBe(4);
    expect(nearestRankQuantile([], 0.5)).toBeNaN();
  });
});
