export type SlaLevel = 'none' | 'ok' | 'soon' | 'overdue';

export interface Sla {
  level: SlaLevel;
  /** "due in 3 h 20 min", "overdue by 12 min", "no due date". */
  text: string;
}

/** Within this much of its due date a task shows amber. */
const SOON_MS = 60 * 60 * 1000;

const MINUTE = 60_000;

/** A span as a person reads it at a glance: days and hours, hours and minutes, or minutes. */
export const formatSpan = (ms: number): string => {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
};

/** Where a task stands against its due date at `now`: green, amber within the last hour, red once passed. */
export const slaOf = (dueAt: string | null, now: number, breachedAt: string | null = null): Sla => {
  if (dueAt === null) return { level: 'none', text: 'no due date' };
  const left = Date.parse(dueAt) - now;
  if (left <= 0 || breachedAt !== null) return { level: 'overdue', text: `overdue by ${formatSpan(-left)}` };
  return { level: left <= SOON_MS ? 'soon' : 'ok', text: `due in ${formatSpan(left)}` };
};
