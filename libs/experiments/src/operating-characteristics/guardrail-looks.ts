/**
 * Seeded Monte-Carlo run of a rate guardrail checked every day (issue 7 point 7c): cases of both arms
 * arrive and end day by day, and `checkGuardrail` judges the data as the guardrail monitor does.
 * Equal arms must rarely be paused (at most alpha/2, the one side of the spending the guardrail
 * uses); a candidate worse than the limit by a clear margin must be paused, and early.
 */
import type { Guardrail } from '../model/experiment.js';
import type { Random } from '../random/seeded-random.js';
import { statisticsInputError } from '../statistics/statistics-error.js';
import type { ArmCase } from '../analysis/analysis-input.js';
import { checkGuardrail } from '../analysis/guardrail-check.js';

const DAY_MS = 86_400_000;

export interface GuardrailScenario {
  /** the rate both arms are judged on, higher is better (e.g. SLA attainment) */
  baselineRate: number;
  candidateRate: number;
  /** tolerated worsening in points */
  maxWorsening: number;
  perArm: number;
  casesPerArmPerDay: number;
  alpha: number;
}

export interface GuardrailOperatingCharacteristics {
  experiments: number;
  /** share of experiments whose candidate was paused by the end of the plan */
  pausedRate: number;
  /** mean information fraction (cases so far / planned) at the pause, over the paused experiments */
  meanPauseFraction: number | null;
}

export function guardrailOperatingCharacteristics(scenario: GuardrailScenario, experiments: number, random: Random): GuardrailOperatingCharacteristics {
  if (!Number.isInteger(experiments) || experiments < 1) throw statisticsInputError('experiments', 'must be a positive integer');
  const days = Math.ceil(scenario.perArm / scenario.casesPerArmPerDay);
  const guardrail: Guardrail = { id: 'sla', metric: 'slaAttainment', maxWorsening: scenario.maxWorsening };
  let paused = 0;
  let fractionSum = 0;
  for (let e = 0; e < experiments; e++) {
    const baseline: ArmCase[] = [];
    const candidate: ArmCase[] = [];
    for (let day = 0; day < days; day++) {
      for (let i = 0; i < scenario.casesPerArmPerDay; i++) {
        // Each case ends within its day, so a day's look sees the day's cases.
        const at = day * DAY_MS + Math.floor(random.next() * (DAY_MS - 1));
        baseline.push(drawnCase('as-is', `${e}-${day}-${i}-b`, at, random.next() < scenario.baselineRate));
        candidate.push(drawnCase('to-be', `${e}-${day}-${i}-c`, at, random.next() < scenario.candidateRate));
      }
    }
    const check = checkGuardrail(guardrail, 'to-be', baseline, candidate, { startedAt: 0, until: days * DAY_MS, perArm: scenario.perArm, alpha: scenario.alpha });
    if (check.status === 'breached') {
      paused++;
      fractionSum += Math.min(1, (Math.ceil(check.breachedAt! / DAY_MS) * scenario.casesPerArmPerDay) / scenario.perArm);
    }
  }
  return { experiments, pausedRate: paused / experiments, meanPauseFraction: paused === 0 ? null : fractionSum / paused };
}

const drawnCase = (armId: string, instanceId: string, at: number, met: boolean): ArmCase => ({
  instanceId,
  armId,
  reason: 'weight',
  unitKey: `instance:${instanceId}`,
  startedAt: at,
  endedAt: at,
  values: { slaAttainment: met ? 1 : 0 },
  stages: {},
});
