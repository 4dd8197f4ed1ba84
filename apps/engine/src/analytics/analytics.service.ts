import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ActivityReportView, KpiReportView, ReportHead, ReworkReportView, ValueAddedReportView } from '#api-types';
import { DomainError } from '#core';
import {
  ACTIVITY_DEFINITIONS,
  activityReport,
  activityReportFromAggregates,
  addToAggregate,
  emptyAggregate,
  endedWithin,
  handoffMs,
  bottlenecks,
  caseValues,
  COMPONENTS,
  DEFINITIONS,
  designedWaits,
  elementCatalog,
  foldLedger,
  HISTOGRAM_RELATIVE_ERROR,
  kpisOfTotals,
  kpiTotalsOfRollup,
  caseAggregateOfRollup,
  reworkOfRollup,
  rollupServesKpis,
  teamWorkOfRollup,
  leadTimeSummary,
  leadTimeSummaryFromAggregate,
  reworkOfCases,
  utilizationOfTeams,
  valueAddedSummary,
  valueAddedSummaryFromAggregate,
  VALUE_ADDED_FIGURES,
  type ActivityAggregate,
  type ActivityRow,
  type CaseAggregate,
  type CaseFigures,
  type ElementCatalog,
  type TeamWork,
} from '#analytics';
import {
  AnalyticsAggregator,
  AnalyticsRepository,
  CaseFactRepository,
  GroupRepository,
  type FactScope,
  type FactUtilization,
  type RollupDays,
  ProcessVersionRepository,
  SimulatedHistoryRepository,
  type AnalyticsScope,
} from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { ANALYTICS_ERRORS } from './analytics-errors.js';
import type { AnalyticsRequest } from './analytics-query.js';
import { csvRows, XES_FOOTER, XES_HEADER, xesTraces, type EventLogFormat } from './event-log.js';

/** How often queued activity instances are folded into the aggregates when nobody asks for a report. */
const DRAIN_INTERVAL_MS = 5_000;

/**
 * The most cases the per-activity report folds at once from the ledger (for a segment or a window
 * that cuts a day) to give exact medians; beyond it the cases are folded a batch at a time into
 * the aggregates' sketches, so memory stays bounded whatever the scope. Every other report reads
 * the case facts.
 */
export const MAX_EXACT_CASES = 20_000;

/** Cases per batch when a large ledger scan is folded into sketches. */
const SKETCH_BATCH_CASES = 2_000;

export interface ResolvedScope {
  scope: AnalyticsScope;
  catalog: ElementCatalog;
  versions: ReportHead['scope']['versions'];
  /** Cases of these versions that a simulation wrote (demo data), whatever the window. */
  simulatedCases: number;
  /** The scope on the case facts: whether every version declares the segments asked for (tandem:segments). */
  facts: FactScope;
}

