/**
 * A guardrail as a sequential non-inferiority test: the candidate is breached when its worsening
 * beyond the tolerated limit is significant at the look's O'Brien-Fleming boundary (one side of
 * the two-sided spending, so alpha/2), with a look per day since the start. Checking the guardrail
 * every few minutes therefore does not trip it on noise any more often than the plan's alpha says;
 * the price is that a candidate only a little over the limit takes more cases to be paused than a
 * large breach does.
 *   rates:     worsening = baseline - candidate (higher is better) in points, unpooled standard error;
 *   durations: worsening = log(geometric mean ratio), the limit log(1 + maxWorsening), Welch's standard error.
 */
import { sequentialTest } from '../statistics/alpha-spending.js';
import type { Guardrail } from '../model/experiment.js';
import { METRICS } from '../model/metrics.js';
import type { ArmCase } from './analysis-input.js';
import { addEndedCase, armTotals, emptyArmDays, moments, type ArmDays, type ArmTotals } from './arm-days.js';
import { dailyLooks } from './daily-looks.js';

/** Cases per arm with the metric before a guardrail is looked at: below it the normal approximation is too rough. */
export const GUARDRAIL_MIN_CASES = 10;

export interface GuardrailCheck {
  id: string;
  metric: string;
  candidateArmId: string;
  /** collecting: too few cases yet; missing: the arms have ended cases but the metric has no data */
  status: 'ok' | 'breached' | 'missing' | 'collecting';
  /** worsening at the last look: points for rates, a relative change for durations (0.12 = 12 % longer) */
  observed?: number;
  limit: number;
  /** (worsening - limit) / standard error at the last look, and that look's boundary */
  z: number | null;
  boundary: number | null;
  /** epoch milliseconds of the look that crossed */
  breachedAt: number | null;
  looks: number;
}

export interface GuardrailSpan {
  startedAt: number;
  until: number;
  perArm: number;
  alpha: number;
}

interface Worsening {
  worsening: number;
  se: number;
  n: number;
}

/** The guardrail judged on the arms' cases: their ends by `until` summed by day, then `checkGuardrailOnDays`. */
export function checkGuardrail(guardrail: Guardrail, candidateArmId: string, baseline: readonly ArmCase[], candidate: readonly ArmCase[], span: GuardrailSpan): GuardrailCheck {
  const daysOf = (cases: readonly ArmCase[]) => {
    const arm = emptyArmDays();
    for (const c of cases) if (c.endedAt !== null && c.endedAt <= span.until) addEndedCase(arm, span.startedAt, c.endedAt, c.values, [guardrail.metric]);
    return arm;
  };
  return checkGuardrailOnDays(guardrail, candidateArmId, daysOf(baseline), daysOf(candidate), span);
}

/** The guardrail judged on the arms' day sums (cases ended by `until`, the guardrail's metric among the sums). */
export function checkGuardrailOnDays(guardrail: Guardrail, candidateArmId: string, baseline: ArmDays, candidate: ArmDays, span: GuardrailSpan): GuardrailCheck {
  const definition = METRICS[guardrail.metric];
  const limit = definition.kind === 'proportion' ? guardrail.maxWorsening : Math.log(1 + guardrail.maxWorsening);
  const worseningOf = (b: ArmTotals, c: ArmTotals): Worsening | null => {
    const x = moments(b, guardrail.metric);
    const y = moments(c, guardrail.metric);
    if (x === null || y === null || x.n < GUARDRAIL_MIN_CASES || y.n < GUARDRAIL_MIN_CASES) return null;
    const n = Math.min(x.n, y.n);
    if (definition.kind === 'proportion') {
      const p1 = x.mean;
      const p2 = y.mean;
      const se = Math.sqrt((p1 * (1 - p1)) / x.n + (p2 * (1 - p2)) / y.n);
      return { worsening: definition.better === 'higher' ? p1 - p2 : p2 - p1, se, n };
    }
    const se = Math.sqrt(x.variance / x.n + y.variance / y.n);
    const logRatio = y.mean - x.mean;
    return { worsening: definition.better === 'lower' ? logRatio : -logRatio, se, n };
  };
  // A standard error of 0 (every case alike) makes any excess certain, and any shortfall too.
  const zOf = ({ worsening, se }: Worsening) => (worsening - limit) / Math.max(se, 1e-9);

  const looks = dailyLooks(baseline, candidate, span.startedAt, span.until, span.perArm, (b, c) => {
    const w = worseningOf(b, c);
    return w && { z: zOf(w), n: w.n };
  });
  const base = { id: guardrail.id, metric: guardrail.metric, candidateArmId, limit: guardrail.maxWorsening, looks: looks.length };
  const baselineTotals = armTotals(baseline);
  const candidateTotals = armTotals(candidate);
  if (looks.length === 0) {
    const noData = moments(baselineTotals, guardrail.metric) === null || moments(candidateTotals, guardrail.metric) === null;
    const missing = noData && baselineTotals.ended >= GUARDRAIL_MIN_CASES && candidateTotals.ended >= GUARDRAIL_MIN_CASES;
    return { ...base, status: missing ? 'missing' : 'collecting', z: null, boundary: null, breachedAt: null };
  }
  const sequential = sequentialTest(looks, span.alpha);
  const last = worseningOf(baselineTotals, candidateTotals);
  const observed = last === null ? undefined : definition.kind === 'proportion' ? last.worsening : Math.exp(last.worsening) - 1;
  const crossed = sequential.crossed?.direction === 'upper' ? sequential.crossed.look : null;
  const shown = crossed ?? Math.min(looks.length, sequential.boundaries.length) - 1;
  return {
    ...base,
    status: crossed === null ? 'ok' : 'breached',
    ...(observed === undefined ? {} : { observed }),
    z: looks[shown].z,
    boundary: sequential.boundaries[shown],
    breachedAt: crossed === null ? null : looks[crossed].at,
  };
}
