import type { ActivityRun } from './activity-run.js';
import { groupByCase, type CaseFigures } from './case-report.js';
import { DEFINITIONS, type FigureKey } from './definitions.js';
import { DAY_MS, HOUR_MS, type CaseRecord, type ElementCatalog } from './ledger.js';
import { ratio, summarize } from './statistics.js';

export interface KpiSettings {
  firstResponseSlaMs: number;
  resolutionSlaMs: number;
  repeatWindowMs: number;
  /** The variable naming the customer; absent: the business key. */
  customerVariable?: string;
  csatVariable: string;
  npsVariable: string;
  /** Lanes of the first tier; absent: the lane of each case's first user task. */
  firstTierLanes?: readonly string[];
  /** Hourly cost of work on elements without costPerHour. */
  defaultCostPerHour: number;
}

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  firstResponseSlaMs: 4 * HOUR_MS,
  resolutionSlaMs: 4 * HOUR_MS,
  repeatWindowMs: 7 * DAY_MS,
  csatVariable: 'csat',
  npsVariable: 'nps',
  defaultCostPerHour: 0,
};

export type KpiUnit = 'share' | 'hours' | 'minutes' | 'currency' | 'score' | 'count';

export interface Kpi {
  key: FigureKey;
  value: number | null;
  unit: KpiUnit;
  /** The sample size: cases behind the figure. */
  n: number;
  /** For a rate: the cases that met it. */
  numerator?: number;
  median?: number | null;
  p90?: number | null;
  definition: string;
}

const USER_TASK = 'userTask';

/**
 * The service KPIs of DESIGN.md section 5 over the analysed cases: `cases` (running ones too, for
 * repeat contacts), the runs of these cases and their per-case figures.
 */
export const kpis = (
  cases: readonly CaseRecord[],
  runs: readonly ActivityRun[],
  figures: readonly CaseFigures[],
  catalog: ElementCatalog,
  settings: KpiSettings = DEFAULT_KPI_SETTINGS,
): Kpi[] => {
  const runsByCase = groupByCase(runs);
  const ended = cases.filter((record) => record.endedAt !== null);
  const completed = ended.filter(({ status }) => status === 'completed');
  const customerOf = (record: CaseRecord): string | null => {
    const value = settings.customerVariable === undefined ? record.businessKey : record.variables[settings.customerVariable];
    return value === null || value === undefined || value === '' ? null : String(value);
  };
  const byCustomer = new Map<string, CaseRecord[]>();
  for (const record of cases) {
    const customer = customerOf(record);
    if (customer === null) continue;
    const known = byCustomer.get(customer);
    if (known) known.push(record);
    else byCustomer.set(customer, [record]);
  }
  const escalated = (record: CaseRecord) => (runsByCase.get(record.instanceId) ?? []).some(({ escalations }) => escalations.length > 0);
  const repeatedLater = (record: CaseRecord): boolean => {
    const customer = customerOf(record);
    if (customer === null || record.endedAt === null) return false;
    return byCustomer
      .get(customer)!
      .some((other) => other !== record && other.startedAt > record.startedAt && other.startedAt <= record.endedAt! + settings.repeatWindowMs);
  };
  const isRepeat = (record: CaseRecord): boolean =>
    byCustomer
      .get(customerOf(record)!)!
      .some((other) => other !== record && other.startedAt < record.startedAt && other.startedAt >= record.startedAt - settings.repeatWindowMs);
  const userTasks = (record: CaseRecord) =>
    (runsByCase.get(record.instanceId) ?? []).filter(({ elementType }) => elementType === USER_TASK).sort((a, b) => a.readyAt - b.readyAt);
  const firstTier = (record: CaseRecord): boolean => {
    const tasks = userTasks(record);
    const lanes = settings.firstTierLanes ?? (tasks[0]?.laneId ? [tasks[0].laneId] : []);
    return tasks.every(({ laneId }) => laneId === null || lanes.includes(laneId));
  };

  const fcr = completed.filter((record) => firstTier(record) && !escalated(record) && !repeatedLater(record));
  const responses = cases
    .map((record) => {
      const starts = userTasks(record).flatMap(({ firstStartedAt }) => (firstStartedAt === null ? [] : [firstStartedAt]));
      return starts.length === 0 ? null : Math.min(...starts) - record.startedAt;
    })
    .filter((response): response is number => response !== null);
  const resolved = completed.filter((record) => record.endedAt! - record.startedAt <= settings.resolutionSlaMs);
  const withCustomer = cases.filter((record) => customerOf(record) !== null);
  const repeats = withCustomer.filter(isRepeat);
  const costs = figures.map(({ instanceId }) =>
    (runsByCase.get(instanceId) ?? []).reduce(
      (sum, run) => sum + (run.processingMs / HOUR_MS) * (catalog.get(run.elementId)?.costPerHour ?? settings.defaultCostPerHour),
      0,
    ),
  );
  const scores = (name: string) => cases.map(({ variables }) => variables[name]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  const csat = scores(settings.csatVariable);
  const nps = scores(settings.npsVariable);

  const rate = (key: FigureKey, met: number, of: number): Kpi => ({ key, value: ratio(met, of), unit: 'share', n: of, numerator: met, definition: DEFINITIONS[key] });
  const distribution = (key: FigureKey, unit: KpiUnit, values: number[]): Kpi => {
    const summary = summarize(values);
    return { key, value: summary.mean, unit, n: summary.n, median: summary.median, p90: summary.p90, definition: DEFINITIONS[key] };
  };
  return [
    rate('fcr', fcr.length, completed.length),
    rate('slaFirstResponse', responses.filter((response) => response <= settings.firstResponseSlaMs).length, responses.length),
    rate('slaResolution', resolved.length, completed.length),
    rate('escalationRate', ended.filter(escalated).length, ended.length),
    rate('repeatContactRate', repeats.length, withCustomer.length),
    distribution('costPerCase', 'currency', costs),
    distribution('csat', 'score', csat),
    {
      key: 'nps',
      value: nps.length === 0 ? null : (100 * (nps.filter((score) => score >= 9).length - nps.filter((score) => score <= 6).length)) / nps.length,
      unit: 'score',
      n: nps.length,
      definition: DEFINITIONS.nps,
    },
    distribution('meanLeadTime', 'hours', figures.map(({ leadTimeMs }) => leadTimeMs / HOUR_MS)),
    distribution('handlingTime', 'minutes', figures.map(({ handlingMs }) => handlingMs / 60_000)),
  ];
};
