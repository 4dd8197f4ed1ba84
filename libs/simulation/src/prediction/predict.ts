/**
 * Prediction of a version's behavior (issue 8 point 3): the simulator run `replications` times
 * (seeds seed, seed + 1, ...) and each run measured as the live reports measure: lead time,
 * waiting share and NVA share from the analytics' case figures, SLA attainment from its case
 * outcomes, and per pool the utilization and queue lengths. Each figure is the mean over the
 * replications with a 95 % percentile-bootstrap interval (`estimate`), which stays inside each
 * figure's range. Comparing two versions runs both on the same seeds (common
 * random numbers: the same arrivals and the same draws where the models agree), so the paired
 * differences have tighter intervals than two independent predictions would.
 */
import type { ProcessGraph } from '#bpmn';
import { caseFigures, caseOutcomes, DEFAULT_KPI_SETTINGS, elementCatalog, foldLedger, valueAddedSummary } from '#analytics';
import type { DecisionLookup } from '#engine';
import type { SimulationParameters } from '../parameters.js';
import { simulate, type SimulationResult } from '../simulate.js';
import { estimate, figureSeed, type Estimate } from './estimate.js';

export interface PredictionInput {
  graph: ProcessGraph;
  processVersionId: string;
  parameters: SimulationParameters;
  replications: number;
  decisions?: DecisionLookup;
}

export const PREDICTED_FIGURES = [
  'casesCompleted',
  'leadTimeMeanMinutes',
  'leadTimeMedianMinutes',
  'leadTimeP90Minutes',
  'waitingShare',
  'nvaShare',
  'slaAttainment',
  'resolutionSla',
] as const;
export type PredictedFigure = (typeof PREDICTED_FIGURES)[number];

// 'utilisation' keeps its British spelling: it is a field of the API's predictions, which clients read.
export const POOL_FIGURES = ['utilisation', 'meanQueueLength', 'maxQueueLength', 'meanWaitMinutes'] as const;
export type PoolFigure = (typeof POOL_FIGURES)[number];

/** One replication's figures. */
export interface RunFigures {
  seed: number;
  figures: Record<PredictedFigure, number | null>;
  pools: Record<string, Record<PoolFigure, number | null>>;
}

export interface Prediction {
  processVersionId: string;
  replications: number;
  figures: Record<PredictedFigure, Estimate>;
  pools: Array<{ poolId: string; agents: number } & Record<PoolFigure, Estimate>>;
  runs: RunFigures[];
}

export interface PredictionComparison {
  baseline: Prediction;
  candidate: Prediction;
  /** candidate - baseline, paired by seed */
  differences: Record<PredictedFigure, Estimate>;
}

export function predict(input: PredictionInput): Prediction {
  const runs: RunFigures[] = [];
  const agents = new Map<string, number>();
  for (let i = 0; i < input.replications; i++) {
    const seed = input.parameters.seed + i;
    const result = simulate({
      graph: input.graph,
      processVersionId: input.processVersionId,
      parameters: { ...input.parameters, seed },
      ...(input.decisions && { decisions: input.decisions }),
    });
    for (const pool of result.summary.pools) agents.set(pool.poolId, pool.agents);
    runs.push(measure(input.graph, seed, result));
  }
  return {
    processVersionId: input.processVersionId,
    replications: input.replications,
    figures: Object.fromEntries(
      PREDICTED_FIGURES.map((figure) => [
        figure,
        estimate(
          runs.map((run) => run.figures[figure]),
          figureSeed(input.parameters.seed, figure),
        ),
      ]),
    ) as Prediction['figures'],
    pools: [...agents.entries()].map(([poolId, size]) => ({
      poolId,
      agents: size,
      ...(Object.fromEntries(
        POOL_FIGURES.map((figure) => [
          figure,
          estimate(
            runs.map((run) => run.pools[poolId]?.[figure] ?? null),
            figureSeed(input.parameters.seed, `${poolId}.${figure}`),
          ),
        ]),
      ) as Record<PoolFigure, Estimate>),
    })),
    runs,
  };
}

export function comparePredictions(baseline: PredictionInput, candidate: PredictionInput): PredictionComparison {
  const b = predict(baseline);
  const c = predict({ ...candidate, parameters: { ...candidate.parameters, seed: baseline.parameters.seed }, replications: baseline.replications });
  const differences = Object.fromEntries(
    PREDICTED_FIGURES.map((figure) => [
      figure,
      estimate(
        b.runs.map((run, i) => {
          const x = run.figures[figure];
          const y = c.runs[i].figures[figure];
          return x === null || y === null ? null : y - x;
        }),
        figureSeed(baseline.parameters.seed, `difference.${figure}`),
      ),
    ]),
  ) as Record<PredictedFigure, Estimate>;
  return { baseline: b, candidate: c, differences };
}

/** The live reports' measures over the run's window: cases that started in it and completed. */
function measure(graph: ProcessGraph, seed: number, result: SimulationResult): RunFigures {
  const from = Date.parse(result.summary.window.from);
  const to = Date.parse(result.summary.window.to);
  const completed = result.cases.filter(({ startedAt, endedAt, status }) => startedAt >= from && startedAt < to && endedAt !== null && status === 'completed');
  const ids = new Set(completed.map(({ instanceId }) => instanceId));
  const catalog = elementCatalog([graph]);
  const runs = foldLedger(
    result.steps.filter(({ instanceId }) => ids.has(instanceId)),
    catalog,
  );
  const valueAdded = valueAddedSummary(caseFigures(completed, runs, catalog));
  const outcomes = caseOutcomes(completed, runs, DEFAULT_KPI_SETTINGS);
  const share = (pick: (outcome: (typeof outcomes)[number]) => boolean | null): number | null => {
    const counted = outcomes.map(pick).filter((value) => value !== null);
    return counted.length === 0 ? null : counted.filter(Boolean).length / counted.length;
  };
  const { leadTimeMinutes } = result.summary;
  return {
    seed,
    figures: {
      casesCompleted: result.summary.casesCompleted,
      leadTimeMeanMinutes: leadTimeMinutes.mean,
      leadTimeMedianMinutes: leadTimeMinutes.median,
      leadTimeP90Minutes: leadTimeMinutes.p90,
      waitingShare: result.summary.waitingShare,
      nvaShare: valueAdded.nvaShare.mean,
      slaAttainment: share((outcome) => outcome.firstResponseMet),
      resolutionSla: share((outcome) => outcome.resolutionMet),
    },
    pools: Object.fromEntries(
      result.summary.pools.map((pool) => [
        pool.poolId,
        { utilisation: pool.utilization, meanQueueLength: pool.meanQueueLength, maxQueueLength: pool.maxQueueLength, meanWaitMinutes: pool.meanWaitMinutes },
      ]),
    ),
  };
}
