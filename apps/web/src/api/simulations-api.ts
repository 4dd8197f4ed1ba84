import { requestJson } from './http-client.js';
import type { VersionCalibration, CalibrationRequest, Prediction, PredictionComparison, PredictionRequest } from './simulations-types.js';

/*
 * The simulations API as the prediction page calls it (POST /api/simulations/calibration and
 * /predictions, role analyst). The shapes mirror libs/simulation (parameters.ts, calibration/,
 * prediction/): the web app does not import the simulator.
 */

export const calibrateVersion = (body: CalibrationRequest): Promise<VersionCalibration> => requestJson<VersionCalibration>('simulations/calibration', { method: 'POST', body });

export const predictVersions = (body: PredictionRequest): Promise<Prediction | PredictionComparison> =>
  requestJson<Prediction | PredictionComparison>('simulations/predictions', { method: 'POST', body });
