/**
 * The whole analysis of an experiment at one instant: the arms' cases, every metric compared
 * (primary, secondaries with Benjamini-Hochberg, lead time censoring-aware), the guardrails, the
 * daily sequential looks and the verdict, the stage breakdown and the per-activity differences.
 * With several candidates each is compared with the baseline at alpha / candidates (Bonferroni),
 * and the overall verdict is INVALID if any candidate's is, else a SHIP naming its candidate, else
 * the least settled of theirs. Deterministic: the bootstrap draws from the experiment's seed,
 * and the report carries the data hash.
 */
import { baselineArm, type Arm, type Experiment } from '../model/experiment.js';
import { METRIC_DEFINITIONS } from '../model/metric-definitions.js';
import { METRICS, type MetricKey } from '../model/metrics.js';
import { planRequirements, type PlanRequirements } from '../model/plan-requirements.js';
import { seededRandom } from '../random/seeded-random.js';
import { hashedCandidate, plannedShares, type AssignmentReason } from '../routing/assign-arm.js';
import { benjaminiHochberg } from '../statistics/benjamini-hochberg.js';
import { compareLeadTimes, type LeadTimeComparison } from '../statistics/lead-time.js';
import { twoProportionTest } from '../statistics/two-proportion.js';
import { decideVerdict, type Verdict, type VerdictReport } from '../verdict/decide-verdict.js';
import { CANONICAL_HASH_MAX_CASES, caseDigest, dataHash } from '../verdict/data-hash.js';
import { activityDifferences, binnedActivityDifferences, type ActivityDifference } from './activity-differences.js';
import type { AnalysisInput, ArmAggregates, ArmCase } from './analysis-input.js';
import type { BinnedDurations } from './binned-durations.js';
import { addEndedCase, emptyArmDays, moments, type ArmDays, type ArmTotals } from './arm-days.js';
import { dailyLooks, type DatedLook } from './daily-looks.js';
import { checkGuardrailOnDays, type GuardrailCheck } from './guardrail-check.js';
import { compareBinnedDurations, compareMetric, metricSamples, type MetricComparison } from './metric-comparison.js';
import { orderedArms, stageBreakdown, stageBreakdownOfSums, type StageBreakdown } from './stage-breakdown.js';

const DAY_MS = 86_400_000;
/** Routing reasons that come from the hash, so the planned shares apply to them. */
const HASHED: readonly AssignmentReason[] = ['weight', 'ramp', 'sticky', 'guardrail'];
export const ANALYSIS_STAGES = ['inquiry', 'diagnosis', 'solution', 'follow-up'] as const;

/** One look of a candidate's sequential test, dated, with the boundary it was held to. */
export type AnalysisLook = DatedLook & { boundary: number | null };

export interface ArmSummary {
  armId: string;
  role: Arm['role'];
  processVersionId: string;
  weight: number;
  paused: boolean;
  assigned: number;
  running: number;
  finished: number;
}

export interface MetricResult extends MetricComparison {
  /** What the metric counts (METRIC_DEFINITIONS): waiting and processing are the desk's. */
  definition: string;
  primary: boolean;
  /** secondaries: Benjamini-Hochberg adjusted across the secondaries of the candidate */
  adjustedP: number | null;
  significant: boolean;
}

export interface CandidateAnalysis {
  armId: string;
  alpha: number;
  metrics: MetricResult[];
  leadTime: LeadTimeComparison | null;
  guardrails: GuardrailCheck[];
  looks: AnalysisLook[];
  activities: ActivityDifference[];
  verdict: VerdictReport;
}

export interface ExperimentAnalysis {
  experimentId: string;
  processKey: string;
  state: Experiment['state'];
  analysisVersion: number;
  /** ISO instant the analysis was made at */
  at: string;
  seed: number;
  dataHash: string;
  plan: Experiment['plan'] & PlanRequirements & { primaryMetric: MetricKey; casesSoFar: number; informationFraction: number };
  arms: ArmSummary[];
  verdict: Verdict;
  /** the reasons of the candidate the overall verdict comes from */
  reasons: VerdictReport['reasons'];
  candidates: CandidateAnalysis[];
  stages: StageBreakdown[];
}

