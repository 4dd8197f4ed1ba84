import { describe, expect, it } from '@jest/globals';
import type { ExperimentDto } from './dto/experiment.dto.js';
import { changedFixedFields, experimentOf } from './experiment-definition.js';

const dto = (extra: Partial<ExperimentDto> = {}): ExperimentDto =>
  ({
    processKey: 'claim',
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: 'v1', weight: 50 },
      { id: 'to-be', role: 'candidate', processVersionId: 'v2', weight: 50 },
    ],
    segments: [
      { variable: 'region', values: ['north'], armId: 'to-be' },
      { variable: 'channel', values: ['phone'], armId: 'as-is' },
    ],
    primaryMetric: 'leadTime',
    plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
    ...extra,
  }) as ExperimentDto;

const base = { id: 'e1', state: 'running' as const, seed: 7, analysisVersion: 1 };

describe('experimentOf', () => {
  it('keeps only the fields the model knows and fills the defaults', () => {
    // given a request with an unknown field inside an arm and no unit
    const request = dto({ arms: [{ id: 'as-is', role: 'baseline', processVersionId: 'v1', weight: 1, colour: 'red' } as never] });

    // when it becomes an experiment
    const sut = experimentOf(request, base);

    // then the arm lost the unknown field, and the unit, ramp and guardrails have their defaults
    expect(sut.arms).toEqual([{ id: 'as-is', role: 'baseline', processVersionId: 'v1', weight: 1 }]);
    expect(sut).toMatchObject({ id: 'e1', seed: 7, unit: { kind: 'instance' }, ramp: [], guardrails: [], secondaryMetrics: [] });
  });
});

describe('changedFixedFields', () => {
  it('finds nothing when only the plan, key order or an arm pause differ', () => {
    // given the stored experiment (one arm paused, keys reordered as jsonb does) and a request with a new plan
    const stored = experimentOf(dto(), base);
    const reordered = { ...stored, arms: stored.arms.map(({ weight, id, role, processVersionId }) => ({ weight, id, role, processVersionId, paused: role === 'candidate' })) };
    const requested = experimentOf(dto({ plan: { alpha: 0.01, power: 0.9, mde: 0.2, logSd: 0.5 } }), base);

    // when compared
    const sut = changedFixedFields(reordered, requested);

    // then nothing fixed changed
    expect(sut).toEqual([]);
  });

  it('names the changed fields, including the order of segment rules (the first match wins)', () => {
    // given the stored experiment and a request with new weights and swapped segment rules
    const stored = experimentOf(dto(), base);
    const swapped = dto();
    const requested = experimentOf(
      dto({ arms: swapped.arms.map((arm) => ({ ...arm, weight: arm.role === 'baseline' ? 90 : 10 })), segments: [...swapped.segments!].reverse() }),
      base,
    );

    // when compared
    const sut = changedFixedFields(stored, requested);

    // then both fields are named
    expect(sut).toEqual(['arms', 'segments']);
  });
});
