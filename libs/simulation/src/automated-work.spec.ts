import { describe, expect, it } from '@jest/globals';
import type { StepEvent } from '#analytics';
import { MINUTE_MS } from './calendar.js';
import { simulate } from './simulate.js';
import { AUTOMATED, compileModel } from './testing/models.js';

describe('automated work in a simulation', () => {
  it('has workers lock and complete external tasks, and messages arrive, after their durations', async () => {
    // given
    const graph = await compileModel(AUTOMATED);

    // when
    const { steps, cases, summary } = simulate({
      graph,
      processVersionId: 'v',
      parameters: {
        seed: 3,
        start: '2026-01-05T00:00:00Z',
        horizon: { days: 1, drainDays: 1 },
        arrivals: { perDay: 50 },
        pools: [],
        durations: { Lookup: { kind: 'fixed', value: 2 }, AwaitReply: { kind: 'fixed', value: 60 } },
      },
    });

    // then
    const of = (elementId: string, type: string) => steps.filter((step) => step.elementId === elementId && step.type === type);
    const span = (elementId: string) => {
      const ready = new Map(of(elementId, 'ready').map((step) => [step.activityInstanceId, step.at]));
      return of(elementId, 'completed').map((step: StepEvent) => step.at - ready.get(step.activityInstanceId)!);
    };
    expect(cases.length).toBeGreaterThan(30);
    expect(cases.every(({ status }) => status === 'completed')).toBe(true);
    expect(of('Lookup', 'started').every(({ actor }) => actor === 'worker-lookup')).toBe(true);
    expect(new Set(span('Lookup'))).toEqual(new Set([2 * MINUTE_MS]));
    expect(new Set(span('AwaitReply'))).toEqual(new Set([60 * MINUTE_MS]));
    expect(summary.leadTimeMinutes.median).toBe(62);
    expect(summary.pools).toEqual([]);
  });
});