@Injectable()
export class AnalyticsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AnalyticsService.name);
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<unknown> = Promise.resolve();
  /** Above this many cases the per-activity ledger scan folds into sketches (a test lowers it to take that path on a few cases). */
  exactCaseLimit = MAX_EXACT_CASES;
  /** Whether the rollup answers what it can (a test turns it off to compare it with the facts). */
  rollupEnabled = true;

  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly aggregator: AnalyticsAggregator,
    private readonly versions: ProcessVersionCache,
    private readonly versionRepository: ProcessVersionRepository,
    private readonly groups: GroupRepository,
    private readonly simulated: SimulatedHistoryRepository,
    private readonly facts: CaseFactRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.drain().catch((error: unknown) => this.logger.warn(`analytics aggregation failed: ${String(error)}`)), DRAIN_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.draining.catch(() => undefined);
  }

  /** Folds the queued activity instances into the aggregates (one drain at a time in this process). */
  drain(): Promise<unknown> {
    this.draining = this.draining.catch(() => undefined).then(() => this.aggregator.drain());
    return this.draining;
  }

  /**
   * Per-activity figures. One version or several over all time, or over whole UTC days, read the
   * aggregates; segment filters and windows that are not whole days scan the ledger.
   */
  async activities(request: AnalyticsRequest): Promise<ActivityReportView> {
    const resolved = await this.resolve(request);
    const days = wholeDays(request);
    let rows: ActivityRow[];
    if (days !== null && Object.keys(request.segments).length === 0) {
      await this.drain();
      const aggregates = await this.repository.activityAggregates(resolved.scope.processVersionIds, days.all ? undefined : days);
      rows = activityReportFromAggregates(aggregates, resolved.catalog);
      return {
        ...head(request, resolved, 'aggregates'),
        definitions: { ...ACTIVITY_DEFINITIONS, sketch: sketchNote() },
        sampleSize: { activityInstances: rows.reduce((sum, row) => sum + row.count, 0) },
        activities: rows,
      };
    }
    const cases = await this.repository.findCases(resolved.scope, this.exactCaseLimit + 1);
    if (cases.length <= this.exactCaseLimit) {
      rows = activityReport(foldLedger(await this.repository.findSteps(cases.map(({ instanceId }) => instanceId)), resolved.catalog), resolved.catalog, windowOf(request));
      return {
        ...head(request, resolved, 'ledger'),
        definitions: ACTIVITY_DEFINITIONS,
        sampleSize: { activityInstances: rows.reduce((sum, row) => sum + row.count, 0), cases: cases.length },
        activities: rows,
      };
    }
    const sketched = await this.sketchLedger(request, resolved);
    return {
      ...head(request, resolved, 'ledger'),
      definitions: { ...ACTIVITY_DEFINITIONS, sketch: sketchNote() },
      sampleSize: { activityInstances: sketched.rows.reduce((sum, row) => sum + row.count, 0), cases: sketched.cases },
      activities: sketched.rows,
    };
  }

  /** The per-activity figures of a scope too large to fold at once: a batch of cases (with all their steps) at a time, into sketches. */
  private async sketchLedger(request: AnalyticsRequest, resolved: ResolvedScope): Promise<{ rows: ActivityRow[]; cases: number }> {
    const window = windowOf(request);
    const aggregates = new Map<string, ActivityAggregate>();
    let cases = 0;
    for await (const batch of this.repository.eventLog(resolved.scope, SKETCH_BATCH_CASES)) {
      cases += batch.cases.length;
      const runs = foldLedger(batch.steps, resolved.catalog);
      const byId = new Map(runs.map((run) => [run.activityInstanceId, run]));
      for (const run of runs) {
        if (!endedWithin(run, window)) continue;
        let aggregate = aggregates.get(run.elementId);
        if (!aggregate) {
          aggregate = emptyAggregate(run.elementId, run.elementType, run.laneId);
          aggregates.set(run.elementId, aggregate);
        }
        addToAggregate(aggregate, run, run.previousActivityInstanceId === null ? null : handoffMs(run, byId.get(run.previousActivityInstanceId)));
      }
    }
    return { rows: activityReportFromAggregates([...aggregates.values()], resolved.catalog), cases };
  }

  /** The desk's bottlenecks, ranked; the designed waits apart, never ranked. */
  async bottlenecks(request: AnalyticsRequest) {
    const { activities, definitions, ...rest } = await this.activities(request);
    return {
      ...rest,
      definitions: { bottleneck: DEFINITIONS.bottleneck, waiting: definitions.waiting, designedWait: definitions.designedWait },
      bottlenecks: bottlenecks(activities),
      designedWaits: designedWaits(activities),
    };
  }

  /**
   * Lead time and its decomposition. The summary of whole days (or all time) without segments reads
   * the case aggregates; the per-case rows (table=cases) and segments scan the ledger.
   */
  async cases(request: AnalyticsRequest) {
    const resolved = await this.resolve(request);
    const definitions = {
      leadTime: DEFINITIONS.leadTime,
      deskTime: DEFINITIONS.deskTime,
      decomposition: DEFINITIONS.decomposition,
      designedWait: DEFINITIONS.designedWait,
      externalSystem: DEFINITIONS.externalSystem,
    };
    const aggregate = await this.caseAggregate(request, resolved);
    if (aggregate !== null) {
      return { ...head(request, resolved, 'aggregates'), definitions, sampleSize: { cases: aggregate.cases }, summary: leadTimeSummaryFromAggregate(aggregate) };
    }
    const figures = await this.figures(resolved);
    return {
      ...head(request, resolved, 'facts'),
      definitions,
      sampleSize: { cases: figures.length },
      summary: leadTimeSummary(figures),
      cases: figures.map((figure) => ({
        instanceId: figure.instanceId,
        processVersionId: figure.processVersionId,
        businessKey: figure.businessKey,
        startedAt: new Date(figure.startedAt).toISOString(),
        endedAt: new Date(figure.endedAt).toISOString(),
        leadTime: figure.leadTimeMs / 1000,
        deskTime: figure.deskTimeMs / 1000,
        ...Object.fromEntries(COMPONENTS.map((component) => [component, figure.decomposition[component] / 1000])),
      })),
    };
  }

  /** The value-added view; aggregate-backed as `cases` is. */
  async valueAdded(request: AnalyticsRequest): Promise<ValueAddedReportView> {
    const resolved = await this.resolve(request);
    const definitions = Object.fromEntries(VALUE_ADDED_FIGURES.map((figure) => [figure, DEFINITIONS[figure]])) as Record<(typeof VALUE_ADDED_FIGURES)[number], string>;
    const aggregate = await this.caseAggregate(request, resolved);
    if (aggregate !== null) {
      return { ...head(request, resolved, 'aggregates'), definitions, sampleSize: { cases: aggregate.cases }, summary: valueAddedSummaryFromAggregate(aggregate) };
    }
    const figures = await this.figures(resolved);
    return {
      ...head(request, resolved, 'facts'),
      definitions,
      sampleSize: { cases: figures.length },
      summary: valueAddedSummary(figures),
      cases: figures.map((figure) => {
        const values = caseValues(figure);
        return {
          instanceId: figure.instanceId,
          leadTime: figure.leadTimeMs / 1000,
          deskTime: figure.deskTimeMs / 1000,
          ...Object.fromEntries(VALUE_ADDED_FIGURES.map((name) => [name, values[name] ?? null])),
        };
      }),
    };
  }

  /** Rework over the ended cases of the window: from the rollup for whole days and declared segments, else from their facts. */
  async rework(request: AnalyticsRequest): Promise<ReworkReportView> {
    const resolved = await this.resolve(request);
    await this.drain();
    const days = this.rollupDays(request, resolved);
    let report;
    if (days !== null) report = reworkOfRollup(await this.facts.rollup(resolved.scope.processVersionIds, days, request.segments, 'rework'));
    else {
      const { cases, reworks } = await this.facts.rework(resolved.facts);
      report = reworkOfCases(cases, reworks);
    }
    return {
      ...head(request, resolved, days !== null ? 'aggregates' : 'facts'),
      definitions: { rework: DEFINITIONS.rework },
      sampleSize: { cases: report.cases },
      ...report,
    };
  }

  /** The desk's working time per team over its available time, from the facts' work of the cases in scope. */
  async utilization(request: AnalyticsRequest) {
    const resolved = await this.resolve(request);
    await this.drain();
    // All time reads the rollup (ended cases) and the running cases' facts; a window counts each run by its own end, from the facts.
    const allTime = request.from === undefined && request.to === undefined && this.rollupDays(request, resolved) !== null;
    const work = allTime ? await this.rolledUpWork(resolved) : await this.facts.utilization(resolved.facts);
    // Without a window: from the first ready to the last end of the work counted.
    const window = {
      from: request.from?.getTime() ?? work.firstReadyAt ?? 0,
      to: request.to?.getTime() ?? work.lastEndedAt ?? 0,
    };
    const groupSizes = new Map((await this.groups.list()).map(({ id, members }) => [id, members.length]));
    return {
      ...head(request, resolved, allTime ? 'aggregates' : 'facts'),
      definitions: { utilisation: DEFINITIONS.utilisation },
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), hours: (window.to - window.from) / 3_600_000 },
      sampleSize: { activityInstances: work.activityInstances },
      teams: utilizationOfTeams(work.teams, window, groupSizes),
    };
  }

  /** The rollup's days for the request (undefined: all time), or null when it cannot answer: a window that cuts a day, or a segment some version does not declare. */
  private rollupDays(request: AnalyticsRequest, resolved: ResolvedScope): RollupDays | undefined | null {
    const days = wholeDays(request);
    if (!this.rollupEnabled || days === null || !resolved.facts.segmentsDeclared) return null;
    return days.all ? undefined : { fromDay: days.fromDay, toDay: days.toDay };
  }

  /** The ended cases' work from the rollup and the running cases' from their facts. */
  private async rolledUpWork(resolved: ResolvedScope): Promise<FactUtilization> {
    const [ended, running] = await Promise.all([
      this.facts.rollup(resolved.scope.processVersionIds, undefined, resolved.scope.segments, 'work'),
      this.facts.runningWork(resolved.facts),
    ]);
    const teams = new Map<string, TeamWork>();
    for (const one of [...teamWorkOfRollup(ended), ...running.teams]) {
      const key = `${one.kind}:${one.team}`;
      const known = teams.get(key);
      teams.set(key, known ? { ...known, activityInstances: known.activityInstances + one.activityInstances, processingMs: known.processingMs + one.processingMs } : one);
    }
    const pick = (a: number | null, b: number | null, choose: (x: number, y: number) => number) => (a === null ? b : b === null ? a : choose(a, b));
    return {
      teams: [...teams.values()],
      activityInstances: ended.endedRuns + running.activityInstances,
      firstReadyAt: pick(ended.firstReadyAt, running.firstReadyAt, Math.min),
      lastEndedAt: pick(ended.lastEndedAt, running.lastEndedAt, Math.max),
    };
  }

  /**
   * The service KPIs with the request's SLAs, repeat window, first tier and costs: from the rollup
   * of the ended cases (plus the running ones' facts) when the settings are the defaults it
   * counted with, the window is whole days and the segments are declared; else from the facts.
   */
  async kpis(request: AnalyticsRequest): Promise<KpiReportView> {
    const resolved = await this.resolve(request);
    await this.drain();
    const days = this.rollupDays(request, resolved);
    if (days !== null && rollupServesKpis(request.kpi)) {
      const [ended, running] = await Promise.all([this.facts.rollup(resolved.scope.processVersionIds, days, request.segments, 'kpis'), this.facts.runningKpis(resolved.facts)]);
      const rolled = kpiTotalsOfRollup(ended, running);
      return {
        ...head(request, resolved, 'aggregates'),
        sketch: sketchNote(),
        settings: request.kpi,
        sampleSize: { cases: rolled.escalation.of, running: running.running },
        kpis: kpisOfTotals(rolled, request.kpi),
      };
    }
    const totals = await this.facts.kpiTotals(resolved.facts, request.kpi);
    return {
      ...head(request, resolved, 'facts'),
      settings: request.kpi,
      // Running cases count where they can (first response, repeat contacts) when they started in the window.
      sampleSize: { cases: totals.escalation.of, running: totals.running },
      kpis: kpisOfTotals(totals, request.kpi),
    };
  }

  /**
   * The event log of the scope as text chunks, read and written one batch of cases at a time so a
   * million events never sit in memory. Checks the request before the first chunk.
   */
  async eventLog(request: AnalyticsRequest, format: EventLogFormat): Promise<AsyncGenerator<string>> {
    const resolved = await this.resolve(request);
    const batches = this.repository.eventLog(resolved.scope);
    return (async function* () {
      if (format === 'xes') yield XES_HEADER;
      let first = true;
      for await (const { cases, steps } of batches) {
        yield format === 'xes' ? xesTraces(cases, steps, resolved.catalog) : csvRows(cases, steps, resolved.catalog, first);
        first = false;
      }
      if (format === 'xes') yield XES_FOOTER;
      else if (first) yield csvRows([], [], resolved.catalog, true);
    })();
  }

  /** The versions and their element catalog; 404 for a version or key nobody deployed. */
  async resolve(request: AnalyticsRequest): Promise<ResolvedScope> {
    let ids = request.processVersionIds;
    if (request.processKey !== undefined) {
      if (ids.length > 0) throw new DomainError(ANALYTICS_ERRORS.queryInvalid, 'Give processVersionId or processKey, not both', { field: 'processKey' });
      ids = (await this.versionRepository.list(request.processKey)).map(({ id }) => id);
      if (ids.length === 0) throw new DomainError(APP_ERRORS.processNotFound, `No process with key '${request.processKey}' is deployed`, { key: request.processKey });
    }
    const versions = await Promise.all([...new Set(ids)].map((id) => this.versions.get(id)));
    const scope = { processVersionIds: versions.map(({ id }) => id), from: request.from, to: request.to, segments: request.segments };
    const segmentsDeclared = versions.every(({ graph }) => Object.keys(request.segments).every((name) => graph.segments?.includes(name)));
    return {
      scope,
      facts: { ...scope, segmentsDeclared },
      catalog: elementCatalog([...versions].sort((a, b) => a.version - b.version).map(({ graph }) => graph)),
      versions: versions.map(({ id, key, version }) => ({ id, key, version })),
      simulatedCases: await this.simulated.countByVersions(versions.map(({ id }) => id)),
    };
  }

  /**
   * The case aggregates of the request (with declared segments: the rollup's), or null when it
   * needs per-case rows or the facts (undeclared segments, part days).
   */
  private async caseAggregate(request: AnalyticsRequest, resolved: ResolvedScope): Promise<CaseAggregate | null> {
    const days = wholeDays(request);
    if (days === null || request.table === 'cases') return null;
    if (Object.keys(request.segments).length > 0) {
      const rolled = this.rollupDays(request, resolved);
      if (rolled === null) return null;
      await this.drain();
      return caseAggregateOfRollup(await this.facts.rollup(resolved.scope.processVersionIds, rolled, request.segments, 'figures'));
    }
    await this.drain();
    return this.repository.caseAggregate(resolved.scope.processVersionIds, days.all ? undefined : days);
  }

  /** The per-case figures of the cases that ended in the window, from their facts (drained first). */
  private async figures(resolved: ResolvedScope): Promise<CaseFigures[]> {
    await this.drain();
    return this.facts.figures(resolved.facts);
  }
}

