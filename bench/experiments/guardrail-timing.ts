/**
 * What the guardrail monitor does per experiment (GuardrailMonitor.guardrailChecks), timed in this
 * process on the bench's database: the first check builds the arms' day sums from every ended
 * fact, later ones read the facts past the highest step seen (less the margin) and judge the sums.
 */
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { upperNearestRankQuantile } from '#core';
import type { MetricKey } from '#experiments';
import { CaseFactRepository, ExperimentRepository } from '#persistence';
import { GuardrailSums, guardrailChecksOnDays } from '../../apps/engine/src/experiments/guardrail-sums.service.js';

export async function timeGuardrailCheck(dataSource: DataSource, experimentId: string, rounds: number) {
  const experiments = new ExperimentRepository(dataSource);
  const sums = new GuardrailSums(new CaseFactRepository(dataSource));
  const check = async () => {
    const began = performance.now();
    const record = (await experiments.findById(experimentId))!;
    const metrics = [...new Set(record.experiment.guardrails.map((guardrail) => guardrail.metric))] as MetricKey[];
    const now = Date.now();
    const checks = guardrailChecksOnDays(record, await sums.armDays(record, metrics, now), now);
    return { ms: performance.now() - began, result: checks.map((one) => `${one.id} ${one.status} (${one.looks} looks)`).join(', ') };
  };
  const first = await check();
  const durations: number[] = [];
  let result = first.result;
  for (let round = 0; round < rounds; round += 1) {
    const next = await check();
    durations.push(next.ms);
    result = next.result;
  }
  durations.sort((a, b) => a - b);
  return {
    firstMs: +first.ms.toFixed(1),
    p50: +upperNearestRankQuantile(durations, 0.5).toFixed(1),
    p95: +upperNearestRankQuantile(durations, 0.95).toFixed(1),
    result,
  };
}
