import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { elementCatalog, foldLedger, type ElementCatalog } from '#analytics';
import type { Clock } from '#engine';
import { analyzeExperiment, type ExperimentAnalysis } from '#experiments';
import { AnalyticsRepository, ExperimentRepository, type ExperimentRecord, type RoutedCase } from '#persistence';
import { CLOCK } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { armCases } from './arm-cases.js';
import { EXPERIMENTS_API_ERRORS } from './experiment-errors.js';

/** The analysis, and how many of its cases a simulation wrote (the demo's pilot): such figures are not evidence. */
export type ExperimentReport = ExperimentAnalysis & { simulatedCases: number };

/**
 * Reads an experiment's routed cases from the ledger and hands them to the lib's analysis: the
 * dashboard's figures, the verdict report and the guardrail checks all come from here.
 */
@Injectable()
export class ExperimentAnalysisService {
  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly analytics: AnalyticsRepository,
    private readonly versions: ProcessVersionCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async analyze(id: string): Promise<ExperimentReport> {
    const record = await this.experiments.findById(id);
    if (!record) throw new DomainError(EXPERIMENTS_API_ERRORS.notFound, `No experiment ${id}`, { id });
    return this.analyzeRecord(record);
  }

  /** The analysis of a started experiment; a draft has no cases to analyze (409 naming its state). */
  async analyzeRecord(record: ExperimentRecord): Promise<ExperimentReport> {
    const { experiment, startedAt } = record;
    if (!startedAt) {
      throw new DomainError(EXPERIMENTS_API_ERRORS.notStarted, `experiment ${experiment.id} is a ${experiment.state} and has no cases to analyse; start it first`, {
        state: experiment.state,
      });
    }
    const routed = await this.experiments.routedCases(experiment.id);
    const ids = routed.map(({ instanceId }) => instanceId);
    const [cases, steps] = await Promise.all([this.analytics.findCasesByIds(ids), this.analytics.findSteps(ids)]);
    const catalogs = await this.catalogs([...new Set(cases.map(({ processVersionId }) => processVersionId))]);
    // Each case's steps folded with the catalog of its version, which classifies their time (designed waits, external tasks).
    const versionOf = new Map(cases.map(({ instanceId, processVersionId }) => [instanceId, processVersionId]));
    const runs = [...catalogs].flatMap(([versionId, catalog]) =>
      foldLedger(
        steps.filter(({ instanceId }) => versionOf.get(instanceId) === versionId),
        catalog,
      ),
    );
    const { cases: routedCases, activities } = armCases(routed, cases, runs, catalogs);
    const analysis = analyzeExperiment({
      experiment,
      now: this.clock.now().getTime(),
      startedAt: startedAt.getTime(),
      stoppedAt: record.stoppedAt?.getTime() ?? null,
      cases: routedCases,
      activities,
      planViolations: planViolations(routed),
    });
    return { ...analysis, simulatedCases: routed.filter(({ origin }) => origin === 'simulated').length };
  }

  private async catalogs(versionIds: readonly string[]): Promise<Map<string, ElementCatalog>> {
    const versions = await Promise.all(versionIds.map((versionId) => this.versions.get(versionId)));
    return new Map(versions.map((version) => [version.id, elementCatalog([version.graph])]));
  }
}

/** A case that runs on another version than its arm's (moved by hand) is no longer a clean comparison. */
const planViolations = (routed: readonly RoutedCase[]): string[] => {
  const moved = routed.filter((route) => route.processVersionId !== route.armVersionId);
  if (moved.length === 0) return [];
  return [
    `${moved.length} routed case(s) no longer run on their arm's version (e.g. ${moved[0].instanceId} of arm "${moved[0].armId}" runs on ${moved[0].processVersionId}): they were migrated by hand`,
  ];
};
