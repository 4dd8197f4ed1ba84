import { isActivityType } from '#bpmn';
import { caseFigures, caseOutcomes, DEFAULT_KPI_SETTINGS, groupByCase, type ActivityRun, type CaseRecord, type ElementCatalog } from '#analytics';
import type { ArmActivity, ArmCase, MetricKey, StageTime } from '#experiments';
import type { RoutedCase } from '#persistence';

const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/**
 * The routed cases as the experiment analysis reads them, with the analytics' own definitions:
 * the rate KPIs case by case (`caseOutcomes`), lead time and its waiting and working parts
 * (`caseFigures`), time per stage, and the ended activity instances. Each case is read with the
 * element catalog of the version it ran on.
 */
export function armCases(
  routed: readonly RoutedCase[],
  cases: readonly CaseRecord[],
  runs: readonly ActivityRun[],
  catalogs: ReadonlyMap<string, ElementCatalog>,
): { cases: ArmCase[]; activities: ArmActivity[] } {
  const recordOf = new Map(cases.map((record) => [record.instanceId, record]));
  const outcomeOf = new Map(caseOutcomes(cases, runs, DEFAULT_KPI_SETTINGS).map((outcome) => [outcome.instanceId, outcome]));
  const runsOf = groupByCase(runs);
  const figureOf = new Map(
    [...catalogs.entries()].flatMap(([versionId, catalog]) =>
      caseFigures(
        cases.filter((record) => record.endedAt !== null && record.processVersionId === versionId),
        runs,
        catalog,
      ).map((figure) => [figure.instanceId, figure] as const),
    ),
  );
  const armCaseList: ArmCase[] = [];
  const activities: ArmActivity[] = [];
  for (const route of routed) {
    const record = recordOf.get(route.instanceId);
    if (!record) continue;
    const ended = record.endedAt !== null;
    const own = runsOf.get(route.instanceId) ?? [];
    const catalog = catalogs.get(record.processVersionId);
    const outcome = outcomeOf.get(route.instanceId)!;
    const figure = figureOf.get(route.instanceId);
    const values: Partial<Record<MetricKey, number | null>> = ended
      ? {
          fcr: flag(outcome.fcr),
          slaAttainment: flag(outcome.firstResponseMet),
          resolutionSla: flag(outcome.resolutionMet),
          escalationRate: flag(outcome.escalated),
          repeatContactRate: flag(outcome.repeatContact),
          reworkRate: flag(outcome.rework),
          leadTime: figure?.leadTimeMs ?? null,
          waitingTime: figure ? figure.decomposition.queue + figure.decomposition.claimedIdle : null,
          processingTime: figure?.decomposition.processing ?? null,
        }
      : {};
    const stages: Record<string, StageTime> = {};
    const worked = own.filter((run) => !run.container && run.outcome === 'completed' && isActivityType(run.elementType));
    if (ended) {
      for (const run of worked) {
        const stage = catalog?.get(run.elementId)?.stage;
        if (stage === undefined) continue;
        const time = (stages[stage] ??= { waitingMs: 0, processingMs: 0 });
        time.waitingMs += run.queueMs + run.claimedIdleMs;
        time.processingMs += run.processingMs;
      }
      for (const run of worked) activities.push({ armId: route.armId, elementId: run.elementId, durationMs: run.endedAt! - run.readyAt });
    }
    armCaseList.push({
      instanceId: route.instanceId,
      armId: route.armId,
      reason: route.reason,
      unitKey: route.unitKey,
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      values,
      stages,
    });
  }
  return { cases: armCaseList, activities };
}
