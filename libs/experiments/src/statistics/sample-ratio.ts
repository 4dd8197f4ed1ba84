/**
 * Sample-ratio-mismatch check: Pearson's chi-square of the cases per arm against the planned
 * weights (`scipy.stats.chisquare`). A mismatch means assignment or logging is broken, so every
 * other result of the experiment is untrustworthy. The default threshold, p < 0.001, is the usual
 * one for SRM: the check runs on every look and must rarely cry wolf.
 */
import { chiSquareSurvival } from './distributions.js';
import { statisticsInputError } from './statistics-error.js';

export const SAMPLE_RATIO_THRESHOLD = 0.001;

export interface SampleRatioResult {
  chiSquare: number;
  df: number;
  pValue: number;
  expected: number[];
  mismatch: boolean;
}

export function sampleRatioCheck(observed: readonly number[], weights: readonly number[], threshold = SAMPLE_RATIO_THRESHOLD): SampleRatioResult {
  if (observed.length < 2 || observed.length !== weights.length) {
    throw statisticsInputError('observed', `needs one count per arm (at least 2), got ${observed.length} counts for ${weights.length} weights`);
  }
  if (weights.some((w) => !(w > 0))) throw statisticsInputError('weights', 'every planned weight must be positive');
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  const chiSquare = total === 0 ? 0 : observed.reduce((sum, o, i) => sum + (o - expected[i]) ** 2 / expected[i], 0);
  const df = observed.length - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, expected, mismatch: pValue < threshold };
}
