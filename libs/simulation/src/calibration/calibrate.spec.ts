import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { foldLedger } from '#analytics';
import type { ProcessGraph } from '#bpmn';
import { simulate } from '../simulate.js';
import { compileModel, referenceProcessUrl } from '../testing/models.js';
import { asIsParameters } from '../testing/service-desk.js';
import { calibrate, type Calibration } from './calibrate.js';

/**
 * Calibration recovers what made the history: a simulated fortnight of the reference as-is process
 * with known parameters is the "recorded ledger", and the fitted parameters must come back within
 * sampling error. Tolerances are stated per figure (about 3 standard errors at these sample sizes).
 */
describe('calibrate', () => {
  const truth = asIsParameters(31, 14);
  let graph: ProcessGraph;
  let sut: Calibration;

  beforeAll(async () => {
    graph = await compileModel(readFileSync(referenceProcessUrl('as-is.bpmn'), 'utf8'));
    const history = simulate({ graph, processVersionId: 'as-is', parameters: truth });
    sut = calibrate(graph, history.cases, foldLedger(history.steps));
  });

  it('measures the arrival rate over whole days and the weekday profile', () => {
    // 14 days of a profile averaging 60 a day over a week: the estimate is within 10 %
    expect(sut.fit.arrivals.days).toBe(14);
    expect(Math.abs(sut.parameters.arrivals.perDay - 60) / 60).toBeLessThan(0.1);
    // Sunday (weight 0.3) is the quietest day, Monday (1.25) among the busiest
    const weekdays = sut.parameters.arrivals.weekdays!;
    expect(Math.min(...weekdays)).toBe(weekdays[6]);
    expect(weekdays[0]).toBeGreaterThan(weekdays[5]);
  });

  it('recovers the branch probabilities of the gateways', () => {
    const resolved = sut.parameters.branches.Gateway_ResolvedByFirstLine;
    expect(sut.fit.branches.Gateway_ResolvedByFirstLine.passes).toBeGreaterThan(500);
    // 0.68 drawn; 3 standard errors at ~800 passes is 0.05
    expect(Math.abs(resolved.Flow_Resolved - 0.68)).toBeLessThan(0.05);
    expect(resolved.Flow_Resolved + resolved.Flow_NotResolved).toBeCloseTo(1, 3);
  });

  it('fits a log-normal to the working times, and the test does not reject it', () => {
    // Task_SecondLineDiagnosis works log-normal, mean 25 min, sd 15 min
    const fit = sut.fit.durations.Task_SecondLineDiagnosis;
    expect(fit.distribution.kind).toBe('logNormal');
    const { mean, sd } = fit.distribution as { mean: number; sd: number };
    expect(Math.abs(mean - 25) / 25).toBeLessThan(0.1);
    expect(Math.abs(sd - 15) / 15).toBeLessThan(0.25);
    expect(fit.logNormalFit!.pValue).toBeGreaterThan(0.01);
    // the exponential fits these skewed but peaked times worse
    expect(fit.exponentialFit!.statistic).toBeGreaterThan(fit.logNormalFit!.statistic);
  });

  it('recovers the escalation probability and the case mix', () => {
    expect(Math.abs(sut.parameters.escalations.Task_FirstLineDiagnosis - 0.1)).toBeLessThan(0.04);
    const category = sut.parameters.variables.category as { kind: 'choice'; weights: Record<string, number> };
    const total = Object.values(category.weights).reduce((sum, weight) => sum + weight, 0);
    expect(Math.abs(category.weights.complaint / total - 0.2)).toBeLessThan(0.05);
  });

  it('gives parameters a simulation runs as they are', () => {
    // when the calibrated parameters drive a new week
    const replay = simulate({ graph, processVersionId: 'as-is', parameters: { ...truth, seed: 32, horizon: { days: 7, drainDays: 3 }, ...sut.parameters } });
    // then it brings about the calibrated number of cases a day
    expect(Math.abs(replay.summary.casesStarted / 7 - sut.parameters.arrivals.perDay) / sut.parameters.arrivals.perDay).toBeLessThan(0.15);
  });
});
