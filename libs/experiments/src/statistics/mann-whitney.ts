/**
 * Mann-Whitney U for durations: two-sided, normal approximation with tie correction and
 * continuity correction, the same as `scipy.stats.mannwhitneyu(method='asymptotic')`.
 */
import { midRanks } from './descriptive.js';
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
  const n1 = baseline.length;
  const n2 = candidate.length;
  const n = n1 + n2;
  const { ranks, tieSizes } = midRanks([...baseline, ...candidate]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i];
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t * t * t - t), 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // The larger of U1, U2 with the continuity correction toward the mean, as SciPy does.
  const uMax = Math.max(u, n1 * n2 - u);
  const z = sigma === 0 ? 0 : (uMax - mu - 0.5) / sigma;
  const pValue = sigma === 0 ? 1 : Math.min(1, 2 * normalCdf(-z));
  return { u, z: u >= mu ? z : -z, pValue };
}
