/**
 * Censoring-aware lead-time comparison: finished cases give their lead time, running cases are
 * censored at "now" and counted, never dropped.
 */
import { kaplanMeier, type SurvivalObservation } from './kaplan-meier.js';
import { logRankTest, type LogRankResult } from './log-rank.js';
import { statisticsInputError } from './statistics-error.js';

export interface CaseSpan {
  /** start instant, epoch milliseconds */
  startedAt: number;
  /** end instant; absent while the case runs */
  endedAt?: number;
}

export interface ArmLeadTime {
  finished: number;
  running: number;
  /** Kaplan-Meier median lead time in milliseconds; null when under half have finished */
  median: number | null;
}

export interface LeadTimeComparison {
  baseline: ArmLeadTime;
  candidate: ArmLeadTime;
  logRank: LogRankResult;
}

export function leadTimeObservations(cases: readonly CaseSpan[], now: number): SurvivalObservation[] {
  return cases.map((c, i) => {
    const end = c.endedAt ?? now;
    if (end < c.startedAt) throw statisticsInputError(`cases[${i}]`, 'ends (or "now" is) before it starts');
    return { time: end - c.startedAt, event: c.endedAt !== undefined };
  });
}

export function compareLeadTimes(baseline: readonly CaseSpan[], candidate: readonly CaseSpan[], now: number): LeadTimeComparison {
  const b = leadTimeObservations(baseline, now);
  const c = leadTimeObservations(candidate, now);
  return { baseline: summary(b), candidate: summary(c), logRank: logRankTest(b, c) };
}

function summary(observations: SurvivalObservation[]): ArmLeadTime {
  const finished = observations.filter((o) => o.event).length;
  return { finished, running: observations.length - finished, median: kaplanMeier(observations).median };
}
