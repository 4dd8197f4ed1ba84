import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock } from '#engine';
import { BOOTSTRAP_MAX_CASES, analyzeExperiment, type ExperimentAnalysis } from '#experiments';
import { AnalyticsAggregator, CaseFactRepository, ExperimentRepository, type ExperimentRecord, type RoutedCase } from '#persistence';
import { CLOCK } from '../common/engine-ports.js';
import { armCases } from './arm-cases.js';
import { EXPERIMENTS_API_ERRORS } from './experiment-errors.js';

/** The ExperimentRepository on the analytics database, for the routed cases the analysis reads beside their facts. */
export const ARM_READS = Symbol('ArmReads');

/** The analysis, and how many of its cases a simulation wrote (the demo's pilot): such figures are not evidence. */
export type ExperimentReport = ExperimentAnalysis & { simulatedCases: number };

/**
 * Reads an experiment's routed cases from their facts (a few columns a case, not the ledger) and
 * hands them to the lib's analysis: the dashboard's figures, the verdict report and the guardrail
 * checks all come from here.
 */
@Injectable()
export class ExperimentAnalysisService {
  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly facts: CaseFactRepository,
    @Inject(ARM_READS) private readonly armReads: ExperimentRepository,
    private readonly aggregator: AnalyticsAggregator,
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
    // What the commits queued is folded first, so the facts are as fresh as the ledger.
    await this.aggregator.drain();
    // Above the exact path's threshold the stages, activities and duration metrics come summed from the database (method 'histogram').
    const ended = await this.facts.armEndedCounts(experiment.id);
    const binned = Object.values(ended).some((count) => count > BOOTSTRAP_MAX_CASES);
    const [routed, facts, aggregates] = await Promise.all([
      this.armReads.routedCases(experiment.id),
      this.facts.armFacts(experiment.id, { detail: !binned }),
      binned ? this.facts.armAggregates(experiment.id) : undefined,
    ]);
    const { cases: routedCases, activities } = armCases(routed, facts);
    const analysis = analyzeExperiment({
      experiment,
      now: this.clock.now().getTime(),
      startedAt: startedAt.getTime(),
      stoppedAt: record.stoppedAt?.getTime() ?? null,
      cases: routedCases,
      activities,
      planViolations: planViolations(routed),
      ...(aggregates === undefined ? {} : { aggregates }),
    });
    return { ...analysis, simulatedCases: routed.filter(({ origin }) => origin === 'simulated').length };
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
