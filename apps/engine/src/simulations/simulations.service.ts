import { Injectable } from '@nestjs/common';
import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { elementCatalog, foldLedger } from '#analytics';
import {
  calibrate,
  comparePredictions,
  predict,
  requireValidParameters,
  type CandidateParameters,
  type Prediction,
  type PredictionComparison,
  type SimulationParameters,
  type VersionCalibration,
} from '#simulation';
import { AnalyticsRepository } from '#persistence';
import { DecisionCatalog } from '../definitions/decision-catalog.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import type { CalibrationDto } from './dto/calibration.dto.js';
import type { PredictionDto } from './dto/prediction.dto.js';
import { SIMULATIONS_API_ERRORS } from './simulation-errors.js';

/** The most recorded cases one calibration reads (with all their steps, in memory). */
export const MAX_CALIBRATION_CASES = 20_000;
/**
 * The most cases one prediction request simulates over all its runs: a run holds the event loop,
 * so a request stays within a few seconds; larger studies belong in a script (docs/simulation.md).
 */
export const MAX_PREDICTED_CASES = 50_000;

/** Calibration from a version's recorded cases, and predictions of versions with the simulator (issue 8). */
@Injectable()
export class SimulationsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly versions: ProcessVersionCache,
    private readonly decisions: DecisionCatalog,
  ) {}

  async calibrate({ processVersionId, from, to, variables }: CalibrationDto): Promise<VersionCalibration> {
    const version = await this.versions.get(processVersionId);
    const scope = { processVersionIds: [processVersionId], segments: {}, ...(from && { from: new Date(from) }), ...(to && { to: new Date(to) }) };
    const cases = (await this.analytics.findCases(scope, MAX_CALIBRATION_CASES + 1)).filter((record) => !from || record.startedAt >= Date.parse(from));
    if (cases.length === 0) {
      throw new DomainError(SIMULATIONS_API_ERRORS.noHistory, `Version ${processVersionId} has no recorded cases${from || to ? ' in the window' : ''} to calibrate from`, {
        processVersionId,
      });
    }
    if (cases.length > MAX_CALIBRATION_CASES) {
      throw new DomainError(SIMULATIONS_API_ERRORS.tooLarge, `More than ${MAX_CALIBRATION_CASES} cases: give a narrower from/to`, { field: 'from', limit: MAX_CALIBRATION_CASES });
    }
    const runs = foldLedger(await this.analytics.findSteps(cases.map(({ instanceId }) => instanceId)), elementCatalog([version.graph]));
    return { processVersionId, ...calibrate(version.graph, cases, runs, variables ? { variables } : {}) };
  }

  /**
   * Each version runs on the parameters narrowed to its model (a calibration of the as-is names
   * steps the redesign dropped); the candidate's own `candidateParameters` (e.g. shares for a
   * gateway only it has, durations of its new steps) go over them.
   */
  async predict(dto: PredictionDto): Promise<Prediction | PredictionComparison> {
    const replications = dto.replications ?? 5;
    const baseline = await this.versions.get(dto.processVersionId);
    const candidate = dto.candidateVersionId ? await this.versions.get(dto.candidateVersionId) : undefined;
    const baselineParameters = narrowed(dto.parameters, baseline.graph);
    requireValidParameters(baselineParameters, baseline.graph);
    requireBounded(dto.parameters, replications * (candidate ? 2 : 1));
    const input = async (version: typeof baseline, parameters: SimulationParameters) => ({
      graph: version.graph,
      processVersionId: version.id,
      parameters,
      replications,
      decisions: await this.decisions.lookupFor(version.graph),
    });
    if (!candidate) return predict(await input(baseline, baselineParameters));
    const candidateParameters = withOverrides(narrowed(dto.parameters, candidate.graph), dto.candidateParameters ?? {});
    requireValidParameters(candidateParameters, candidate.graph);
    return comparePredictions(await input(baseline, baselineParameters), await input(candidate, candidateParameters));
  }
}

/** The per-element parameters of the elements the model has (branch shares of a gateway that leaves by the same flows); the rest as given. */
function narrowed(parameters: SimulationParameters, graph: ProcessGraph): SimulationParameters {
  const known = <T>(entries: Record<string, T> | undefined, fits: (id: string, value: T) => boolean = () => true) =>
    entries && Object.fromEntries(Object.entries(entries).filter(([id, value]) => id in graph.nodes && fits(id, value)));
  const sameFlows = (id: string, shares: Record<string, number>) => Object.keys(shares).every((flowId) => graph.nodes[id].outgoing.includes(flowId));
  return {
    ...parameters,
    ...(parameters.durations && { durations: known(parameters.durations) }),
    ...(parameters.branches && { branches: known(parameters.branches, sameFlows) }),
    ...(parameters.escalations && { escalations: known(parameters.escalations) }),
  };
}

/** The candidate's own values over the shared ones: whole fields, per-element maps merged. */
function withOverrides(parameters: SimulationParameters, overrides: CandidateParameters): SimulationParameters {
  return {
    ...parameters,
    ...overrides,
    durations: { ...parameters.durations, ...overrides.durations },
    branches: { ...parameters.branches, ...overrides.branches },
    escalations: { ...parameters.escalations, ...overrides.escalations },
  };
}

/** Expected cases over every run (arrivals a day x days x runs) within the request's budget. */
function requireBounded(parameters: SimulationParameters, runs: number): void {
  const expected = parameters.arrivals.perDay * parameters.horizon.days * runs;
  if (expected > MAX_PREDICTED_CASES) {
    throw new DomainError(
      SIMULATIONS_API_ERRORS.tooLarge,
      `parameters.horizon.days: ${parameters.arrivals.perDay} cases a day for ${parameters.horizon.days} days over ${runs} run(s) is about ${Math.round(expected)} cases; one request simulates at most ${MAX_PREDICTED_CASES}`,
      { field: 'parameters.horizon.days', limit: MAX_PREDICTED_CASES },
    );
  }
}
