/**
 * Log-rank test of two lead-time curves with censoring (running cases), two-sided. `z` is signed
 * like `scipy.stats.logrank(baseline, candidate)`'s statistic: (observed - expected) finished
 * baseline cases over its standard error, so z > 0 means the baseline finishes faster.
 */
import { normalTwoSidedP } from './distributions.js';
import { groupedByTime, requireObservations, type SurvivalObservation } from './kaplan-meier.js';

export interface LogRankResult {
  z: number;
  chiSquare: number;
  pValue: number;
}

export function logRankTest(baseline: readonly SurvivalObservation[], candidate: readonly SurvivalObservation[]): LogRankResult {
  requireObservations('baseline', baseline);
  requireObservations('candidate', candidate);
  const groups = groupedByTime([...baseline, ...candidate]);
  const baselineGroups = new Map(groupedByTime(baseline).map((g) => [g.time, g]));
  let atRiskBaseline = baseline.length;
  let atRisk = baseline.length + candidate.length;
  let observedMinusExpected = 0;
  let varianceSum = 0;
  for (const group of groups) {
    const own = baselineGroups.get(group.time);
    const d = group.events;
    if (d > 0) {
      observedMinusExpected += (own?.events ?? 0) - (d * atRiskBaseline) / atRisk;
      if (atRisk > 1) {
        varianceSum += (d * (atRiskBaseline / atRisk) * (1 - atRiskBaseline / atRisk) * (atRisk - d)) / (atRisk - 1);
      }
    }
    atRiskBaseline -= (own?.events ?? 0) + (own?.censored ?? 0);
    atRisk -= group.events + group.censored;
  }
  const z = varianceSum === 0 ? 0 : observedMinusExpected / Math.sqrt(varianceSum);
  return { z, chiSquare: z * z, pValue: normalTwoSidedP(z) };
}
