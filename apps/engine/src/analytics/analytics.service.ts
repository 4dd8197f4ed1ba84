import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ActivityReportView, KpiReportView, ReportHead, ReworkReportView, ValueAddedReportView } from '#api-types';
import { DomainError } from '#core';
import {
  ACTIVITY_DEFINITIONS,
  activityReport,
  activityReportFromAggregates,
  bottlenecks,
  caseFigures,
  caseValues,
  COMPONENTS,
  DEFINITIONS,
  designedWaits,
  elementCatalog,
  endedWithin,
  foldLedger,
  HISTOGRAM_RELATIVE_ERROR,
  kpis,
  leadTimeSummary,
  leadTimeSummaryFromAggregate,
  rework,
  utilization,
  valueAddedSummary,
  valueAddedSummaryFromAggregate,
  VALUE_ADDED_FIGURES,
  type ActivityRow,
  type ActivityRun,
  type CaseAggregate,
  type CaseFigures,
  type CaseRecord,
  type ElementCatalog,
} from '#analytics';
import { AnalyticsAggregator, AnalyticsRepository, GroupRepository, ProcessVersionRepository, SimulatedHistoryRepository, type AnalyticsScope } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { ANALYTICS_ERRORS } from './analytics-errors.js';
import type { AnalyticsRequest } from './analytics-query.js';
import { csvRows, XES_FOOTER, XES_HEADER, xesTraces, type EventLogFormat } from './event-log.js';

/** How often queued activity instances are folded into the aggregates when nobody asks for a report. */
const DRAIN_INTERVAL_MS = 5_000;

/**
 * The most cases one ledger scan reads (all their steps are folded in memory): beyond it a report
 * asks for a narrower window or a segment instead of loading a whole history.
 */
export const MAX_SCANNED_CASES = 20_000;

export interface ResolvedScope {
  scope: AnalyticsScope;
  catalog: ElementCatalog;
  versions: ReportHead['scope']['versions'];
  /** Cases of these versions that a simulation wrote (demo data), whatever the window. */
  simulatedCases: number;
}

/** The cases in scope, folded. */
interface Ledger {
  cases: CaseRecord[];
  /** Cases that ended in the window: what case reports count. */
  ended: CaseRecord[];
  runs: ActivityRun[];
  figures: CaseFigures[];
}

@Injectable()
export class AnalyticsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AnalyticsService.name);
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly aggregator: AnalyticsAggregator,
    private readonly versions: ProcessVersionCache,
    private readonly versionRepository: ProcessVersionRepository,
    private readonly groups: GroupRepository,
    private readonly simulated: SimulatedHistoryRepository,
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
    const ledger = await this.ledger(request, resolved);
    rows = activityReport(ledger.runs, resolved.catalog, windowOf(request));
    return {
      ...head(request, resolved, 'ledger'),
      definitions: ACTIVITY_DEFINITIONS,
      sampleSize: { activityInstances: rows.reduce((sum, row) => sum + row.count, 0), cases: ledger.cases.length },
      activities: rows,
    };
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
    const { figures } = await this.ledger(request, resolved);
    return {
      ...head(request, resolved, 'ledger'),
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
    const { figures } = await this.ledger(request, resolved);
    return {
      ...head(request, resolved, 'ledger'),
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

  async rework(request: AnalyticsRequest): Promise<ReworkReportView> {
    const resolved = await this.resolve(request);
    const { ended, runs } = await this.ledger(request, resolved);
    const report = rework(
      ended.map(({ instanceId }) => instanceId),
      runs,
    );
    return {
      ...head(request, resolved, 'ledger'),
      definitions: { rework: DEFINITIONS.rework },
      sampleSize: { cases: report.cases },
      ...report,
    };
  }

  async utilization(request: AnalyticsRequest) {
    const resolved = await this.resolve(request);
    const { runs } = await this.ledger(request, resolved);
    const counted = runs.filter((run) => endedWithin(run, windowOf(request)));
    // Without a window: from the first ready to the last end of the work counted.
    const window = {
      from: request.from?.getTime() ?? counted.reduce((first, { readyAt }) => Math.min(first, readyAt), counted[0]?.readyAt ?? 0),
      to: request.to?.getTime() ?? counted.reduce((last, { endedAt }) => Math.max(last, endedAt!), counted[0]?.endedAt ?? 0),
    };
    const groupSizes = new Map((await this.groups.list()).map(({ id, members }) => [id, members.length]));
    return {
      ...head(request, resolved, 'ledger'),
      definitions: { utilisation: DEFINITIONS.utilisation },
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), hours: (window.to - window.from) / 3_600_000 },
      sampleSize: { activityInstances: counted.length },
      teams: utilization(counted, resolved.catalog, window, groupSizes),
    };
  }

  async kpis(request: AnalyticsRequest): Promise<KpiReportView> {
    const resolved = await this.resolve(request);
    const { cases, ended, runs, figures } = await this.ledger(request, resolved);
    // Running cases count where they can (first response, repeat contacts) when they started in the window.
    const running = cases.filter(({ endedAt, startedAt }) => endedAt === null && (request.from === undefined || startedAt >= request.from.getTime()));
    return {
      ...head(request, resolved, 'ledger'),
      settings: request.kpi,
      sampleSize: { cases: ended.length, running: running.length },
      kpis: kpis([...ended, ...running], runs, figures, resolved.catalog, request.kpi),
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
    return {
      scope: { processVersionIds: versions.map(({ id }) => id), from: request.from, to: request.to, segments: request.segments },
      catalog: elementCatalog([...versions].sort((a, b) => a.version - b.version).map(({ graph }) => graph)),
      versions: versions.map(({ id, key, version }) => ({ id, key, version })),
      simulatedCases: await this.simulated.countByVersions(versions.map(({ id }) => id)),
    };
  }

  /** The case aggregates of the request, or null when it needs per-case rows or a scan (segments, part days). */
  private async caseAggregate(request: AnalyticsRequest, resolved: ResolvedScope): Promise<CaseAggregate | null> {
    const days = wholeDays(request);
    if (days === null || Object.keys(request.segments).length > 0 || request.table === 'cases') return null;
    await this.drain();
    return this.repository.caseAggregate(resolved.scope.processVersionIds, days.all ? undefined : days);
  }

  private async ledger(request: AnalyticsRequest, resolved: ResolvedScope): Promise<Ledger> {
    const cases = await this.repository.findCases(resolved.scope, MAX_SCANNED_CASES + 1);
    if (cases.length > MAX_SCANNED_CASES) {
      throw new DomainError(
        ANALYTICS_ERRORS.scopeTooLarge,
        `This report scans the step ledger and the scope holds more than ${MAX_SCANNED_CASES} cases: give a narrower from/to or a segment filter`,
        { limit: MAX_SCANNED_CASES },
      );
    }
    const runs = foldLedger(await this.repository.findSteps(cases.map(({ instanceId }) => instanceId)), resolved.catalog);
    const window = windowOf(request);
    const ended = cases.filter(({ endedAt }) => endedAt !== null && (window.from === undefined || endedAt >= window.from) && (window.to === undefined || endedAt < window.to));
    return { cases, ended, runs, figures: caseFigures(ended, runs, resolved.catalog) };
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
