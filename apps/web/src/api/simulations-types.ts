/**
 * The simulations API's shapes, imported from libs/simulation (type-only: no simulator code reaches
 * the bundle), so a change there that the prediction page does not follow fails `typecheck:web`.
 * Kept apart from the calls so tests can read them without a browser.
 */
import type { Prediction, PredictionComparison } from '#simulation';

export type {
  VersionCalibration,
  ArrivalSpec,
  BranchFit,
  CalibrationRequest,
  Distribution,
  DurationFit,
  Estimate,
  GoodnessOfFit,
  HorizonSpec,
  PoolFigure,
  PoolFit,
  PoolSpec,
  PredictedFigure,
  Prediction,
  PredictionComparison,
  PredictionRequest,
  RunFigures,
  SimulationParameters,
  SimulationProblem,
  VariableSpec,
  WorkingHours,
} from '#simulation';

export const isComparison = (answer: Prediction | PredictionComparison): answer is PredictionComparison => 'differences' in answer;