const windowOf = (request: AnalyticsRequest) => ({ from: request.from?.getTime(), to: request.to?.getTime() });

const isMidnight = (date: Date | undefined): boolean => date === undefined || date.getTime() % 86_400_000 === 0;

/** The window as whole UTC days for the day buckets, or null when it cuts a day. */
const wholeDays = (request: AnalyticsRequest): { all: boolean; fromDay?: string; toDay?: string } | null => {
  if (!isMidnight(request.from) || !isMidnight(request.to)) return null;
  return {
    all: request.from === undefined && request.to === undefined,
    ...(request.from && { fromDay: request.from.toISOString().slice(0, 10) }),
    ...(request.to && { toDay: request.to.toISOString().slice(0, 10) }),
  };
};

const head = (request: AnalyticsRequest, resolved: ResolvedScope, source: ReportHead['source']): ReportHead => ({
  scope: {
    processVersionIds: resolved.scope.processVersionIds as string[],
    versions: resolved.versions,
    from: request.from?.toISOString() ?? null,
    to: request.to?.toISOString() ?? null,
    segments: request.segments,
  },
  source,
  unit: 'seconds',
  simulatedCases: resolved.simulatedCases,
});

const sketchNote = (): string =>
  `Means and counts are exact. Medians and p90 come from log-bucket histograms (8 buckets per doubling): within ${(HISTOGRAM_RELATIVE_ERROR * 100).toFixed(1)} % of the order statistic they stand for (0.5 s below 1 s).`;
