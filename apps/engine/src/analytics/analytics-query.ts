import { DomainError } from '#core';
import { DAY_MS, DEFAULT_KPI_SETTINGS, MINUTE_MS, type KpiSettings } from '#analytics';
import { ANALYTICS_ERRORS } from './analytics-errors.js';

/** What an analytics request asks for, checked. */
export interface AnalyticsRequest {
  processVersionIds: string[];
  processKey?: string;
  from?: Date;
  to?: Date;
  segments: Record<string, string>;
  format: 'json' | 'csv';
  /** For CSV of a report with several tables: which one. */
  table?: string;
  kpi: KpiSettings;
}

export type RawQuery = Record<string, unknown>;

const SEGMENT_PREFIX = 'segment.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const KNOWN = new Set([
  'processVersionId',
  'processKey',
  'from',
  'to',
  'format',
  'table',
  'firstResponseSlaMinutes',
  'resolutionSlaMinutes',
  'repeatWindowDays',
  'customerVariable',
  'csatVariable',
  'npsVariable',
  'firstTierLanes',
  'defaultCostPerHour',
]);

const invalid = (field: string, message: string) => new DomainError(ANALYTICS_ERRORS.queryInvalid, message, { field });

/** Every value of a parameter: repeated, or comma-separated. */
const list = (value: unknown): string[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value])
    .flatMap((item) => String(item).split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');

const single = (query: RawQuery, field: string): string | undefined => {
  const value = query[field];
  if (value === undefined) return undefined;
  if (Array.isArray(value) || typeof value !== 'string') throw invalid(field, `Give ${field} once`);
  return value;
};

const date = (query: RawQuery, field: 'from' | 'to'): Date | undefined => {
  const value = single(query, field);
  if (value === undefined) return undefined;
  const parsed = DATE.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) throw invalid(field, `${field} must be an ISO 8601 date or date-time (2026-01-05 or 2026-01-05T09:00:00Z), not '${value}'`);
  return parsed;
};

const positive = (query: RawQuery, field: string, allowZero = false): number | undefined => {
  const value = single(query, field);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || (!allowZero && number === 0)) {
    throw invalid(field, `${field} must be a ${allowZero ? 'non-negative' : 'positive'} number, not '${value}'`);
  }
  return number;
};

/**
 * Reads an analytics query string: processVersionId (repeated or comma-separated) or processKey,
 * from/to (ISO 8601; to is exclusive), `segment.<variable>=value`, `format=csv`, and the KPI
 * settings. Unknown parameters are refused, naming them.
 */
export const parseAnalyticsQuery = (query: RawQuery, accept: string | undefined): AnalyticsRequest => {
  for (const field of Object.keys(query)) {
    if (!KNOWN.has(field) && !(field.startsWith(SEGMENT_PREFIX) && field.length > SEGMENT_PREFIX.length)) {
      throw invalid(field, `Unknown query parameter '${field}'`);
    }
  }
  const processVersionIds = list(query.processVersionId);
  for (const id of processVersionIds) if (!UUID.test(id)) throw invalid('processVersionId', `processVersionId must be a uuid, not '${id}'`);
  const processKey = single(query, 'processKey');
  if (processVersionIds.length === 0 && processKey === undefined) throw invalid('processVersionId', 'Give processVersionId (one or several) or processKey');
  const from = date(query, 'from');
  const to = date(query, 'to');
  if (from && to && from.getTime() >= to.getTime()) throw invalid('to', 'to must be after from');
  const format = single(query, 'format') ?? (accept?.includes('text/csv') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw invalid('format', `format must be json or csv here, not '${format}'`);
  const segments: Record<string, string> = {};
  for (const field of Object.keys(query)) {
    if (field.startsWith(SEGMENT_PREFIX)) segments[field.slice(SEGMENT_PREFIX.length)] = single(query, field)!;
  }
  const minutes = (field: string) => positive(query, field);
  const firstTierLanes = query.firstTierLanes === undefined ? undefined : list(query.firstTierLanes);
  const customerVariable = single(query, 'customerVariable');
  return {
    processVersionIds,
    ...(processKey !== undefined && { processKey }),
    ...(from && { from }),
    ...(to && { to }),
    segments,
    format,
    ...(query.table !== undefined && { table: single(query, 'table') }),
    kpi: {
      ...DEFAULT_KPI_SETTINGS,
      firstResponseSlaMs: (minutes('firstResponseSlaMinutes') ?? DEFAULT_KPI_SETTINGS.firstResponseSlaMs / MINUTE_MS) * MINUTE_MS,
      resolutionSlaMs: (minutes('resolutionSlaMinutes') ?? DEFAULT_KPI_SETTINGS.resolutionSlaMs / MINUTE_MS) * MINUTE_MS,
      repeatWindowMs: (positive(query, 'repeatWindowDays') ?? DEFAULT_KPI_SETTINGS.repeatWindowMs / DAY_MS) * DAY_MS,
      ...(customerVariable !== undefined && { customerVariable }),
      csatVariable: single(query, 'csatVariable') ?? DEFAULT_KPI_SETTINGS.csatVariable,
      npsVariable: single(query, 'npsVariable') ?? DEFAULT_KPI_SETTINGS.npsVariable,
      ...(firstTierLanes !== undefined && { firstTierLanes }),
      defaultCostPerHour: positive(query, 'defaultCostPerHour', true) ?? DEFAULT_KPI_SETTINGS.defaultCostPerHour,
    },
  };
};
