import { isActivityType } from '#bpmn';
import type { INestApplication } from '@nestjs/common';
import { caseFigures, caseOutcomes, DEFAULT_KPI_SETTINGS, elementCatalog, foldLedger, groupByCase, type ActivityRun, type CaseRecord, type ElementCatalog } from '#analytics';
import { analyzeExperiment, type ArmActivity, type ArmCase, type ExperimentAnalysis, type MetricKey, type StageTime } from '#experiments';
import { AnalyticsRepository, ExperimentRepository, type RoutedCase } from '#persistence';
import { ProcessVersionCache } from '../../../apps/engine/src/definitions/process-version-cache.js';

const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/**
 * The experiment analysis's reading of the routed cases as it was before the case facts (issue
 * 20), kept as the reference the facts are compared with: the ledger folded in memory, with the
 * analytics' own definitions:
 * the rate KPIs case by case (`caseOutcomes`), lead time and its waiting and working parts
 * (`caseFigures`), time per stage, and the ended activity instances. Each case is read with the
 * element catalog of the version it ran on.
 */
export function ledgerArmCases(
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

/** The analysis as the service computed it from the ledger before the case facts: every routed case's steps read and folded. */
export const ledgerAnalysis = async (app: INestApplication, experimentId: string, now: number): Promise<ExperimentAnalysis> => {
  const record = (await app.get(ExperimentRepository).findById(experimentId))!;
  const routed = await app.get(ExperimentRepository).routedCases(experimentId);
  const ids = routed.map(({ instanceId }) => instanceId);
  const analytics = app.get(AnalyticsRepository);
  const [cases, steps] = await Promise.all([analytics.findCasesByIds(ids), analytics.findSteps(ids)]);
  const versions = app.get(ProcessVersionCache);
  const catalogs = new Map<string, ElementCatalog>();
  for (const versionId of new Set(cases.map(({ processVersionId }) => processVersionId))) catalogs.set(versionId, elementCatalog([(await versions.get(versionId)).graph]));
  const versionOf = new Map(cases.map(({ instanceId, processVersionId }) => [instanceId, processVersionId]));
  const runs = [...catalogs].flatMap(([versionId, catalog]) =>
    foldLedger(
      steps.filter(({ instanceId }) => versionOf.get(instanceId) === versionId),
      catalog,
    ),
  );
  const { cases: armCaseList, activities } = ledgerArmCases(routed, cases, runs, catalogs);
  const moved = routed.filter((route) => route.processVersionId !== route.armVersionId);
  return analyzeExperiment({
    experiment: record.experiment,
    now,
    startedAt: record.startedAt!.getTime(),
    stoppedAt: record.stoppedAt?.getTime() ?? null,
    cases: armCaseList,
    activities,
    planViolations:
      moved.length === 0
        ? []
        : [
            `${moved.length} routed case(s) no longer run on their arm's version (e.g. ${moved[0].instanceId} of arm "${moved[0].armId}" runs on ${moved[0].processVersionId}): they were migrated by hand`,
          ],
  });
};
