/**
 * The experiment analysis at scale (issue 20 point 3): BENCH_ARM_CASES cases per arm (default
 * 100,000) of a running experiment, analysed over HTTP (p50/p95 of BENCH_ANALYSIS_ROUNDS calls),
 * and its guardrail check timed in this process (what the monitor runs per experiment: the first
 * check of a process builds the arms' day sums, the later ones read only the newer facts).
 *
 * The cases are seeded by SQL straight into `instance`, `experiment_assignment` and `case_fact`
 * (what the aggregator would have folded): going through the engine and the aggregator for 200,000
 * cases takes far longer than the analysis being measured. The experiment is backdated 60 days; the
 * cases arrive evenly over them, 5 % still run, the candidate is about 10 % faster.
 *
 *   BENCH_EXPERIMENTS=0 BENCH_ARM_CASES=100000 npm run bench:experiments   # BENCH_STATEMENT_TIMEOUT_MS for the engine
 */
import { performance } from 'node:perf_hooks';
import { upperNearestRankQuantile } from '#core';
import { CaseFactRepository, DEFAULT_DATABASE_TIMEOUTS, ExperimentRepository, openDataSource } from '#persistence';
import { armFactsSql } from '../support/arm-facts.js';
import { startBenchDatabase } from '../support/bench-database.js';
import { deployXml, postAsAdmin, startEngineProcess, type EngineProcess } from '../support/engine-process.js';
import { timeGuardrailCheck } from './guardrail-timing.js';

const ARM_CASES = Number(process.env.BENCH_ARM_CASES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ANALYSIS_ROUNDS ?? 10);
const DAYS = 60;
const SEED_SQL = armFactsSql({
  processKey: 'bench-experiment',
  days: DAYS,
  customers: 40_000,
  steps: [
    { elementId: 'diagnose', stage: 'diagnosis', waitingShare: 0.6, workingShare: 0.5 },
    { elementId: 'resolve', stage: 'solution', waitingShare: 0.4, workingShare: 0.5 },
  ],
});
const LOAD_TIMEOUTS = { ...DEFAULT_DATABASE_TIMEOUTS, statementTimeoutMs: 600_000, queryTimeoutMs: 605_000 };

const versionXml = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="bench-scale" targetNamespace="https://tandem.dev/bench">
  <bpmn:process id="bench-experiment" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="diagnose" name="${name}" tandem:stage="diagnosis"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="resolve" name="Resolve" tandem:stage="solution"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="diagnose" />
    <bpmn:sequenceFlow id="f2" sourceRef="diagnose" targetRef="resolve" />
    <bpmn:sequenceFlow id="f3" sourceRef="resolve" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

