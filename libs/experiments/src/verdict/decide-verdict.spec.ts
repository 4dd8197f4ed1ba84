import { describe, expect, it } from '@jest/globals';
import { decideVerdict, type VerdictInput } from './decide-verdict.js';
import { verdictRows } from './verdict-rows.js';

const looks = (...zs: number[]) => zs.map((z, i) => ({ informationFraction: (i + 1) / 5, z }));
const given = (overrides: Partial<VerdictInput> = {}): VerdictInput => ({
  alpha: 0.05,
  better: 'higher',
  armCases: [400, 398],
  plannedWeights: [50, 50],
  looks: looks(0.5, 1.1),
  guardrails: [{ id: 'sla', metric: 'slaAttainment', status: 'ok' }],
  planViolations: [],
  seed: 42,
  data: { baseline: [1, 0, 1], candidate: [1, 1, 0] },
  ...overrides,
});

describe('decideVerdict', () => {
  it('continues while collecting, with the progress', () => {
    const sut = decideVerdict(given());
    expect(sut.verdict).toBe('CONTINUE');
    expect(sut.reasons[0]).toMatchObject({ code: 'COLLECTING', numbers: { informationFraction: 0.4 } });
  });

  it('ships when the boundary is crossed in favor', () => {
    // given z = 3.5 at 40 % (boundary 3.36) on a higher-is-better metric
    const sut = decideVerdict(given({ looks: looks(1, 3.5) }));
    expect(sut.verdict).toBe('SHIP');
    expect(sut.reasons[0]).toMatchObject({ code: 'BOUNDARY_CROSSED_IN_FAVOUR', numbers: { z: 3.5, informationFraction: 0.4 } });
    expect(sut.reasons[0].numbers.boundary).toBeCloseTo(3.357, 3);
  });

  it('keeps the baseline when a lower-is-better metric rises across the boundary', () => {
    const sut = decideVerdict(given({ better: 'lower', looks: looks(1, 3.5) }));
    expect(sut.verdict).toBe('KEEP_BASELINE');
    expect(sut.reasons[0].code).toBe('BOUNDARY_CROSSED_AGAINST');
  });

  it('is inconclusive when the plan is reached without crossing', () => {
    const sut = decideVerdict(given({ looks: looks(0.5, 1, 1.5, 1.8, 1.9) }));
    expect(sut.verdict).toBe('INCONCLUSIVE');
    expect(sut.reasons[0].code).toBe('PLAN_REACHED_WITHOUT_CROSSING');
  });

  it('is invalid on a sample-ratio mismatch, missing guardrail data and a plan violation, listing all three', () => {
    // given a 56/44 split of 1000 planned 50/50, a guardrail without data and a violated plan, and a crossing
    const sut = decideVerdict(
      given({
        armCases: [560, 440],
        guardrails: [{ id: 'sla', metric: 'slaAttainment', status: 'missing' }],
        planViolations: ['plan changed while running without a new analysis version'],
        looks: looks(1, 3.5),
      }),
    );
    // then INVALID wins over the crossing, with each reason and its numbers
    expect(sut.verdict).toBe('INVALID');
    expect(sut.reasons.map((r) => r.code)).toEqual(['SAMPLE_RATIO_MISMATCH', 'GUARDRAIL_DATA_MISSING', 'PLAN_VIOLATED']);
    expect(sut.reasons[0].numbers.pValue).toBeLessThan(0.001);
  });

  it('keeps the baseline when a guardrail is breached', () => {
    const sut = decideVerdict(given({ guardrails: [{ id: 'sla', metric: 'slaAttainment', status: 'breached', observed: 0.07, limit: 0.05 }] }));
    expect(sut.verdict).toBe('KEEP_BASELINE');
    expect(sut.reasons[0]).toMatchObject({ code: 'GUARDRAIL_BREACHED', numbers: { observed: 0.07, limit: 0.05 } });
  });

  it('reports the seed and a data hash that ignores row order but not the data', () => {
    const a = decideVerdict(given());
    const reordered = decideVerdict(given({ data: { candidate: [0, 1, 1], baseline: [1, 1, 0] } }));
    const changed = decideVerdict(given({ data: { baseline: [1, 0, 0], candidate: [1, 1, 0] } }));
    expect(a.seed).toBe(42);
    expect(a.dataHash).toMatch(/^[0-9a-f]{16}$/);
    expect(reordered.dataHash).toBe(a.dataHash);
    expect(changed.dataHash).not.toBe(a.dataHash);
  });

  it('flattens the report into CSV rows carrying the verdict, reasons, hash and seed', () => {
    const report = decideVerdict(given({ looks: looks(1, 3.5), estimate: { difference: 0.08, interval: [0.03, 0.13], pValue: 0.001 } }));
    const sut = verdictRows(report);
    expect(sut).toContainEqual(['verdict', 'verdict', 'SHIP']);
    expect(sut).toContainEqual(['reproduce', 'dataHash', report.dataHash]);
    expect(sut).toContainEqual(['reproduce', 'seed', '42']);
    expect(sut).toContainEqual(['reason 1', 'code', 'BOUNDARY_CROSSED_IN_FAVOUR']);
    expect(sut).toContainEqual(['estimate', 'intervalLower', '0.03']);
    expect(sut.every((row) => row.length === 3)).toBe(true);
  });
});
