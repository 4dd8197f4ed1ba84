/**
 * What the guardrail monitor does per experiment, timed in this process on the bench's database:
 * the arms' facts read and the whole analysis run, whose guardrails the monitor keeps.
 */
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { upperNearestRankQuantile } from '#core';
import { analyzeExperiment } from '#experiments';
import { CaseFactRepository, ExperimentRepository } from '#persistence';
import { armCases } from '../../apps/engine/src/experiments/arm-cases.js';

export async function timeGuardrailCheck(dataSource: DataSource, experimentId: string, rounds: number) {
  const experiments = new ExperimentRepository(dataSource);
  const facts = new CaseFactRepository(dataSource);
  const durations: number[] = [];
  let result = '';
  for (let round = rounds > 1 ? -1 : 0; round < rounds; round += 1) {
    const began = performance.now();
    const record = (await experiments.findById(experimentId))!;
    const [routed, arm] = await Promise.all([experiments.routedCases(experimentId), facts.armFacts(experimentId)]);
    const { cases, activities } = armCases(routed, arm);
    const analysis = analyzeExperiment({
      experiment: record.experiment,
      now: Date.now(),
      startedAt: record.startedAt!.getTime(),
      stoppedAt: null,
      cases,
      activities,
      planViolations: [],
    });
    const checks = analysis.candidates.flatMap((candidate) => candidate.guardrails);
    if (round >= 0) durations.push(performance.now() - began);
    result = checks.map((check) => `${check.id} ${check.status}`).join(', ');
  }
  durations.sort((a, b) => a - b);
  return { p50: +upperNearestRankQuantile(durations, 0.5).toFixed(1), p95: +upperNearestRankQuantile(durations, 0.95).toFixed(1), result };
}
