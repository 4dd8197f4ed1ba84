import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

/**
 * A decision output becomes process variables, which are stored as JSON: FEEL dates, times and
 * durations become their ISO text (as they would in JSON anyway); ranges and functions have no
 * JSON form and yield undefined, which the caller reports.
 */
export function toVariableValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDateTime || value instanceof FeelDuration) {
    return value.toString();
  }
  if (Array.isArray(value)) {
    const items = value.map(toVariableValue);
    return items.includes(undefined) ? undefined : items;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).map(([key, entry]) => [key, toVariableValue(entry)] as const);
    return entries.some(([, entry]) => entry === undefined) ? undefined : Object.fromEntries(entries);
  }
  return undefined;
}