export function analyzeExperiment(unordered: AnalysisInput): ExperimentAnalysis {
  // A canonical order first: sums and bootstrap resamples depend on it, and the database's order is arbitrary.
  // (The activities need none: each activity's durations are sorted where they are compared.)
  const input: AnalysisInput = { ...unordered, cases: [...unordered.cases].sort((a, b) => compareText(a.instanceId, b.instanceId)) };
  const { experiment, now } = input;
  const baseline = baselineArm(experiment)!;
  const candidateArms = experiment.arms.filter((arm) => arm.role === 'candidate');
  const alpha = experiment.plan.alpha / Math.max(candidateArms.length, 1);
  const byArm = new Map<string, ArmCase[]>(experiment.arms.map((arm) => [arm.id, []]));
  for (const c of input.cases) byArm.get(c.armId)?.push(c);
  const casesOf = (armId: string) => byArm.get(armId) ?? [];
  const traffic = arrivals(input);
  const requirements = planRequirements(experiment, traffic);
  const sampleRatio = sampleRatioOf(experiment, input.cases);
  const hash =
    input.aggregates === undefined && input.cases.length <= CANONICAL_HASH_MAX_CASES
      ? dataHash({ analysisVersion: experiment.analysisVersion, cases: input.cases.map(caseTuple), activities: input.activities.length })
      : caseDigest(input.cases, input.activities.length, input.aggregates && hashedAggregates(input.aggregates));
  const baselineCases = casesOf(baseline.id);
  // The looks' and guardrails' metrics summed by end day, once per arm.
  const lookedMetrics = [...new Set([experiment.primaryMetric, ...experiment.guardrails.map((guardrail) => guardrail.metric)])];
  const daysOf = new Map<string, ArmDays>(
    experiment.arms.map((arm) => {
      const days = emptyArmDays();
      for (const c of casesOf(arm.id)) if (c.endedAt !== null && c.endedAt <= now) addEndedCase(days, input.startedAt, c.endedAt, c.values, lookedMetrics);
      return [arm.id, days];
    }),
  );
  const baselineDays = daysOf.get(baseline.id)!;

  const candidates = candidateArms.map((arm): CandidateAnalysis => {
    const candidateCases = casesOf(arm.id);
    const random = seededRandom(experiment.seed);
    const binned = (armId: string, metric: MetricKey) => input.aggregates?.durations[armId]?.[metric] ?? { n: 0, sumMs: 0, buckets: [] };
    const compare = (metric: MetricKey) =>
      input.aggregates && METRICS[metric].kind === 'duration'
        ? compareBinnedDurations(metric, arm.id, binned(baseline.id, metric), binned(arm.id, metric), alpha)
        : compareMetric(metric, arm.id, samples(baselineCases, metric), samples(candidateCases, metric), alpha, random);
    const primary = compare(experiment.primaryMetric);
    const secondaries = experiment.secondaryMetrics.filter((metric) => metric !== experiment.primaryMetric).map(compare);
    const tested = secondaries.filter((m) => m.pValue !== null);
    const adjusted =
      tested.length === 0
        ? null
        : benjaminiHochberg(
            tested.map((m) => m.pValue!),
            alpha,
          );
    const metrics: MetricResult[] = [
      {
        ...primary,
        definition: METRIC_DEFINITIONS[primary.metric],
        primary: true,
        adjustedP: primary.pValue,
        significant: primary.pValue !== null && primary.pValue < alpha,
      },
      ...secondaries.map((m) => {
        const i = tested.indexOf(m);
        return {
          ...m,
          definition: METRIC_DEFINITIONS[m.metric],
          primary: false,
          adjustedP: i === -1 ? null : adjusted!.adjusted[i],
          significant: i !== -1 && adjusted!.rejected[i],
        };
      }),
    ];
    const candidateDays = daysOf.get(arm.id)!;
    const looks = dailyLooks(baselineDays, candidateDays, input.startedAt, now, requirements.perArm, lookStatistic(experiment.primaryMetric, alpha));
    const span = { startedAt: input.startedAt, until: now, perArm: requirements.perArm, alpha };
    const guardrails = experiment.guardrails.map((guardrail) => checkGuardrailOnDays(guardrail, arm.id, baselineDays, candidateDays, span));
    const verdict = decideVerdict({
      alpha,
      better: METRICS[experiment.primaryMetric].better,
      armCases: sampleRatio.observed,
      plannedWeights: sampleRatio.expected,
      looks,
      ...(primary.pValue === null || primary.difference === null ? {} : { estimate: { difference: primary.difference, interval: primary.interval, pValue: primary.pValue } }),
      guardrails: guardrails.map((g) => ({ ...g, status: g.status === 'collecting' ? 'ok' : g.status })),
      planViolations: input.planViolations,
      seed: experiment.seed,
      data: hash,
    });
    return {
      armId: arm.id,
      alpha,
      metrics,
      leadTime: leadTimeOf(baselineCases, candidateCases, now),
      guardrails,
      looks: looks.map((look, k) => ({ ...look, boundary: verdict.sequential.boundaries[k] ?? null })),
      activities: input.aggregates
        ? binnedActivityDifferences(input.aggregates.activities, baseline.id, arm.id, alpha)
        : activityDifferences(input.activities, baseline.id, arm.id, alpha),
      verdict,
    };
  });

  const overall = overallVerdict(candidates);
  const casesSoFar = Math.min(...orderedArms(experiment).map((armId) => samples(casesOf(armId), experiment.primaryMetric).length));
  return {
    experimentId: experiment.id,
    processKey: experiment.processKey,
    state: experiment.state,
    analysisVersion: experiment.analysisVersion,
    at: new Date(now).toISOString(),
    seed: experiment.seed,
    dataHash: hash,
    plan: { ...experiment.plan, ...requirements, primaryMetric: experiment.primaryMetric, casesSoFar, informationFraction: casesSoFar / requirements.perArm },
    arms: orderedArms(experiment).map((armId) =>
      armSummary(
        experiment.arms.find((a) => a.id === armId)!,
        casesOf(armId),
      ),
    ),
    verdict: overall?.verdict.verdict ?? 'CONTINUE',
    reasons: overall?.verdict.reasons ?? [],
    candidates,
    stages: input.aggregates
      ? stageBreakdownOfSums(experiment, input.aggregates.stages, (armId) => casesOf(armId).filter((c) => c.endedAt !== null).length, ANALYSIS_STAGES)
      : stageBreakdown(experiment, input.cases, ANALYSIS_STAGES),
  };
}

