import { formatDuration } from '../format/units.js';

export type SlaLevel = 'none' | 'ok' | 'soon' | 'overdue';

export interface Sla {
  level: SlaLevel;
  /** "due in 3 h 20 min", "overdue by 12 min", "no due date". */
  text: string;
}

/** Within this much of its due date a task shows amber. */
const SOON_MS = 60 * 60 * 1000;

const MINUTE = 60_000;

/**
 * A span in the app's one duration format, cut to whole minutes first: a countdown never promises
 * seconds, nor more time than is left ("3 h 20 min", "1 d 4 h", "< 1 min").
 */
export const formatSpan = (ms: number): string => (ms < MINUTE ? '< 1 min' : formatDuration(Math.floor(ms / MINUTE) * 60));

/** Where a task stands against its due date at `now`: green, amber within the last hour, red once passed. */
export const slaOf = (dueAt: string | null, now: number, breachedAt: string | null = null): Sla => {
  if (dueAt === null) return { level: 'none', text: 'no due date' };
  const left = Date.parse(dueAt) - now;
  if (left <= 0 || breachedAt !== null) return { level: 'overdue', text: `overdue by ${formatSpan(-left)}` };
  return { level: left <= SOON_MS ? 'soon' : 'ok', text: `due in ${formatSpan(left)}` };
};
