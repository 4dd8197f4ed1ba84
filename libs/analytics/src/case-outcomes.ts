import { caseIntervals, decompose, deskTimeOf, groupByCase } from './case-report.js';
import type { ActivityRun } from './activity-run.js';
import type { CaseRecord } from './ledger.js';
import type { KpiSettings } from './kpi-settings.js';
import { rework } from './rework.js';

/**
 * The rate KPIs of DESIGN.md section 5 case by case: whether each case met each one, or null when
 * the KPI does not count the case (FCR and resolution SLA count completed cases, escalation and
 * rework ended ones, first response the cases with a started human step, repeat contact the cases
 * with a customer key). The resolution SLA is met by the desk's time, not the lead time: designed
 * waits and external-system time are not the desk's. `kpis` counts these; experiments compare
 * them between arms.
 */
export interface CaseOutcome {
  instanceId: string;
  fcr: boolean | null;
  firstResponseMet: boolean | null;
  resolutionMet: boolean | null;
  escalated: boolean | null;
  repeatContact: boolean | null;
  rework: boolean | null;
  /** first human step started - case start, ms */
  firstResponseMs: number | null;
  /** Completed cases: the desk's time (lead time without designed waits and external-system time), ms; what the resolution SLA is met by. */
  resolutionMs: number | null;
}

const USER_TASK = 'userTask';

/** `cases` should hold every case of the customers concerned (running ones too): repeats are found among them. */
export const caseOutcomes = (cases: readonly CaseRecord[], runs: readonly ActivityRun[], settings: KpiSettings): CaseOutcome[] => {
  const runsByCase = groupByCase(runs);
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
  const repeatedLater = (record: CaseRecord, customer: string | null): boolean =>
    customer !== null &&
    record.endedAt !== null &&
    byCustomer.get(customer)!.some((other) => other !== record && other.startedAt > record.startedAt && other.startedAt <= record.endedAt! + settings.repeatWindowMs);
  const isRepeat = (record: CaseRecord, customer: string): boolean =>
    byCustomer.get(customer)!.some((other) => other !== record && other.startedAt < record.startedAt && other.startedAt >= record.startedAt - settings.repeatWindowMs);

  return cases.map((record) => {
    const own = runsByCase.get(record.instanceId) ?? [];
    const userTasks = own.filter(({ elementType }) => elementType === USER_TASK).sort((a, b) => a.readyAt - b.readyAt);
    const escalated = own.some(({ escalations }) => escalations.length > 0);
    const lanes = settings.firstTierLanes ?? (userTasks[0]?.laneId ? [userTasks[0].laneId] : []);
    const firstTier = userTasks.every(({ laneId }) => laneId === null || lanes.includes(laneId));
    const starts = userTasks.flatMap(({ firstStartedAt }) => (firstStartedAt === null ? [] : [firstStartedAt]));
    const firstResponseMs = starts.length === 0 ? null : Math.min(...starts) - record.startedAt;
    const ended = record.endedAt !== null;
    const completed = ended && record.status === 'completed';
    const customer = customerOf(record);
    // Resolution is the desk's doing: a designed wait (three days before the survey call) or an external system does not count against it.
    const resolutionMs = completed ? deskTimeOf(record.endedAt! - record.startedAt, decompose(record.startedAt, record.endedAt!, caseIntervals(own))) : null;
    return {
      instanceId: record.instanceId,
      fcr: completed ? firstTier && !escalated && !repeatedLater(record, customer) : null,
      firstResponseMet: firstResponseMs === null ? null : firstResponseMs <= settings.firstResponseSlaMs,
      resolutionMet: resolutionMs === null ? null : resolutionMs <= settings.resolutionSlaMs,
      escalated: ended ? escalated : null,
      repeatContact: customer === null ? null : isRepeat(record, customer),
      rework: ended ? rework([record.instanceId], own).casesWithRework > 0 : null,
      firstResponseMs,
      resolutionMs,
    };
  });
};