const samples = (cases: readonly ArmCase[], metric: MetricKey): number[] => metricSamples(cases.filter((c) => c.endedAt !== null).map((c) => c.values[metric]));

/**
 * The primary metric's z on the cases ended by a look, from the arms' sums: the pooled
 * two-proportion z, or Welch's t on log durations (welch-log.ts, from the means and variances).
 */
function lookStatistic(metric: MetricKey, alpha: number) {
  return (baseline: ArmTotals, candidate: ArmTotals): { z: number; n: number } | null => {
    const x = moments(baseline, metric);
    const y = moments(candidate, metric);
    if (x === null || y === null) return null;
    const n = Math.min(x.n, y.n);
    if (METRICS[metric].kind === 'proportion') {
      // The sums of a rate are exact counts of successes.
      const successes = (m: { n: number; mean: number }) => Math.round(m.mean * m.n);
      return { z: twoProportionTest({ successes: successes(x), total: x.n }, { successes: successes(y), total: y.n }, alpha).z, n };
    }
    if (n < 2) return null;
    // Every case alike in both arms (a standard error of 0) makes any difference certain, as for the guardrails.
    return { z: (y.mean - x.mean) / Math.max(Math.sqrt(x.variance / x.n + y.variance / y.n), 1e-9), n };
  };
}

