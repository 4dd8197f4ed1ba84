/**
 * Where each arm's time goes by stage of the service process (inquiry, diagnosis, solution,
 * follow-up): the mean waiting and working time per ended case, so a redesign that only moves
 * waiting from diagnosis to solution shows as such.
 */
import { baselineArm, type Experiment } from '../model/experiment.js';
import type { ArmCase, StageTime } from './analysis-input.js';

export interface StageArmFigure {
  armId: string;
  cases: number;
  meanWaitingMs: number | null;
  meanProcessingMs: number | null;
}

export interface StageBreakdown {
  stage: string;
  arms: StageArmFigure[];
}

export function stageBreakdown(experiment: Experiment, cases: readonly ArmCase[], stages: readonly string[]): StageBreakdown[] {
  const ended = cases.filter((c) => c.endedAt !== null);
  const arms = orderedArms(experiment);
  return stages.map((stage) => ({
    stage,
    arms: arms.map((armId) => {
      const own = ended.filter((c) => c.armId === armId);
      const mean = (pick: (c: ArmCase) => number) => (own.length === 0 ? null : own.reduce((sum, c) => sum + pick(c), 0) / own.length);
      return {
        armId,
        cases: own.length,
        meanWaitingMs: mean((c) => c.stages[stage]?.waitingMs ?? 0),
        meanProcessingMs: mean((c) => c.stages[stage]?.processingMs ?? 0),
      };
    }),
  }));
}

/** The same from each arm's stage sums and ended cases (above the exact path's threshold: the database sums them). */
export function stageBreakdownOfSums(
  experiment: Experiment,
  sums: Readonly<Record<string, Readonly<Record<string, StageTime>>>>,
  endedOf: (armId: string) => number,
  stages: readonly string[],
): StageBreakdown[] {
  const arms = orderedArms(experiment);
  return stages.map((stage) => ({
    stage,
    arms: arms.map((armId) => {
      const cases = endedOf(armId);
      const own = sums[armId]?.[stage];
      return {
        armId,
        cases,
        meanWaitingMs: cases === 0 ? null : (own?.waitingMs ?? 0) / cases,
        meanProcessingMs: cases === 0 ? null : (own?.processingMs ?? 0) / cases,
      };
    }),
  }));
}

/** The baseline first, then the candidates in their order. */
export const orderedArms = (experiment: Experiment): string[] => {
  const baseline = baselineArm(experiment);
  return [...(baseline ? [baseline.id] : []), ...experiment.arms.filter((arm) => arm !== baseline).map((arm) => arm.id)];
};
