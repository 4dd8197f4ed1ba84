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
import { mean, variance } from '../statistics/descriptive.js';
import type { Guardrail } from '../model/experiment.js';
import { METRICS } from '../model/metrics.js';
import type { ArmCase } from './analysis-input.js';
import { dailyLooks } from './daily-looks.js';
import { metricSamples } from './metric-comparison.js';

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

interface Worsening {
  worsening: number;
  se: number;
  n: number;
}

export function checkGuardrail(
  guardrail: Guardrail,
  candidateArmId: string,
  baseline: readonly ArmCase[],
  candidate: readonly ArmCase[],
  span: { startedAt: number; until: number; perArm: number; alpha: number },
): GuardrailCheck {
  const definition = METRICS[guardrail.metric];
  const limit = definition.kind === 'proportion' ? guardrail.maxWorsening : Math.log(1 + guardrail.maxWorsening);
  const samples = (cases: readonly ArmCase[]) => metricSamples(cases.map((c) => c.values[guardrail.metric]));
  const worseningOf = (b: readonly ArmCase[], c: readonly ArmCase[]): Worsening | null => {
    const x = samples(b);
    const y = samples(c);
    if (x.length < GUARDRAIL_MIN_CASES || y.length < GUARDRAIL_MIN_CASES) return null;
    const n = Math.min(x.length, y.length);
    if (definition.kind === 'proportion') {
      const p1 = mean(x.map((v) => (v > 0 ? 1 : 0)));
      const p2 = mean(y.map((v) => (v > 0 ? 1 : 0)));
      const se = Math.sqrt((p1 * (1 - p1)) / x.length + (p2 * (1 - p2)) / y.length);
      return { worsening: definition.better === 'higher' ? p1 - p2 : p2 - p1, se, n };
    }
    const lx = x.map((v) => Math.log(Math.max(v, 1)));
    const ly = y.map((v) => Math.log(Math.max(v, 1)));
    const se = Math.sqrt(variance(lx) / lx.length + variance(ly) / ly.length);
    const logRatio = mean(ly) - mean(lx);
    return { worsening: definition.better === 'lower' ? logRatio : -logRatio, se, n };
  };
  // A standard error of 0 (every case alike) makes any excess certain, and any shortfall too.
  const zOf = ({ worsening, se }: Worsening) => (worsening - limit) / Math.max(se, 1e-9);

  const looks = dailyLooks(baseline, candidate, span.startedAt, span.until, span.perArm, (b, c) => {
    const w = worseningOf(b, c);
    return w && { z: zOf(w), n: w.n };
  });
  const base = { id: guardrail.id, metric: guardrail.metric, candidateArmId, limit: guardrail.maxWorsening, looks: looks.length };
  if (looks.length === 0) {
    const endedCases = (cases: readonly ArmCase[]) => cases.filter((c) => c.endedAt !== null).length;
    const noData = samples(baseline).length === 0 || samples(candidate).length === 0;
    const missing = noData && endedCases(baseline) >= GUARDRAIL_MIN_CASES && endedCases(candidate) >= GUARDRAIL_MIN_CASES;
    return { ...base, status: missing ? 'missing' : 'collecting', z: null, boundary: null, breachedAt: null };
  }
  const sequential = sequentialTest(looks, span.alpha);
  const last = worseningOf(baseline.filter(ended(span.until)), candidate.filter(ended(span.until)));
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

const ended = (until: number) => (c: ArmCase) => c.endedAt !== null && c.endedAt <= until;
