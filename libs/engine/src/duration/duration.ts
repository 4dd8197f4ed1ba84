import { isIsoDuration } from '#bpmn';
import { DomainError } from '#core';
import { parse } from 'iso8601-duration';
import { ENGINE_ERRORS } from '../model/errors.js';

/**
 * `from + duration` as an ISO timestamp. Calendar parts (years, months, weeks, days) move the UTC
 * date and the time parts add exact milliseconds, so the result never depends on the server's
 * time zone, and the start is always passed in (never the real clock).
 */
export function addDuration(from: string, duration: string, elementId: string): string {
  if (!isIsoDuration(duration)) {
    throw new DomainError(ENGINE_ERRORS.durationInvalid, `The duration "${duration}" of '${elementId}' is not an ISO 8601 duration such as PT4H or P3D.`, { elementId, duration });
  }
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = parse(duration.trim());
  const date = new Date(from);
  date.setUTCFullYear(date.getUTCFullYear() + years, date.getUTCMonth() + months, date.getUTCDate() + weeks * 7 + days);
  date.setTime(date.getTime() + Math.round(((hours * 60 + minutes) * 60 + seconds) * 1000));
  return date.toISOString();
}
