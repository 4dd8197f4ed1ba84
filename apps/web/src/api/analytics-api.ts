import { apiErrorOf } from './api-error.js';
import { authHeaders } from './auth-headers.js';
import { requestJson } from './http-client.js';

/** Mean, median and p90 of a sample in seconds (or the figure's unit), with its size n. */
export interface Summary {
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  total: number;
}

export type ValueClass = 'VA' | 'BVA' | 'NVA';

/** Whose time an activity's instances spend: the desk's (queue, claimed-idle, working, hand-off), a designed wait's, or an external system's. */
export type TimeClass = 'desk' | 'designedWait' | 'externalSystem';

/** One row of GET /api/analytics/activities. */
export interface ActivityRow {
  elementId: string;
  name: string | null;
  elementType: string;
  laneId: string | null;
  valueClass: ValueClass | null;
  timeClass: TimeClass;
  count: number;
  queue: Summary;
  claimedIdle: Summary;
  waiting: Summary;
  processing: Summary;
  handoff: Summary;
  duration: Summary;
  designedWait: Summary;
  externalSystem: Summary;
}

export interface ActivityReport {
  definitions: Record<string, string>;
  /** Cases of the versions in scope written by a simulation (`npm run demo`): 0 on real data. */
  simulatedCases?: number;
  sampleSize: { activityInstances: number; cases?: number };
  activities: ActivityRow[];
}

export interface Kpi {
  key: string;
  value: number | null;
  unit: 'share' | 'hours' | 'minutes' | 'currency' | 'score' | 'count';
  n: number;
  numerator?: number;
  median?: number | null;
  p90?: number | null;
  definition: string;
}

export interface KpiReport {
  sampleSize: { cases: number; running: number };
  kpis: Kpi[];
}

export interface ValueAddedReport {
  definitions: Record<string, string>;
  sampleSize: { cases: number };
  summary: Record<'nvaShare' | 'nvaSteps' | 'nvaStaffMinutes' | 'pce' | 'pceOfLeadTime' | 'waitingShare' | 'designedWaitShare', Summary>;
}

export interface ReworkReport {
  definitions: { rework: string };
  cases: number;
  casesWithRework: number;
  reworkRate: number | null;
}

export interface KpiTarget {
  baseline?: number;
  target?: number;
}

export interface KpiTargets {
  processKey: string;
  source: 'stored' | 'defaults';
  targets: Record<string, KpiTarget>;
  kpis: string[];
}

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
