/**
 * The looks of a sequential test, one per day since the start plus one at the analysis instant:
 * what the dashboard would have shown had it been opened every day, rebuilt from the cases' end
 * times, so the same data always gives the same looks (no stored look history to drift from).
 * A look needs both arms to have data and more information than the look before.
 */
import type { SequentialLook } from '../statistics/alpha-spending.js';
import type { ArmCase } from './analysis-input.js';

const DAY_MS = 86_400_000;

export interface DatedLook extends SequentialLook {
  /** epoch milliseconds: the data ended up to this instant */
  at: number;
}

/** The z of a comparison on the cases ended by a cutoff, and the smaller arm's sample size; null when it is not defined yet. */
export type LookStatistic = (baseline: readonly ArmCase[], candidate: readonly ArmCase[]) => { z: number; n: number } | null;

export function dailyLooks(baseline: readonly ArmCase[], candidate: readonly ArmCase[], startedAt: number, until: number, perArm: number, statistic: LookStatistic): DatedLook[] {
  const cutoffs: number[] = [];
  for (let at = startedAt + DAY_MS; at < until; at += DAY_MS) cutoffs.push(at);
  cutoffs.push(until);
  const endedBy = (cases: readonly ArmCase[], at: number) => cases.filter((c) => c.endedAt !== null && c.endedAt <= at);
  const looks: DatedLook[] = [];
  for (const at of cutoffs) {
    const result = statistic(endedBy(baseline, at), endedBy(candidate, at));
    if (!result || !Number.isFinite(result.z)) continue;
    const informationFraction = result.n / perArm;
    const previous = looks[looks.length - 1];
    if (previous && (informationFraction <= previous.informationFraction || previous.informationFraction >= 1)) continue;
    looks.push({ at, informationFraction, z: result.z });
  }
  return looks;
}
