/**
 * The plan's progress told honestly: before the plan, how far and how long; once the cases per arm
 * pass the plan, when it was reached and whether the sequential test stopped early, never a
 * share above 100 % nor days still to go. Pure functions, for the page and its unit test.
 */
import type { AnalysisLook } from '../../api/experiments-types.js';
import { expectedDaysText, formatDay, formatPercent } from './experiment-format.js';

const DAY_MS = 86_400_000;

/** An information fraction as the page writes it: a percentage up to the plan, "100 % (plan passed)" beyond. */
export const informationText = (fraction: number | null | undefined): string => {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  if (fraction > 1) return '100 % (plan passed)';
  return formatPercent(fraction, 0);
};

export interface PlanProgressInput {
  plan: { casesSoFar: number; perArm: number; expectedDays: number | null };
  looks: readonly Pick<AnalysisLook, 'at' | 'informationFraction'>[];
  /** 0-based index of the look that crossed the boundary, as the verdict's `sequential.crossed.look` */
  crossedLook: number | null;
}

export interface PlanProgress {
  /** 0..1, for the bar */
  fraction: number;
  reached: boolean;
  /** the figures: cases per arm against the plan */
  text: string;
  /** the time line: expected duration before the plan, when it was reached (and the early stop) after */
  detail: string;
}

/** The first look with the planned information: its data cut-off is when the plan was reached. */
export const planReachedLook = (looks: PlanProgressInput['looks']): number => looks.findIndex((look) => look.informationFraction >= 1);

export const planProgress = ({ plan, looks, crossedLook }: PlanProgressInput): PlanProgress => {
  const share = plan.perArm > 0 ? plan.casesSoFar / plan.perArm : 0;
  const cases = (n: number) => n.toLocaleString('en');
  const reachedAt = planReachedLook(looks);
  const reached = share >= 1 || reachedAt !== -1;
  const crossed = crossedLook === null ? undefined : looks[crossedLook];
  const early = crossed !== undefined && (reachedAt === -1 || crossedLook! < reachedAt);
  const stoppedEarly = early ? `stopped early at look ${crossedLook! + 1} (${formatDay(crossed.at)}), when the boundary was crossed` : '';
  if (!reached) {
    return {
      fraction: Math.max(share, 0),
      reached,
      text: `${cases(plan.casesSoFar)} of ${cases(plan.perArm)} cases per arm (${formatPercent(share, 0)})`,
      // Once the test has stopped early, the time still to go to the plan no longer matters.
      detail: early ? `Sequential test ${stoppedEarly}: the verdict need not wait for the plan.` : expectedDaysText(plan.expectedDays),
    };
  }
  const when = reachedAt === -1 ? 'Plan reached' : `Plan reached on ${formatDay(looks[reachedAt].at)}`;
  const outcome = early
    ? `; ${stoppedEarly}.`
    : crossed !== undefined
      ? `; the boundary was crossed at the final look (look ${crossedLook! + 1}).`
      : '; no boundary crossed by then, so the verdict is final.';
  return {
    fraction: 1,
    reached,
    text: `${when}: ${cases(plan.casesSoFar)} cases per arm, ${cases(plan.perArm)} planned.`,
    detail: `${when}${outcome}`,
  };
};

/** Days since the start without a look, and why; the looks are cut at whole days since the start plus one at the analysis. */
export interface LookGaps {
  /** cut-offs (epoch ms) with no look while the test was still looking: no new ended case in one arm that day */
  quietDays: number[];
  /** cut-offs after the plan was reached: no looks are taken then */
  afterPlan: number;
  /** cut-offs before the first look: one arm had no ended case yet */
  beforeFirst: number;
}

export const lookGaps = (looks: PlanProgressInput['looks'], startedAtMs: number, untilMs: number): LookGaps => {
  const cutoffs: number[] = [];
  for (let at = startedAtMs + DAY_MS; at < untilMs; at += DAY_MS) cutoffs.push(at);
  const looked = new Set(looks.map((look) => look.at));
  const first = looks[0]?.at ?? Infinity;
  const reached = planReachedLook(looks);
  const planAt = reached === -1 ? Infinity : looks[reached].at;
  const missing = cutoffs.filter((at) => !looked.has(at));
  return {
    quietDays: missing.filter((at) => at > first && at < planAt),
    afterPlan: missing.filter((at) => at > planAt).length,
    beforeFirst: missing.filter((at) => at < first).length,
  };
};

const listDays = (days: readonly number[], shown = 6): string =>
  days.length <= shown ? days.map(formatDay).join(', ') : `${days.slice(0, shown).map(formatDay).join(', ')} and ${days.length - shown} more`;

/** The chart's caption on the days without a look, or '' when every day has its look. */
export const lookGapsText = (gaps: LookGaps): string =>
  [
    gaps.beforeFirst > 0 && `No look in the first ${gaps.beforeFirst === 1 ? 'day' : `${gaps.beforeFirst} days`}: a look needs ended cases in both arms.`,
    gaps.quietDays.length > 0 && `No look on ${listDays(gaps.quietDays)}: no new case ended in the smaller arm that day, so there was no new information to look at.`,
    gaps.afterPlan > 0 && `No looks in the ${gaps.afterPlan === 1 ? 'day' : `${gaps.afterPlan} days`} after the plan was reached: the look at the plan is the final one.`,
  ]
    .filter((text): text is string => typeof text === 'string')
    .join(' ');
