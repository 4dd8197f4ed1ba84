/**
 * Experiment statistics benchmark (issue 7 point 7): large seeded Monte-Carlo runs of daily-looked
 * experiments on a rate metric (A/A false-positive rate, power at the planned effect, naive
 * peeking for contrast), guardrails checked daily (false pauses of an equal candidate, pauses
 * of a worse one), and the cost of one routing decision.
 *
 * Then an experiment with BENCH_ARM_CASES cases per arm (default 100,000; 0 skips it) is analysed
 * over HTTP and its guardrail check timed (analysis-at-scale.ts).
 *
 *   npm run bench:experiments     # BENCH_EXPERIMENTS (default 10000; 0 skips the Monte-Carlo runs), BENCH_SEED (default 20261123),
 *                                 # BENCH_ARM_CASES, BENCH_ANALYSIS_ROUNDS (default 10)
 */
import { performance } from 'node:perf_hooks';
import {
  assignArm,
  sampleSizeLogNormalShift,
  sampleSizeTwoProportions,
  seededRandom,
  durationOperatingCharacteristics,
  guardrailOperatingCharacteristics,
  rateOperatingCharacteristics,
  spendingBoundaries,
  type Experiment,
  type OperatingCharacteristics,
} from '#experiments';
import { analysisAtScale } from './analysis-at-scale.js';

const EXPERIMENTS = Number(process.env.BENCH_EXPERIMENTS ?? 10_000);
const SEED = Number(process.env.BENCH_SEED ?? 20261123);
const ALPHA = 0.05;
const POWER = 0.8;

interface Row {
  scenario: string;
  compared: string;
  perArm: number;
  looks: number;
  experiments: number;
  'sequential crossing': string;
  'in favour': string;
  'naive peeking': string;
  'mean stop at': string;
  seconds: number;
}

function row(scenario: string, compared: string, perArm: number, run: () => OperatingCharacteristics): Row {
  const started = performance.now();
  const result = run();
  const se = (p: number) => Math.sqrt((p * (1 - p)) / EXPERIMENTS);
  const pct = (p: number) => `${(100 * p).toFixed(2)} % ± ${(100 * se(p)).toFixed(2)}`;
  return {
    scenario,
    compared,
    perArm,
    looks: result.looksPerExperiment,
    experiments: EXPERIMENTS,
    'sequential crossing': pct(result.crossingRate),
    'in favour': pct(result.favorRate),
    'naive peeking': pct(result.naivePeekingRate),
    'mean stop at': `${(100 * result.meanStopFraction).toFixed(1)} %`,
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  };
}

/** A rate metric planned for `mde` points at the baseline rate; `trueEffect` is what the candidate really does. */
function rateRow(scenario: string, baselineRate: number, mde: number, trueEffect: number, casesPerArmPerDay: number, seed: number): Row {
  const perArm = sampleSizeTwoProportions({ baselineRate, mde, alpha: ALPHA }, POWER);
  const candidateRate = baselineRate + trueEffect;
  return row(scenario, `rate ${baselineRate} vs ${+candidateRate.toFixed(4)}`, perArm, () =>
    rateOperatingCharacteristics({ baselineRate, candidateRate, perArm, casesPerArmPerDay, alpha: ALPHA }, EXPERIMENTS, seededRandom(seed)),
  );
}

/** Log-normal lead times planned for a ratio of geometric means; `trueRatio` is what the candidate really does. */
function durationRow(scenario: string, logSd: number, plannedRatio: number, trueRatio: number, casesPerArmPerDay: number, seed: number): Row {
  const perArm = sampleSizeLogNormalShift({ logSd, ratio: plannedRatio, alpha: ALPHA }, POWER);
  return row(scenario, `lead time x${trueRatio} (log sd ${logSd})`, perArm, () =>
    durationOperatingCharacteristics({ logSd, ratio: trueRatio, perArm, casesPerArmPerDay, alpha: ALPHA }, EXPERIMENTS, seededRandom(seed)),
  );
}

