/**
 * The simulations API's shapes (apps/engine/src/simulations, libs/simulation), mirrored for the web app,
 * which does not import the libs; kept apart from the calls so tests can read them without a browser.
 */
/** A duration distribution, in minutes. */
export type Distribution = { kind: 'logNormal'; mean: number; sd: number } | { kind: 'exponential'; mean: number } | { kind: 'fixed'; value: number };

export type VariableSpec =
  { kind: 'choice'; weights: Record<string, number> } | { kind: 'number'; distribution: Distribution; decimals?: number } | { kind: 'constant'; value: unknown };

/** UTC weekdays (1 = Monday) and hours a pool works. */
export interface WorkingHours {
  days: number[];
  from: number;
  to: number;
}

export interface PoolSpec {
  id: string;
  size?: number;
  agents?: string[];
  groups?: string[];
  lanes?: string[];
  /** Absent: around the clock. */
  hours?: WorkingHours;
  discipline?: 'fifo' | 'priority';
}

export interface ArrivalSpec {
  perDay: number;
  hourly?: number[];
  weekdays?: number[];
  customers?: number;
}

export interface HorizonSpec {
  days: number;
  warmUpDays?: number;
  drainDays?: number;
}

export interface SimulationParameters {
  seed: number;
  start: string;
  horizon: HorizonSpec;
  arrivals: ArrivalSpec;
  variables?: Record<string, VariableSpec>;
  pools: PoolSpec[];
  durations?: Record<string, Distribution>;
  branches?: Record<string, Record<string, number>>;
  escalations?: Record<string, number>;
}

export interface GoodnessOfFit {
  statistic: number;
  pValue: number;
}

export interface DurationFit {
  n: number;
  distribution: Distribution;
  logMean: number | null;
  logSd: number | null;
  logNormalFit: GoodnessOfFit | null;
  exponentialFit: GoodnessOfFit | null;
}

export interface BranchFit {
  passes: number;
  counts: Record<string, number>;
}

/** What the recorded cases of a version imply; pools, horizon and seed are the caller's. */
export interface Calibration {
  processVersionId: string;
  window: { from: string; to: string } | null;
  cases: number;
  parameters: {
    arrivals: ArrivalSpec;
    durations: Record<string, Distribution>;
    branches: Record<string, Record<string, number>>;
    escalations: Record<string, number>;
    variables: Record<string, VariableSpec>;
  };
  fit: {
    arrivals: { cases: number; days: number };
    durations: Record<string, DurationFit>;
    branches: Record<string, BranchFit>;
    escalations: Record<string, { runs: number; escalated: number }>;
    /** lane id -> distinct agents who completed its user tasks */
    agentsPerLane: Record<string, number>;
    /** candidate group -> the agents who worked its tasks */
    pools: Record<string, PoolFit>;
  };
}

/** The team behind a candidate group: the most distinct agents who worked its tasks within one clock hour (the pool size), all seen, and the tasks counted. */
export interface PoolFit {
  agentsAtOnce: number;
  agentsSeen: number;
  tasks: number;
}

/** A figure over the replications: the mean and its 95 % percentile-bootstrap interval (null with fewer than two runs). */
export interface Estimate {
  mean: number | null;
  interval: [number, number] | null;
  runs: number;
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

export const POOL_FIGURES = ['utilisation', 'meanQueueLength', 'maxQueueLength', 'meanWaitMinutes'] as const;
export type PoolFigure = (typeof POOL_FIGURES)[number];

export interface RunFigures {
  seed: number;
  figures: Record<PredictedFigure, number | null>;
  pools: Record<string, Record<PoolFigure, number | null>>;
}

export type PoolPrediction = { poolId: string; agents: number } & Record<PoolFigure, Estimate>;

export interface Prediction {
  processVersionId: string;
  replications: number;
  figures: Record<PredictedFigure, Estimate>;
  pools: PoolPrediction[];
  runs: RunFigures[];
}

export interface PredictionComparison {
  baseline: Prediction;
  candidate: Prediction;
  /** candidate − baseline, paired by seed */
  differences: Record<PredictedFigure, Estimate>;
}

export interface CalibrationRequest {
  processVersionId: string;
  from?: string;
  to?: string;
  variables?: string[];
}

export interface PredictionRequest {
  processVersionId: string;
  candidateVersionId?: string;
  /** Each version runs on these narrowed to its model (elements it lacks are left out by the API). */
  parameters: SimulationParameters;
  /** The candidate's own values over the shared ones (e.g. shares for a gateway only it has). */
  candidateParameters?: Partial<Pick<SimulationParameters, 'durations' | 'branches' | 'escalations' | 'pools' | 'variables'>>;
  replications?: number;
}

/** One problem of refused parameters (422 SIMULATION_PARAMETERS_INVALID `details.problems`). */
export interface SimulationProblem {
  field: string;
  message: string;
}

export const isComparison = (answer: Prediction | PredictionComparison): answer is PredictionComparison => 'differences' in answer;
