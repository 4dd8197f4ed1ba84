/**
 * Kaplan-Meier survival curve and median for lead times with running cases censored at "now":
 * a case still running at least tells us its lead time exceeds its age, and dropping it would
 * bias the comparison toward the faster arm (its slow cases are the ones still open).
 */
import { statisticsInputError } from './statistics-error.js';

export interface SurvivalObservation {
  /** lead time, or age at "now" when censored */
  time: number;
  /** true when the case finished (the time is observed), false when still running (censored) */
  event: boolean;
}

export interface SurvivalStep {
  time: number;
  atRisk: number;
  events: number;
  /** S(t) just after `time` */
  survival: number;
}

export interface KaplanMeierResult {
  steps: SurvivalStep[];
  /** smallest event time with S(t) <= 0.5; null when the curve never reaches one half */
  median: number | null;
}

export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierResult {
  requireObservations('observations', observations);
  const groups = groupedByTime(observations);
  let atRisk = observations.length;
  let survival = 1;
  let median: number | null = null;
  const steps: SurvivalStep[] = [];
  for (const group of groups) {
    if (group.events > 0) {
      survival *= 1 - group.events / atRisk;
      steps.push({ time: group.time, atRisk, events: group.events, survival });
      if (median === null && survival <= 0.5) median = group.time;
    }
    atRisk -= group.events + group.censored;
  }
  return { steps, median };
}

export interface TimeGroup {
  time: number;
  events: number;
  censored: number;
}

/** Observations grouped by distinct time, ascending (shared with the log-rank test). */
export function groupedByTime(observations: readonly SurvivalObservation[]): TimeGroup[] {
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const groups: TimeGroup[] = [];
  for (const { time, event } of sorted) {
    let last = groups[groups.length - 1];
    if (!last || last.time !== time) {
      last = { time, events: 0, censored: 0 };
      groups.push(last);
    }
    if (event) last.events++;
    else last.censored++;
  }
  return groups;
}

export function requireObservations(field: string, observations: readonly SurvivalObservation[]): void {
  if (observations.length === 0) throw statisticsInputError(field, 'needs at least one case');
  if (observations.some((o) => !(Number.isFinite(o.time) && o.time >= 0))) throw statisticsInputError(field, 'every time must be a finite number >= 0');
}
