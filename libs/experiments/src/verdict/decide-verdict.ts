/**
 * The verdict on an experiment's primary metric, with the reasons and numbers behind it:
 *   INVALID        sample-ratio mismatch, guardrail data missing, or the plan was violated;
 *   KEEP_BASELINE  a guardrail is breached, or the sequential boundary is crossed against the candidate;
 *   SHIP           the sequential boundary is crossed in the candidate's favor;
 *   INCONCLUSIVE   the planned information is reached without crossing;
 *   CONTINUE       otherwise (with the progress toward the plan).
 * Every INVALID reason is reported, not just the first. The report carries the data hash and the
 * seed, so the same inputs give the same report.
 */
import { sampleRatioCheck, type SampleRatioResult } from '../statistics/sample-ratio.js';
import { sequentialTest, type SequentialLook, type SequentialResult } from '../statistics/alpha-spending.js';
import type { MetricBetter } from '../model/metrics.js';
import { dataHash } from './data-hash.js';

export type Verdict = 'SHIP' | 'KEEP_BASELINE' | 'CONTINUE' | 'INCONCLUSIVE' | 'INVALID';

export type VerdictReasonCode =
  | 'SAMPLE_RATIO_MISMATCH'
  | 'GUARDRAIL_DATA_MISSING'
  | 'PLAN_VIOLATED'
  | 'GUARDRAIL_BREACHED'
  | 'BOUNDARY_CROSSED_IN_FAVOUR'
  | 'BOUNDARY_CROSSED_AGAINST'
  | 'PLAN_REACHED_WITHOUT_CROSSING'
  | 'COLLECTING';

export interface VerdictReason {
  code: VerdictReasonCode;
  message: string;
  numbers: Record<string, number | string | null>;
}

export interface GuardrailStatus {
  id: string;
  metric: string;
  status: 'ok' | 'breached' | 'missing';
  /** observed worsening of the candidate (points or relative), when known */
  observed?: number;
  limit?: number;
}

export interface PrimaryEstimate {
  /** candidate - baseline (rates), or candidate / baseline (durations) */
  difference: number;
  interval: [number, number] | null;
  pValue: number;
}

export interface VerdictInput {
  alpha: number;
  /** which direction of the primary metric is an improvement */
  better: MetricBetter;
  /** cases per arm, in the order of `plannedWeights` */
  armCases: readonly number[];
  plannedWeights: readonly number[];
  /** the primary metric's z at every look so far; z > 0 means the candidate's value is higher */
  looks: readonly SequentialLook[];
  estimate?: PrimaryEstimate;
  guardrails: readonly GuardrailStatus[];
  /** plan violations found by the caller (e.g. plan changed without a new analysis version) */
  planViolations: readonly string[];
  seed: number;
  /** the raw observations the numbers come from; only hashed */
  data: unknown;
}

export interface VerdictReport {
  verdict: Verdict;
  reasons: VerdictReason[];
  sampleRatio: SampleRatioResult;
  sequential: SequentialResult;
  estimate?: PrimaryEstimate;
  dataHash: string;
  seed: number;
}

export function decideVerdict(input: VerdictInput): VerdictReport {
  const sampleRatio = sampleRatioCheck(input.armCases, input.plannedWeights);
  // Before the first look (no ended cases in one arm) nothing is tested and nothing is spent.
  const sequential: SequentialResult = input.looks.length === 0 ? { crossed: null, boundaries: [], alphaSpent: 0, planReached: false } : sequentialTest(input.looks, input.alpha);
  const report = (verdict: Verdict, reasons: VerdictReason[]): VerdictReport => ({
    verdict,
    reasons,
    sampleRatio,
    sequential,
    ...(input.estimate ? { estimate: input.estimate } : {}),
    dataHash: dataHash({ data: input.data, looks: input.looks, armCases: input.armCases, seed: input.seed }),
    seed: input.seed,
  });

  const invalid: VerdictReason[] = [];
  if (sampleRatio.mismatch) {
    invalid.push({
      code: 'SAMPLE_RATIO_MISMATCH',
      message: `cases per arm ${input.armCases.join('/')} do not fit the planned weights ${input.plannedWeights.join('/')}`,
      numbers: { chiSquare: sampleRatio.chiSquare, df: sampleRatio.df, pValue: sampleRatio.pValue },
    });
  }
  for (const guardrail of input.guardrails.filter((g) => g.status === 'missing')) {
    invalid.push({
      code: 'GUARDRAIL_DATA_MISSING',
      message: `guardrail ${guardrail.id} (${guardrail.metric}) has no data, so the candidate's safety is unknown`,
      numbers: { guardrail: guardrail.id },
    });
  }
  for (const violation of input.planViolations) invalid.push({ code: 'PLAN_VIOLATED', message: violation, numbers: {} });
  if (invalid.length > 0) return report('INVALID', invalid);

  const breached = input.guardrails.filter((g) => g.status === 'breached');
  if (breached.length > 0) {
    return report(
      'KEEP_BASELINE',
      breached.map((g) => ({
        code: 'GUARDRAIL_BREACHED',
        message: `guardrail ${g.id} (${g.metric}) is breached`,
        numbers: { guardrail: g.id, observed: g.observed ?? null, limit: g.limit ?? null },
      })),
    );
  }

  const last = input.looks[Math.min(input.looks.length, sequential.boundaries.length) - 1] as SequentialLook | undefined;
  if (sequential.crossed) {
    const look = input.looks[sequential.crossed.look];
    const improvement = (sequential.crossed.direction === 'upper') === (input.better === 'higher');
    return report(improvement ? 'SHIP' : 'KEEP_BASELINE', [
      {
        code: improvement ? 'BOUNDARY_CROSSED_IN_FAVOUR' : 'BOUNDARY_CROSSED_AGAINST',
        message: `the primary metric crossed the ${improvement ? 'efficacy' : 'harm'} boundary at look ${sequential.crossed.look + 1}`,
        numbers: {
          z: look.z,
          boundary: sequential.boundaries[sequential.crossed.look],
          informationFraction: look.informationFraction,
          alphaSpent: sequential.alphaSpent,
        },
      },
    ]);
  }
  if (sequential.planReached) {
    return report('INCONCLUSIVE', [
      {
        code: 'PLAN_REACHED_WITHOUT_CROSSING',
        message: 'the planned cases are in and no boundary was crossed: no effect of the planned size was shown',
        numbers: { z: last!.z, boundary: sequential.boundaries[sequential.boundaries.length - 1], informationFraction: last!.informationFraction },
      },
    ]);
  }
  const fraction = last?.informationFraction ?? 0;
  return report('CONTINUE', [
    {
      code: 'COLLECTING',
      message: `${Math.round(fraction * 100)} % of the planned cases are in; no boundary crossed yet`,
      numbers: { z: last?.z ?? null, boundary: sequential.boundaries[sequential.boundaries.length - 1] ?? null, informationFraction: fraction },
    },
  ]);
}