function routingMicros(): number {
  const experiment: Experiment = {
    id: 'bench',
    processKey: 'service-request',
    state: 'running',
    seed: SEED,
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: 'v1', weight: 50 },
      { id: 'to-be', role: 'candidate', processVersionId: 'v2', weight: 50 },
    ],
    unit: { kind: 'variable', name: 'customerId' },
    segments: [{ variable: 'region', values: ['north'], armId: 'to-be' }],
    ramp: [
      { from: '2026-12-01T00:00:00Z', candidateShare: 0.1 },
      { from: '2026-12-08T00:00:00Z', candidateShare: 0.5 },
    ],
    guardrails: [],
    primaryMetric: 'fcr',
    secondaryMetrics: [],
    plan: { alpha: ALPHA, power: POWER, mde: 0.05, baselineRate: 0.7 },
    analysisVersion: 1,
  };
  const at = Date.parse('2026-12-10T00:00:00Z');
  const n = 200_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) assignArm(experiment, { instanceKey: `case-${i}`, variables: { customerId: `C-${i % 5000}`, region: 'south' }, at });
  return ((performance.now() - started) * 1000) / n;
}

async function main() {
  if (EXPERIMENTS > 0) monteCarlo();
  await analysisAtScale();
}

function monteCarlo() {
  console.log(`\nTandem experiments: ${EXPERIMENTS} seeded experiments per scenario, daily looks, Lan-DeMets O'Brien-Fleming spending, alpha ${ALPHA}, planned power ${POWER}`);
  console.table([
    rateRow('A/A, FCR 50 %, 20 looks', 0.5, 0.1, 0, 20, SEED),
    rateRow('A/A, FCR 50 %, 78 looks', 0.5, 0.1, 0, 5, SEED + 1),
    rateRow('A/A, SLA 85 %, 29 looks', 0.85, 0.05, 0, 24, SEED + 2),
    durationRow('A/A, lead time, 16 looks', 0.8, 0.9, 1, 60, SEED + 3),
    rateRow('planned +10 points, 20 looks', 0.5, 0.1, 0.1, 20, SEED + 4),
    rateRow('planned +10 points, 78 looks', 0.5, 0.1, 0.1, 5, SEED + 5),
    rateRow('planned SLA 85 -> 90 %, 29 looks', 0.85, 0.05, 0.05, 24, SEED + 6),
    durationRow('planned 10 % faster, 16 looks', 0.8, 0.9, 0.9, 60, SEED + 7),
    rateRow('half the planned effect', 0.5, 0.1, 0.05, 20, SEED + 8),
  ]);
  const guardrails = EXPERIMENTS / 10;
  const guardrailRow = (scenario: string, candidateRate: number, seed: number) => {
    const started = performance.now();
    const result = guardrailOperatingCharacteristics(
      { baselineRate: 0.85, candidateRate, maxWorsening: 0.05, perArm: 400, casesPerArmPerDay: 20, alpha: ALPHA },
      guardrails,
      seededRandom(seed),
    );
    const se = Math.sqrt((result.pausedRate * (1 - result.pausedRate)) / guardrails);
    return {
      scenario,
      experiments: guardrails,
      paused: `${(100 * result.pausedRate).toFixed(2)} % ± ${(100 * se).toFixed(2)}`,
      'mean pause at': result.meanPauseFraction === null ? '-' : `${(100 * result.meanPauseFraction).toFixed(1)} %`,
      seconds: +((performance.now() - started) / 1000).toFixed(1),
    };
  };
  console.log(`\nGuardrail "SLA attainment not worse than 5 points", SLA 85 %, 400 cases per arm, checked daily for 20 days (one side of the spending: alpha/2 = ${ALPHA / 2})`);
  console.table([
    guardrailRow('A/A: candidate as good', 0.85, SEED + 9),
    guardrailRow('candidate 5 points worse (at the limit)', 0.8, SEED + 10),
    guardrailRow('candidate 10 points worse', 0.75, SEED + 11),
    guardrailRow('candidate 20 points worse', 0.65, SEED + 12),
  ]);
  const started = performance.now();
  const daily = Array.from({ length: 90 }, (_, i) => (i + 1) / 90);
  const boundaries = spendingBoundaries(daily, ALPHA);
  console.log(
    `boundaries for 90 daily looks: ${((performance.now() - started) / 1000).toFixed(2)} s; looks capped at |z| = 8: ${boundaries.filter((b) => b > 7.999).length}, ` +
      `at 50 % ${boundaries[44].toFixed(3)}, final ${boundaries[89].toFixed(3)}`,
  );
  console.log(`routing: ${routingMicros().toFixed(2)} µs per assignArm (variable unit, segment rule, ramp)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
