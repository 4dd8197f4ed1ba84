/** Order statistics shared by the tests and estimators; the quantile is type 7 (`linearQuantile` of libs/core), so fixtures match numpy. */
import { linearQuantile } from '#core';

/** Ascending copy. */
export const sortedAscending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

export const quantile = (values: readonly number[], q: number): number => linearQuantile(sortedAscending(values), q);
export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance (n - 1 denominator). */
export function variance(values: readonly number[]): number {
  const m = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - m) ** 2;
  return sum / (values.length - 1);
}

/** Mid-ranks (1-based, ties share their average rank) and the tie groups' sizes. */
export function midRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i].index] = rank;
    tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}