/**
 * Observed cases per arm against the planned shares at each case's start (ramps change them), over
 * the hash-routed cases only: segment, pause and promotion routing are not random. A case a paused
 * candidate sent to the baseline counts for the candidate its hash chose.
 */
function sampleRatioOf(experiment: Experiment, cases: readonly ArmCase[]): { observed: number[]; expected: number[] } {
  const arms = orderedArms(experiment);
  const observed = arms.map(() => 0);
  const expected = arms.map(() => 0);
  for (const c of cases) {
    if (!HASHED.includes(c.reason)) continue;
    const armId = c.reason === 'guardrail' ? hashedCandidate(experiment, c.unitKey).id : c.armId;
    const index = arms.indexOf(armId);
    if (index === -1) continue;
    observed[index] += 1;
    const shares = plannedShares(experiment, c.startedAt);
    arms.forEach((id, i) => (expected[i] += shares.get(id) ?? 0));
  }
  // Before the first hashed case every arm is as planned.
  return { observed, expected: expected.map((value, i) => (value > 0 ? value : experiment.arms.find((a) => a.id === arms[i])!.weight)) };
}

function leadTimeOf(baseline: readonly ArmCase[], candidate: readonly ArmCase[], now: number): LeadTimeComparison | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  const span = (c: ArmCase) => ({ startedAt: c.startedAt, ...(c.endedAt === null ? {} : { endedAt: c.endedAt }) });
  // A loop, not Math.max(...cases): spreading 200,000 arguments overflows the stack.
  let latest = now;
  for (const c of baseline.concat(candidate)) latest = Math.max(latest, c.endedAt ?? c.startedAt);
  return compareLeadTimes(baseline.map(span), candidate.map(span), latest);
}

/** INVALID if any candidate is; else SHIP for the candidate that crossed in favor; else the first candidate still collecting; else keep. */
function overallVerdict(candidates: readonly CandidateAnalysis[]): CandidateAnalysis | undefined {
  const first = (verdict: Verdict) => candidates.find((c) => c.verdict.verdict === verdict);
  return first('INVALID') ?? first('SHIP') ?? first('CONTINUE') ?? first('INCONCLUSIVE') ?? first('KEEP_BASELINE');
}

function armSummary(arm: Arm, cases: readonly ArmCase[]): ArmSummary {
  const finished = cases.filter((c) => c.endedAt !== null).length;
  return {
    armId: arm.id,
    role: arm.role,
    processVersionId: arm.processVersionId,
    weight: arm.weight,
    paused: arm.paused === true,
    assigned: cases.length,
    running: cases.length - finished,
    finished,
  };
}

/** Arrivals per day since the start, for the plan's expected duration. */
function arrivals(input: AnalysisInput): { arrivalsPerDay: number; trafficShare: number } | undefined {
  if (input.cases.length === 0) return undefined;
  const end = input.stoppedAt ?? input.now;
  const days = Math.max((end - input.startedAt) / DAY_MS, 1 / 24);
  return { arrivalsPerDay: input.cases.length / days, trafficShare: 1 };
}

/** The aggregates with each histogram as a record of bucket to count: canonical JSON sorts arrays, which would blur [bucket, count] pairs. */
const hashedAggregates = ({ durations, stages, activities }: ArmAggregates) => {
  const counts = (binned: BinnedDurations) => ({ n: binned.n, sumMs: binned.sumMs, buckets: Object.fromEntries(binned.buckets) });
  const each = <T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
  return {
    durations: each(durations, (metrics) => each(metrics as Record<string, BinnedDurations>, counts)),
    stages,
    activities: each(activities, (arms) => each(arms, counts)),
  };
};

const caseTuple = (c: ArmCase) => [c.instanceId, c.armId, c.startedAt, c.endedAt, c.values, c.stages];

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
