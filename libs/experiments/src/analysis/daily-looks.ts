/**
 * The looks of a sequential test, one per day since the start plus one at the analysis instant:
 * what the dashboard would have shown had it been opened every day, rebuilt from the cases' end
 * times, so the same data always gives the same looks (no stored look history to drift from).
 * A look needs both arms to have data and more information than the look before. Each look reads
 * the arms' day sums up to its cutoff (arm-days.ts), so the looks cost O(days), not O(days x cases).
 */
import type { SequentialLook } from '../statistics/alpha-spending.js';
import { addDay, type ArmDays, type ArmTotals } from './arm-days.js';

const DAY_MS = 86_400_000;

export interface DatedLook extends SequentialLook {
  /** epoch milliseconds: the data ended up to this instant */
  at: number;
}

/** The z of a comparison on the cases ended by a cutoff, and the smaller arm's sample size; null when it is not defined yet. */
export type LookStatistic = (baseline: ArmTotals, candidate: ArmTotals) => { z: number; n: number } | null;

/** The arms' days must hold only cases ended by `until`. */
export function dailyLooks(baseline: ArmDays, candidate: ArmDays, startedAt: number, until: number, perArm: number, statistic: LookStatistic): DatedLook[] {
  const cutoffs: number[] = [];
  for (let at = startedAt + DAY_MS; at < until; at += DAY_MS) cutoffs.push(at);
  cutoffs.push(until);
  const running = (arm: ArmDays) => {
    const totals: ArmTotals = { ended: 0, shifts: arm.shifts, metrics: {} };
    const days = [...arm.days.keys()].sort((a, b) => a - b);
    let next = 0;
    // Day k ends at the k-th cutoff; the last cutoff (the analysis instant) takes every later day.
    return (look: number, last: boolean): ArmTotals => {
      while (next < days.length && (last || days[next] <= look)) addDay(totals, arm.days.get(days[next++])!);
      return totals;
    };
  };
  const baselineBy = running(baseline);
  const candidateBy = running(candidate);
  const looks: DatedLook[] = [];
  cutoffs.forEach((at, k) => {
    const last = k === cutoffs.length - 1;
    const result = statistic(baselineBy(k + 1, last), candidateBy(k + 1, last));
    if (!result || !Number.isFinite(result.z)) return;
    const informationFraction = result.n / perArm;
    const previous = looks[looks.length - 1];
    if (previous && (informationFraction <= previous.informationFraction || previous.informationFraction >= 1)) return;
    looks.push({ at, informationFraction, z: result.z });
  });
  return looks;
}
