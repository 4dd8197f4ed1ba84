/**
 * Benjamini-Hochberg step-up adjustment across secondary metrics (false discovery rate), the
 * same adjusted p-values as `scipy.stats.false_discovery_control(method='bh')`.
 */
import { statisticsInputError } from './statistics-error.js';

export interface BenjaminiHochbergResult {
  /** adjusted p-values, in the input order */
  adjusted: number[];
  /** adjusted p <= q */
  rejected: boolean[];
}

export function benjaminiHochberg(pValues: readonly number[], q = 0.05): BenjaminiHochbergResult {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw statisticsInputError(`pValues[${i}]`, `must lie in [0, 1], got ${p}`);
  });
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1];
    running = Math.min(running, (p * m) / rank);
    adjusted[i] = running;
  }
  return { adjusted, rejected: adjusted.map((p) => p <= q) };
}
