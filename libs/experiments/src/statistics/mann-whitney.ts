/**
 * Mann-Whitney U for durations: two-sided, normal approximation with tie correction and
 * continuity correction, the same as `scipy.stats.mannwhitneyu(method='asymptotic')`.
 * The ranks come from one merge of the two sorted arms: a tie group spanning merged positions
 * s..e (0-based) has the mid-rank (s + e) / 2 + 1, and the baseline's rank sum adds it once per
 * baseline value in the group (half-integers: the sum is exact, as summing rank by rank was).
 */
import { normalCdf } from './distributions.js';
import { requireSample } from './statistics-error.js';

export interface MannWhitneyResult {
  /** U of the baseline sample (SciPy's U1): pairs where baseline > candidate, ties counting one half. */
  u: number;
  z: number;
  pValue: number;
}

export function mannWhitneyU(baseline: readonly number[], candidate: readonly number[]): MannWhitneyResult {
  requireSample('baseline', baseline);
  requireSample('candidate', candidate);
  return mannWhitneyUSorted(Float64Array.from(baseline).sort(), Float64Array.from(candidate).sort());
}

/** The same test on arms already sorted ascending (and checked). */
export function mannWhitneyUSorted(baseline: ArrayLike<number>, candidate: ArrayLike<number>): MannWhitneyResult {
  const n1 = baseline.length;
  const n2 = candidate.length;
  const n = n1 + n2;
  let rankSum = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && baseline[i] <= candidate[j]) ? baseline[i] : candidate[j];
    const start = i + j;
    let inBaseline = 0;
    while (i < n1 && baseline[i] === value) {
      i++;
      inBaseline++;
    }
    while (j < n2 && candidate[j] === value) j++;
    const t = i + j - start;
    rankSum += inBaseline * ((start + i + j - 1) / 2 + 1);
    tieTerm += t * t * t - t;
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // The larger of U1, U2 with the continuity correction toward the mean, as SciPy does.
  const uMax = Math.max(u, n1 * n2 - u);
  const z = sigma === 0 ? 0 : (uMax - mu - 0.5) / sigma;
  const pValue = sigma === 0 ? 1 : Math.min(1, 2 * normalCdf(-z));
  return { u, z: u >= mu ? z : -z, pValue };
}
