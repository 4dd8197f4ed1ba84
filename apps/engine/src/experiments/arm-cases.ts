import { DEFAULT_KPI_SETTINGS } from '#analytics';
import type { ArmActivity, ArmCase, MetricKey } from '#experiments';
import type { ArmFact, RoutedCase } from '#persistence';

const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/** The metrics a case's own fact settles when it ends; the FCR and repeat contact also need the customer's other cases. */
export const SETTLED_METRICS = [
  'slaAttainment',
  'resolutionSla',
  'escalationRate',
  'reworkRate',
  'leadTime',
  'waitingTime',
  'processingTime',
] as const satisfies readonly MetricKey[];

type SettledFact = Pick<ArmFact, 'status' | 'leadTimeMs' | 'deskTimeMs' | 'waitingMs' | 'processingMs' | 'firstResponseMs' | 'escalated' | 'rework'>;

/** An ended case's values of the settled metrics, with the default KPI settings. */
export function settledValues(fact: SettledFact): Record<(typeof SETTLED_METRICS)[number], number | null> {
  const settings = DEFAULT_KPI_SETTINGS;
  const completed = fact.status === 'completed';
  return {
    slaAttainment: flag(fact.firstResponseMs === null ? null : fact.firstResponseMs <= settings.firstResponseSlaMs),
    resolutionSla: flag(completed && fact.deskTimeMs !== null ? fact.deskTimeMs <= settings.resolutionSlaMs : null),
    escalationRate: flag(fact.escalated),
    reworkRate: flag(fact.rework),
    leadTime: fact.leadTimeMs,
    waitingTime: fact.waitingMs,
    processingTime: fact.processingMs,
  };
}

/** The index of the first start in ascending `starts` greater than `value` (or equal, with `orEqual`). */
const firstAbove = (starts: readonly number[], value: number, orEqual = false): number => {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle] > value || (orEqual && starts[middle] === value)) high = middle;
    else low = middle + 1;
  }
  return low;
};

/**
 * The routed cases as the experiment analysis reads them, from their facts (a few columns a case,
 * folded by the aggregator with the analytics' own definitions and each case's version): the rate
 * KPIs with the default settings (caseOutcomes), lead time and its waiting and working parts
 * (caseFigures), time per stage, and the completed activities. Repeat contacts are found among the
 * routed cases, as caseOutcomes found them.
 */
export function armCases(routed: readonly RoutedCase[], facts: readonly ArmFact[]): { cases: ArmCase[]; activities: ArmActivity[] } {
  const settings = DEFAULT_KPI_SETTINGS;
  const factOf = new Map(facts.map((fact) => [fact.instanceId, fact]));
  const customerOf = (fact: ArmFact): string | null => (fact.businessKey === null || fact.businessKey === '' ? null : fact.businessKey);
  const startsOf = new Map<string, number[]>();
  for (const fact of facts) {
    const customer = customerOf(fact);
    if (customer === null) continue;
    const starts = startsOf.get(customer);
    if (starts) starts.push(fact.startedAt);
    else startsOf.set(customer, [fact.startedAt]);
  }
  for (const starts of startsOf.values()) starts.sort((a, b) => a - b);
  // Another case of the customer started in the window before this one (strictly earlier), or after it within the window after its end.
  const isRepeat = (starts: readonly number[], fact: ArmFact): boolean => {
    const before = firstAbove(starts, fact.startedAt, true) - 1;
    return before >= 0 && starts[before] >= fact.startedAt - settings.repeatWindowMs;
  };
  const repeatedLater = (starts: readonly number[], fact: ArmFact): boolean => {
    const after = firstAbove(starts, fact.startedAt);
    return fact.endedAt !== null && after < starts.length && starts[after] <= fact.endedAt + settings.repeatWindowMs;
  };

  const cases: ArmCase[] = [];
  const activities: ArmActivity[] = [];
  for (const route of routed) {
    const fact = factOf.get(route.instanceId);
    if (!fact) continue;
    const ended = fact.endedAt !== null;
    const completed = ended && fact.status === 'completed';
    const customer = customerOf(fact);
    const starts = customer === null ? null : startsOf.get(customer)!;
    const lanes = fact.firstLane === null ? [] : [fact.firstLane];
    const firstTier = fact.userTaskLanes.every((lane) => lanes.includes(lane));
    const values: Partial<Record<MetricKey, number | null>> = ended
      ? {
          fcr: flag(completed ? firstTier && !fact.escalated && !(starts !== null && repeatedLater(starts, fact)) : null),
          repeatContactRate: flag(starts === null ? null : isRepeat(starts, fact)),
          ...settledValues(fact),
        }
      : {};
    if (ended) for (const { elementId, durationMs } of fact.worked) activities.push({ armId: route.armId, elementId, durationMs });
    cases.push({
      instanceId: route.instanceId,
      armId: route.armId,
      reason: route.reason,
      unitKey: route.unitKey,
      startedAt: fact.startedAt,
      endedAt: fact.endedAt,
      values,
      stages: ended ? fact.stages : {},
    });
  }
  return { cases, activities };
}
