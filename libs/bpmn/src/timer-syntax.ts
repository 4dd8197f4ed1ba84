import { Cron } from 'croner';
import { isIsoDuration } from './duration.js';

/** An ISO 8601 date-time with a zone (`Z` or an offset), so its instant never depends on the server. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export const isIsoDateTime = (text: string): boolean => DATE_TIME.test(text.trim()) && !Number.isNaN(Date.parse(text.trim()));

/**
 * A repeating interval `R[n]/[start/]duration` (n repetitions, absent: unbounded; an optional first
 * instant), or a cron expression, which repeats without end.
 */
export type TimeCycle = { repetitions?: number; start?: string; interval: string } | { cron: string };

/** Parses `R3/PT1H`, `R/PT10M`, `R2/2026-03-02T09:00:00Z/P1D` or a cron expression; undefined for anything else. */
export function parseTimeCycle(text: string): TimeCycle | undefined {
  return parseRepeatingInterval(text) ?? parseCron(text);
}

function parseRepeatingInterval(text: string): TimeCycle | undefined {
  const parts = text.trim().split('/');
  const repeat = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!repeat || parts.length < 2 || parts.length > 3) return undefined;
  const interval = parts[parts.length - 1];
  const start = parts.length === 3 ? parts[1] : undefined;
  if (!isIsoDuration(interval) || (start !== undefined && !isIsoDateTime(start))) return undefined;
  const repetitions = repeat[1] === '' ? undefined : Number(repeat[1]);
  if (repetitions === 0) return undefined;
  return { interval, ...(start !== undefined && { start }), ...(repetitions !== undefined && { repetitions }) };
}

/**
 * Cron as Camunda 8 reads it: Spring's six fields (seconds first, e.g. `0 0 9 * * MON-FRI`) or the
 * classic five, always in UTC so an instant never depends on the server's zone.
 */
function parseCron(text: string): TimeCycle | undefined {
  const cron = text.trim().replace(/\s+/g, ' ');
  const fields = cron.split(' ').length;
  if (fields < 5 || fields > 6) return undefined;
  try {
    return cronOf(cron).nextRun(new Date(0)) ? { cron } : undefined;
  } catch {
    return undefined;
  }
}

/** The first instant of a cron expression strictly after `after`; undefined when it never comes again. */
export function nextCronOccurrence(cron: string, after: string): string | undefined {
  return cronOf(cron).nextRun(new Date(after))?.toISOString();
}

// `paused` and no callback: croner only computes instants, it never schedules anything.
const cronOf = (cron: string) => new Cron(cron, { timezone: 'UTC', paused: true });
