/**
 * What the simulations API is asked and answers beyond the lib's own results: the engine's DTOs
 * implement these and the web app imports them, so the two cannot drift apart.
 */
import type { Calibration } from './calibration/calibrate.js';
import type { SimulationParameters } from './parameters.js';

/** POST /api/simulations/calibration: the version whose recorded cases are fitted, over an optional window of case starts (ISO instants). */
export interface CalibrationRequest {
  processVersionId: string;
  from?: string;
  to?: string;
  /** Case variables whose mix new cases draw from (default: DEFAULT_CALIBRATED_VARIABLES). */
  variables?: string[];
}

/** The calibration answer names the version it was fitted on. */
export type VersionCalibration = Calibration & { processVersionId: string };

/** What the candidate runs on besides the shared parameters (e.g. shares for a gateway only it has). */
export type CandidateParameters = Partial<Pick<SimulationParameters, 'durations' | 'branches' | 'escalations' | 'pools' | 'variables'>>;

/** POST /api/simulations/prediction: one version, or a baseline and a candidate on the same seeds. */
export interface PredictionRequest {
  processVersionId: string;
  candidateVersionId?: string;
  /** Each version runs on these narrowed to its model (elements it lacks are left out by the API). */
  parameters: SimulationParameters;
  candidateParameters?: CandidateParameters;
  replications?: number;
}
