/**
 * Each verdict reason in a plain sentence for an analyst, written from the reason's numbers; the
 * lib's code stays available (the page puts it in a tooltip). One sentence per code of the lib's
 * VerdictReasonCode union: a new code there fails to compile here until it has its sentence.
 */
import type { GuardrailCheck, VerdictReason, VerdictReasonCode } from '../../api/experiments-types.js';
import { formatNumber, formatP, formatWorsening, formatZ, guardrailObservedText, metricLabel } from './experiment-format.js';
import { informationText } from './plan-progress.js';

/** What the sentences need beyond the reason's own numbers. */
export interface ReasonContext {
  primaryMetric: string;
  /** 1-based look at which the boundary was crossed, when it was */
  crossedLook?: number;
  guardrails?: readonly Pick<GuardrailCheck, 'id' | 'metric'>[];
}

type Numbers = VerdictReason['numbers'];

const numberOf = (numbers: Numbers, name: string): number | null => (typeof numbers[name] === 'number' ? (numbers[name] as number) : null);
const textOf = (numbers: Numbers, name: string): string => (numbers[name] === null || numbers[name] === undefined ? '?' : String(numbers[name]));

/** "z of 2.81", or that there is none yet. */
const zOf = (numbers: Numbers): string => {
  const z = numberOf(numbers, 'z');
  return z === null ? 'no z yet' : `z of ${formatZ(z)}`;
};

/** " of ±2.02", or nothing when the boundary is not known. */
const boundaryOf = (numbers: Numbers): string => {
  const boundary = numberOf(numbers, 'boundary');
  return boundary === null ? '' : ` of ±${formatNumber(boundary)}`;
};

const atLook = (context: ReasonContext): string => (context.crossedLook === undefined ? '' : ` at look ${context.crossedLook}`);

const guardrailMetric = (numbers: Numbers, context: ReasonContext): string | undefined => context.guardrails?.find((g) => g.id === numbers.guardrail)?.metric;

const SENTENCES: Record<VerdictReasonCode, (reason: VerdictReason, context: ReasonContext) => string> = {
  SAMPLE_RATIO_MISMATCH: ({ numbers }) =>
    `The arms did not get the shares of cases the plan set (p ${formatP(numberOf(numbers, 'pValue'))}): cases were routed or lost unevenly, so none of the figures can be trusted.`,
  GUARDRAIL_DATA_MISSING: ({ numbers }) =>
    `Guardrail "${textOf(numbers, 'guardrail')}" has no data, so whether the candidate is safe is unknown and the verdict cannot be trusted.`,
  PLAN_VIOLATED: ({ message }) => `The plan was not kept (${message}), so the test no longer answers the question it was sized for.`,
  GUARDRAIL_BREACHED: ({ numbers }, context) => {
    const metric = guardrailMetric(numbers, context);
    const observed = numberOf(numbers, 'observed');
    const limit = numberOf(numbers, 'limit');
    const figures =
      metric !== undefined && observed !== null && limit !== null
        ? `: the candidate is ${guardrailObservedText(metric, observed)} on ${metricLabel(metric).toLowerCase()}, more than the ${formatWorsening(metric, limit)} worse allowed`
        : '';
    return `Guardrail "${textOf(numbers, 'guardrail')}" is breached${figures}. Keep the baseline.`;
  },
  BOUNDARY_CROSSED_IN_FAVOUR: ({ numbers }, context) =>
    `The candidate is better on ${metricLabel(context.primaryMetric).toLowerCase()}: its ${zOf(numbers)} crossed the efficacy boundary${boundaryOf(numbers)}${atLook(context)}, with ${informationText(numberOf(numbers, 'informationFraction'))} of the planned information. The boundary allows for looking every day, so this is not an artefact of peeking.`,
  BOUNDARY_CROSSED_AGAINST: ({ numbers }, context) =>
    `The candidate is worse on ${metricLabel(context.primaryMetric).toLowerCase()}: its ${zOf(numbers)} crossed the harm boundary${boundaryOf(numbers)}${atLook(context)}, with ${informationText(numberOf(numbers, 'informationFraction'))} of the planned information. Keep the baseline.`,
  PLAN_REACHED_WITHOUT_CROSSING: ({ numbers }, context) =>
    `All the planned cases are in and ${metricLabel(context.primaryMetric).toLowerCase()} stayed inside the final boundary${boundaryOf(numbers)} (${zOf(numbers)}): no difference of the planned size was shown.`,
  COLLECTING: ({ numbers }) => {
    const fraction = numberOf(numbers, 'informationFraction') ?? 0;
    if (fraction === 0) return 'No look yet: both arms need ended cases before the first comparison. Keep collecting cases.';
    return `So far ${informationText(fraction)} of the planned information is in and no boundary is crossed yet (${zOf(numbers)}, boundary${boundaryOf(numbers)}). Keep collecting cases.`;
  },
};

/** The reason as a sentence a new analyst can act on. */
export const reasonSentence = (reason: VerdictReason, context: ReasonContext): string =>
  // A code from an engine newer than this page keeps the engine's own message.
  (SENTENCES[reason.code] as ((reason: VerdictReason, context: ReasonContext) => string) | undefined)?.(reason, context) ?? reason.message;

/** Every code with a sentence (the unit test checks each). */
export const REASON_CODES = Object.keys(SENTENCES) as VerdictReasonCode[];