export async function analysisAtScale(): Promise<void> {
  if (ARM_CASES <= 0) return;
  const db = await startBenchDatabase(['experiments']);
  const url = db.url('experiments');
  try {
    let engine = await startEngineProcess({ databaseUrl: url });
    const baseline = await deployXml(engine, versionXml('Diagnose'));
    const candidate = await deployXml(engine, versionXml('Diagnose (knowledge base first)'));
    const experimentId = await createExperiment(engine, baseline.id, candidate.id);
    // Seeded with the engine stopped: its guardrail monitor would check the experiment while it loads.
    await engine.stop();

    const dataSource = await openDataSource({ url, poolSize: 4, timeouts: LOAD_TIMEOUTS });
    const began = performance.now();
    await dataSource.query(`UPDATE experiment SET started_at = now() - interval '${DAYS} days' WHERE id = $1`, [experimentId]);
    const [{ start }] = await dataSource.query(`SELECT started_at AS start FROM experiment WHERE id = $1`, [experimentId]);
    await dataSource.query(SEED_SQL, [experimentId, 'as-is', baseline.id, ARM_CASES, start, 1, 'b']);
    await dataSource.query(SEED_SQL, [experimentId, 'to-be', candidate.id, ARM_CASES, start, 0.9, 'c']);
    await dataSource.query(`ANALYZE case_fact; ANALYZE experiment_assignment; ANALYZE instance`);
    const loadSeconds = (performance.now() - began) / 1000;
    console.log(`\nExperiment analysis at scale: ${ARM_CASES} cases per arm over ${DAYS} days (seeded by SQL in ${loadSeconds.toFixed(1)} s)`);
    const guardrail = await timeGuardrailCheck(dataSource, experimentId, ROUNDS);
    console.log(`guardrail check: the first in a process ${guardrail.firstMs} ms, then p50 ${guardrail.p50} ms, p95 ${guardrail.p95} ms (${guardrail.result})`);
    // What the analysis reads before its statistics, timed alone.
    const facts = new CaseFactRepository(dataSource);
    const experiments = new ExperimentRepository(dataSource);
    const reads: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const began = performance.now();
      await Promise.all([experiments.routedCases(experimentId), facts.armFacts(experimentId)]);
      reads.push(performance.now() - began);
    }
    console.log(`reading the routed cases and their facts (in process): ${reads.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    // Above the exact path's threshold the analysis reads the facts without their JSON documents, and the arms' aggregates.
    const aggregateReads: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const began = performance.now();
      await Promise.all([experiments.routedCases(experimentId), facts.armFacts(experimentId, { detail: false }), facts.armAggregates(experimentId)]);
      aggregateReads.push(performance.now() - began);
    }
    console.log(`reading the routed cases, their facts without stages and activities, and the aggregates: ${aggregateReads.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    await dataSource.destroy();

    // BENCH_STATEMENT_TIMEOUT_MS raises the engine's statement timeout (10 s): on a loaded machine reading 200,000 facts can take longer.
    const statementTimeoutMs = process.env.BENCH_STATEMENT_TIMEOUT_MS;
    engine = await startEngineProcess({ databaseUrl: url, ...(statementTimeoutMs ? { env: { TANDEM_DB_STATEMENT_TIMEOUT_MS: statementTimeoutMs } } : {}) });
    let analysis: Awaited<ReturnType<typeof timeAnalysis>>;
    let peak: number | undefined;
    try {
      analysis = await timeAnalysis(engine, experimentId);
    } finally {
      // Read while the engine runs: /proc has no status of a stopped process.
      peak = engine.peakRssMb();
      await engine.stop();
    }

    console.table({
      'analysis over HTTP': { 'p50 ms': analysis.p50, 'p95 ms': analysis.p95, calls: ROUNDS, result: analysis.result },
      'guardrail check (in process, after the first)': { 'p50 ms': guardrail.p50, 'p95 ms': guardrail.p95, calls: ROUNDS, result: guardrail.result },
    });
    console.log(`the first guardrail check in a process (builds the sums from every ended fact): ${guardrail.firstMs} ms`);
    console.log(`engine peak RSS ${peak?.toFixed(0) ?? '?'} MB`);
  } finally {
    await db.stop();
  }
}

async function createExperiment(engine: EngineProcess, baseline: string, candidate: string): Promise<string> {
  const post = (path: string, body: unknown) => postAsAdmin<{ id: string }>(engine, path, body);
  const { id } = await post('/experiments', {
    processKey: 'bench-experiment',
    seed: 2026,
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: baseline, weight: 50 },
      { id: 'to-be', role: 'candidate', processVersionId: candidate, weight: 50 },
    ],
    primaryMetric: 'leadTime',
    secondaryMetrics: ['waitingTime', 'processingTime', 'fcr', 'escalationRate', 'reworkRate'],
    guardrails: [
      { id: 'slower', metric: 'leadTime', maxWorsening: 0.1 },
      { id: 'escalations', metric: 'escalationRate', maxWorsening: 0.05 },
    ],
    plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.8 },
  });
  await post(`/experiments/${id}/start`, {});
  return id;
}

async function timeAnalysis(engine: EngineProcess, experimentId: string) {
  const durations: number[] = [];
  let result = '';
  for (let round = ROUNDS > 1 ? -1 : 0; round < ROUNDS; round += 1) {
    const began = performance.now();
    const response = await fetch(`${engine.baseUrl}/experiments/${experimentId}/analysis`, { headers: engine.authHeaders });
    const body = (await response.json()) as { verdict?: string; arms?: Array<{ assigned: number }> };
    if (!response.ok) throw new Error(`analysis failed: ${response.status} ${JSON.stringify(body)}`);
    if (round >= 0) durations.push(performance.now() - began);
    result = `verdict ${body.verdict}, ${body.arms?.map(({ assigned }) => assigned).join(' + ')} cases`;
  }
  durations.sort((a, b) => a - b);
  return { p50: +upperNearestRankQuantile(durations, 0.5).toFixed(1), p95: +upperNearestRankQuantile(durations, 0.95).toFixed(1), result };
}
