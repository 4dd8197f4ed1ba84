import { isIsoDuration } from './duration.js';

/** An ISO 8601 date-time with a zone (`Z` or an offset), so its instant never depends on the server. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export const isIsoDateTime = (text: string): boolean => DATE_TIME.test(text.trim()) && !Number.isNaN(Date.parse(text.trim()));

/** A repeating interval `R[n]/[start/]duration`: n repetitions (absent: unbounded), an optional first instant. */
export interface TimeCycle {
  repetitions?: number;
  start?: string;
  interval: string;
}

/** Parses `R3/PT1H`, `R/PT10M` or `R2/2026-03-02T09:00:00Z/P1D`; undefined for anything else (cron is not supported). */
export function parseTimeCycle(text: string): TimeCycle | undefined {
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
