import { describe, expect, it } from '@jest/globals';
import type { VerdictReasonCode } from '../../apps/web/src/api/experiments-types.js';
import { REASON_CODES, reasonSentence } from '../../apps/web/src/insights/experiments/reason-sentences.js';

/** A reason of each code as libs/experiments' decideVerdict writes it (message and numbers). */
const REASONS: Record<VerdictReasonCode, { message: string; numbers: Record<string, number | string | null> }> = {
  SAMPLE_RATIO_MISMATCH: { message: 'cases per arm 80/40 do not fit the planned weights 50/50', numbers: { chiSquare: 13.3, df: 1, pValue: 0.00026 } },
  GUARDRAIL_DATA_MISSING: { message: 'guardrail sla (slaAttainment) has no data', numbers: { guardrail: 'sla' } },
  PLAN_VIOLATED: { message: 'the plan changed without a new analysis version', numbers: {} },
  GUARDRAIL_BREACHED: { message: 'guardrail sla (slaAttainment) is breached', numbers: { guardrail: 'sla', observed: 0.12, limit: 0.05 } },
  BOUNDARY_CROSSED_IN_FAVOUR: {
    message: 'the primary metric crossed the efficacy boundary at look 5',
    numbers: { z: -3.1, boundary: 2.8, informationFraction: 0.444, alphaSpent: 0.004 },
  },
  BOUNDARY_CROSSED_AGAINST: { message: 'the primary metric crossed the harm boundary at look 2', numbers: { z: 4.2, boundary: 3.9, informationFraction: 1.03, alphaSpent: 0.05 } },
  PLAN_REACHED_WITHOUT_CROSSING: { message: 'the planned cases are in and no boundary was crossed', numbers: { z: 1.2, boundary: 1.97, informationFraction: 1.01 } },
  COLLECTING: { message: '44 % of the planned cases are in; no boundary crossed yet', numbers: { z: 0.8, boundary: 2.9, informationFraction: 0.444 } },
};

const context = { primaryMetric: 'waitingTime', crossedLook: 5, guardrails: [{ id: 'sla', metric: 'slaAttainment' }] };

describe('the verdict reasons in plain sentences', () => {
  it('has a sentence for every code the lib can give', () => {
    // then: the Record above and the sentences' map are both keyed by the lib's union
    expect([...REASON_CODES].sort()).toEqual(Object.keys(REASONS).sort());
  });

  it.each(Object.entries(REASONS))('writes %s as a sentence without the raw code or raw fractions', (code, reason) => {
    // when
    const sut = reasonSentence({ code: code as VerdictReasonCode, ...reason }, context);

    // then: a capitalised sentence that ends with a full stop, no code, no unformatted number
    expect(sut).toMatch(/^[A-Z].*\.$/);
    expect(sut).not.toContain(code);
    expect(sut).not.toMatch(/informationFraction|0\.444|1\.03|_/);
  });

  it('puts the figures in words: the look, z against the boundary, the information capped at the plan', () => {
    // when
    const inFavor = reasonSentence({ code: 'BOUNDARY_CROSSED_IN_FAVOUR', ...REASONS.BOUNDARY_CROSSED_IN_FAVOUR }, context);
    const against = reasonSentence({ code: 'BOUNDARY_CROSSED_AGAINST', ...REASONS.BOUNDARY_CROSSED_AGAINST }, { ...context, crossedLook: 2 });
    const breached = reasonSentence({ code: 'GUARDRAIL_BREACHED', ...REASONS.GUARDRAIL_BREACHED }, context);
    const collecting = reasonSentence({ code: 'COLLECTING', ...REASONS.COLLECTING }, context);

    // then
    expect(inFavor).toBe(
      "The candidate is better on waiting time (the desk's): its z of -3.10 crossed the efficacy boundary of ±2.80 at look 5, with 44 % of the planned information. The boundary allows for looking every day, so this is not an artefact of peeking.",
    );
    expect(against).toContain('with 100 % (plan passed) of the planned information. Keep the baseline.');
    expect(breached).toBe(
      'Guardrail "sla" is breached: the candidate is worse by 12.0 pts on sla attainment (first response), more than the 5.0 pts worse allowed. Keep the baseline.',
    );
    expect(collecting).toBe('So far 44 % of the planned information is in and no boundary is crossed yet (z of 0.8, boundary of ±2.90). Keep collecting cases.');
  });

  it('says there is no look yet before the first look, and keeps the message of a code it does not know', () => {
    // when
    const first = reasonSentence({ code: 'COLLECTING', message: '0 % in', numbers: { z: null, boundary: null, informationFraction: 0 } }, context);
    const unknown = reasonSentence({ code: 'SOMETHING_NEW' as VerdictReasonCode, message: 'a newer engine said so', numbers: {} }, context);

    // then
    expect(first).toBe('No look yet: both arms need ended cases before the first comparison. Keep collecting cases.');
    expect(unknown).toBe('a newer engine said so');
  });
});
