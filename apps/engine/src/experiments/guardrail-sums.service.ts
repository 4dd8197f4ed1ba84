import { Injectable } from '@nestjs/common';
import { addEndedCase, baselineArm, checkGuardrailOnDays, emptyArmDays, planRequirements, type ArmDays, type GuardrailCheck, type MetricKey } from '#experiments';
import { CaseFactRepository, type EndedArmFact, type ExperimentRecord } from '#persistence';
import { settledValues } from './arm-cases.js';

/**
 * A fact written late (its transaction began before others that committed first) can carry a lower
 * step number than facts already read: the check re-reads this many steps below the highest it saw
 * and skips the cases it counted.
 */
export const SEQ_MARGIN = 10_000;
/** The sums are rebuilt from every fact this often, so a fact later than the margin is counted within the hour. */
export const REBUILD_MS = 3_600_000;

interface Sums {
  startedAt: number;
  metrics: string;
  builtAt: number;
  /** the highest step number of a fact read */
  watermark: number;
  /** the cases counted whose step number is within the margin below the watermark */
  recent: Map<string, number>;
  arms: Map<string, ArmDays>;
}

/**
 * Each running experiment's ended cases summed per arm, day and guardrail metric (issue 20 point
 * 3), kept in this process's memory: a guardrail check reads only the facts that ended since its
 * last look (a few rows) instead of every case of the arms. In memory rather than in a table
 * because the sums are cheap to rebuild (one read of the arms' ended facts, on the first check of
 * an experiment in a process and every REBUILD_MS) and a table would need the same care about
 * late facts; with several engine processes each keeps the sums of the experiments it checks.
 */
@Injectable()
export class GuardrailSums {
  private readonly sums = new Map<string, Sums>();

  constructor(private readonly facts: CaseFactRepository) {}

  /** The arms' day sums of `metrics` over the experiment's ended cases, brought up to date. */
  async armDays(record: ExperimentRecord, metrics: readonly MetricKey[], now: number): Promise<ReadonlyMap<string, ArmDays>> {
    const id = record.experiment.id;
    const startedAt = record.startedAt!.getTime();
    const key = [...metrics].sort().join(',');
    let sums = this.sums.get(id);
    if (!sums || sums.startedAt !== startedAt || sums.metrics !== key || now - sums.builtAt >= REBUILD_MS) {
      sums = { startedAt, metrics: key, builtAt: now, watermark: 0, recent: new Map(), arms: new Map() };
      this.sums.set(id, sums);
      this.add(sums, await this.facts.endedArmFacts(id, -1), metrics);
    } else {
      this.add(sums, await this.facts.endedArmFacts(id, sums.watermark - SEQ_MARGIN), metrics);
    }
    return sums.arms;
  }

  private add(sums: Sums, facts: readonly EndedArmFact[], metrics: readonly MetricKey[]): void {
    for (const fact of facts) {
      if (sums.recent.has(fact.instanceId)) continue;
      let arm = sums.arms.get(fact.armId);
      if (!arm) sums.arms.set(fact.armId, (arm = emptyArmDays()));
      addEndedCase(arm, sums.startedAt, fact.endedAt, settledValues(fact), metrics);
      sums.recent.set(fact.instanceId, fact.lastSeq);
      if (fact.lastSeq > sums.watermark) sums.watermark = fact.lastSeq;
    }
    for (const [instanceId, lastSeq] of sums.recent) if (lastSeq <= sums.watermark - SEQ_MARGIN) sums.recent.delete(instanceId);
  }
}

/** A started experiment's guardrails judged at `now` on its arms' day sums, as its analysis judges them. */
export function guardrailChecksOnDays(record: ExperimentRecord, days: ReadonlyMap<string, ArmDays>, now: number): GuardrailCheck[] {
  const { experiment } = record;
  const baseline = baselineArm(experiment)!;
  const candidates = experiment.arms.filter((arm) => arm.role === 'candidate');
  const span = { startedAt: record.startedAt!.getTime(), until: now, perArm: planRequirements(experiment).perArm, alpha: experiment.plan.alpha / Math.max(candidates.length, 1) };
  const armDays = (armId: string) => days.get(armId) ?? emptyArmDays();
  return candidates.flatMap((arm) => experiment.guardrails.map((guardrail) => checkGuardrailOnDays(guardrail, arm.id, armDays(baseline.id), armDays(arm.id), span)));
}
