import { describe, expect, it } from '@jest/globals';
import { informationText, lookGaps, lookGapsText, planProgress } from '../../apps/web/src/insights/experiments/plan-progress.js';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-11-01T09:00:00Z');
const day = (n: number) => START + n * DAY_MS;

/* The plan's progress and the looks' gaps as the dashboard words them (pure helpers of apps/web). */
describe('the plan progress of an experiment', () => {
  it('counts cases toward the plan with the expected duration while the plan is not reached', () => {
    // given
    const input = { plan: { casesSoFar: 17, perArm: 40, expectedDays: 12.4 }, looks: [{ at: day(1), informationFraction: 0.2 }], crossedLook: null };

    // when
    const sut = planProgress(input);

    // then
    expect(sut).toEqual({ fraction: 17 / 40, reached: false, text: '17 of 40 cases per arm (43 %)', detail: 'expected duration: about 12 d 10 h at the observed arrival rate' });
  });

  it('says when the plan was reached and that the test stopped early, never a share above 100 % nor days to go', () => {
    // given: the demo's case, 221 of 124 per arm, the boundary crossed at look 5, the plan at look 10
    const looks = [0.1, 0.2, 0.3, 0.35, 0.444, 0.5, 0.7, 0.8, 0.9, 1.03].map((informationFraction, i) => ({ at: day(i + 1), informationFraction }));

    // when
    const sut = planProgress({ plan: { casesSoFar: 221, perArm: 124, expectedDays: 14 }, looks, crossedLook: 4 });

    // then
    expect(sut).toEqual({
      fraction: 1,
      reached: true,
      text: 'Plan reached on 11 Nov: 221 cases per arm, 124 planned.',
      detail: 'Plan reached on 11 Nov; stopped early at look 5 (6 Nov), when the boundary was crossed.',
    });
    expect(`${sut.text} ${sut.detail}`).not.toMatch(/days|%/);
  });

  it('tells a crossing at the final look and no crossing at all apart from an early stop', () => {
    // given
    const looks = [
      { at: day(1), informationFraction: 0.5 },
      { at: day(2), informationFraction: 1.2 },
    ];
    const plan = { casesSoFar: 48, perArm: 40, expectedDays: 3 };

    // when
    const atTheEnd = planProgress({ plan, looks, crossedLook: 1 });
    const never = planProgress({ plan, looks, crossedLook: null });
    const withoutLooks = planProgress({ plan, looks: [], crossedLook: null });

    // then
    expect(atTheEnd.detail).toBe('Plan reached on 3 Nov; the boundary was crossed at the final look (look 2).');
    expect(never.detail).toBe('Plan reached on 3 Nov; no boundary crossed by then, so the verdict is final.');
    expect(withoutLooks.text).toBe('Plan reached: 48 cases per arm, 40 planned.');
  });

  it('drops the time to the plan once the test stopped early before it', () => {
    // when
    const sut = planProgress({ plan: { casesSoFar: 20, perArm: 40, expectedDays: 9 }, looks: [{ at: day(1), informationFraction: 0.5 }], crossedLook: 0 });

    // then
    expect(sut.reached).toBe(false);
    expect(sut.detail).toBe('Sequential test stopped early at look 1 (2 Nov), when the boundary was crossed: the verdict need not wait for the plan.');
  });

  it('writes the information of a look up to 100 %, and says the plan is passed beyond', () => {
    expect(informationText(0.444)).toBe('44 %');
    expect(informationText(1)).toBe('100 %');
    expect(informationText(1.03)).toBe('100 % (plan passed)');
    expect(informationText(null)).toBe('–');
  });
});

describe('the days without a look', () => {
  it('names the quiet days, the days before the first look and the days after the plan', () => {
    // given: looks on days 2, 3, 5 and 7 (the plan), analysed on day 10
    const looks = [2, 3, 5, 7].map((n, i) => ({ at: day(n), informationFraction: [0.2, 0.4, 0.6, 1.02][i] }));

    // when
    const sut = lookGaps(looks, START, day(10) + 3_600_000);

    // then
    expect(sut).toEqual({ quietDays: [day(4), day(6)], afterPlan: 3, beforeFirst: 1 });
    expect(lookGapsText(sut)).toBe(
      'No look in the first day: a look needs ended cases in both arms. No look on 5 Nov, 7 Nov: no new case ended in the smaller arm that day, so there was no new information to look at. No looks in the 3 days after the plan was reached: the look at the plan is the final one.',
    );
  });

  it('says nothing when every day has its look, and shortens a long list of quiet days', () => {
    // given
    const everyDay = [1, 2, 3].map((n) => ({ at: day(n), informationFraction: n / 10 }));
    const sparse = [
      { at: day(1), informationFraction: 0.1 },
      { at: day(20), informationFraction: 0.5 },
    ];

    // when
    const none = lookGapsText(lookGaps(everyDay, START, day(3) + 1));
    const many = lookGapsText(lookGaps(sparse, START, day(20) + 1));

    // then
    expect(none).toBe('');
    expect(many).toMatch(/^No look on 3 Nov, 4 Nov, 5 Nov, 6 Nov, 7 Nov, 8 Nov and 12 more: /);
  });
});
