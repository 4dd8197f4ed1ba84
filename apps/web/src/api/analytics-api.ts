import type {
  ActivityReportView as ActivityReport,
  KpiReportView as KpiReport,
  KpiTarget,
  KpiTargetsView as KpiTargets,
  ReworkReportView as ReworkReport,
  ValueAddedFigure,
  ValueAddedReportView as ValueAddedReport,
} from '#api-types';
import { apiErrorOf } from './api-error.js';
import { authHeaders } from './auth-headers.js';
import { requestJson } from './http-client.js';

/*
 * The reports' rows and figures are libs/analytics' own and their answers the engine's
 * (libs/api-types), imported as types only: a change there the insights page does not follow fails
 * `typecheck:web`.
 */
export type { ActivityRow, Kpi, Summary, TimeClass, ValueClass } from '#analytics';
export type { ActivityReport, KpiReport, KpiTarget, KpiTargets, ReworkReport, ValueAddedFigure, ValueAddedReport };

/** What every report of the insights page is filtered by. */
export interface AnalyticsFilter {
  processVersionId: string;
  /** ISO dates (yyyy-mm-dd), from inclusive, to exclusive. */
  from?: string;
  to?: string;
  segment?: { variable: string; value: string };
}

/** The query string of a report for the filter. */
export const analyticsQuery = (filter: AnalyticsFilter, extra: Record<string, string> = {}): string => {
  const query = new URLSearchParams({ processVersionId: filter.processVersionId });
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  if (filter.segment) query.set(`segment.${filter.segment.variable}`, filter.segment.value);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return query.toString();
};

export type ReportName = 'activities' | 'bottlenecks' | 'cases' | 'value-added' | 'rework' | 'utilisation' | 'kpis';

/** The path of a report under /api, e.g. for its CSV. */
export const reportPath = (report: ReportName, filter: AnalyticsFilter, extra: Record<string, string> = {}): string => `analytics/${report}?${analyticsQuery(filter, extra)}`;

export const getActivities = (filter: AnalyticsFilter): Promise<ActivityReport> => requestJson<ActivityReport>(reportPath('activities', filter));
/** How many cases of these versions are simulated (the head of the cheapest report). */
export const getSimulatedCases = async (processVersionIds: readonly string[]): Promise<number> =>
  (await requestJson<{ simulatedCases?: number }>(`analytics/cases?processVersionId=${processVersionIds.map(encodeURIComponent).join(',')}`)).simulatedCases ?? 0;
export const getKpis = (filter: AnalyticsFilter): Promise<KpiReport> => requestJson<KpiReport>(reportPath('kpis', filter));
export const getValueAdded = (filter: AnalyticsFilter): Promise<ValueAddedReport> => requestJson<ValueAddedReport>(reportPath('value-added', filter));
export const getRework = (filter: AnalyticsFilter): Promise<ReworkReport> => requestJson<ReworkReport>(reportPath('rework', filter));

export const getKpiTargets = (processKey: string): Promise<KpiTargets> => requestJson<KpiTargets>(`analytics/kpi-targets/${encodeURIComponent(processKey)}`);

export const putKpiTargets = (processKey: string, targets: Record<string, KpiTarget>): Promise<KpiTargets> =>
  requestJson<KpiTargets>(`analytics/kpi-targets/${encodeURIComponent(processKey)}`, { method: 'PUT', body: targets });

/** A report's table as CSV text (format=csv): the API wants the session's token, so a plain link cannot fetch it. */
export const fetchCsv = async (path: string): Promise<string> => {
  const response = await fetch(`api/${path}${path.includes('?') ? '&' : '?'}format=csv`, { headers: { accept: 'text/csv', ...authHeaders() } });
  if (!response.ok) throw await apiErrorOf(response);
  return response.text();
};
