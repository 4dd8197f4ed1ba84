import { describe, expect, it } from '@jest/globals';
import { differenceColor } from '../../apps/web/src/insights/experiments/difference-scale.js';
import {
  activityDifferenceLabel,
  eventText,
  expectedDaysText,
  formatDifference,
  formatInstant,
  formatInterval,
  formatMetricValue,
  formatNumber,
  formatP,
  formatPoints,
  formatReasonNumbers,
  formatWorsening,
  formatZ,
  guardrailObservedText,
  guardrailStatusText,
  lookCrossed,
  verdictBadgeText,
} from '../../apps/web/src/insights/experiments/experiment-format.js';

/*
 * The dashboard's wording of the analysis (apps/web is outside jest's roots for DOM code; these
 * helpers are pure, so they are tested here).
 */
describe('the experiment dashboard formats', () => {
  it('writes rate differences in signed percentage points and their interval in the same unit', () => {
    // given
    const rate = { kind: 'proportion' as const, difference: -0.2345, interval: [-0.4, -0.05] as [number, number] };

    // when
    const difference = formatDifference(rate);
    const interval = formatInterval(rate);

    // then
    expect(difference).toBe('−23.4 pts');
    expect(interval).toBe('−40.0 pts to −5.0 pts');
    expect(formatPoints(0.1)).toBe('+10.0 pts');
    expect(formatPoints(null)).toBe('–');
  });

  it("writes duration differences as signed times in the app's one duration format", () => {
    // given
    const duration = { kind: 'duration' as const, difference: -1500, interval: [-90_000, 2500] as [number, number] };

    // when / then
    expect(formatDifference(duration)).toBe('−1.5 s');
    expect(formatInterval(duration)).toBe('−1 min 30 s to +2.5 s');
    expect(formatInterval({ kind: 'duration', interval: [0, 0] })).toBe('±0 s to ±0 s');
  });

  it('writes each arm of a metric with its sample', () => {
    expect(formatMetricValue({ n: 40, successes: 18, rate: 0.45, interval: [0.3, 0.6] })).toBe('45.0 % (18/40)');
    expect(formatMetricValue({ n: 12, meanMs: 5000, medianMs: 4200, p90Ms: 9000 })).toBe('median 4.2 s (n 12)');
  });

  it('writes small p-values as a bound and the rest to three decimals', () => {
    expect(formatP(0.00001)).toBe('< 0.001');
    expect(formatP(0.04321)).toBe('0.043');
    expect(formatP(null)).toBe('–');
  });

  it('writes the numbers of a verdict reason on one line, whole numbers whole', () => {
    // when
    const line = formatReasonNumbers({ z: -3.456789, boundary: 2.0123, informationFraction: 1.05, guardrail: 'sla', cases: 1200, missing: null });

    // then
    expect(line).toBe('z = -3.46 · boundary = 2.01 · informationFraction = 1.05 · guardrail = sla · cases = 1,200 · missing = –');
    expect(formatNumber(0.000123456)).toBe('0.000123');
    expect([formatZ(-1e8), formatZ(250), formatZ(-2.345)]).toEqual(['< −99', '> 99', '-2.35']);
  });

  it('gives every verdict a symbol besides its code, so it reads without colour', () => {
    expect(verdictBadgeText('SHIP')).toBe('✔ SHIP');
    expect(verdictBadgeText('INVALID')).toBe('⚠ INVALID');
    expect(verdictBadgeText('CONTINUE')).toBe('… CONTINUE');
  });

  it('says a guardrail is breached with when, and tells collecting from missing data', () => {
    // given
    const at = Date.UTC(2026, 10, 23, 14, 5);

    // when / then
    expect(guardrailStatusText({ status: 'breached', breachedAt: at })).toBe('✖ breached at 2026-11-23 14:05 UTC');
    expect(guardrailStatusText({ status: 'ok', breachedAt: null })).toBe('✔ ok');
    expect(guardrailStatusText({ status: 'collecting', breachedAt: null })).toBe('… collecting data');
    expect(guardrailStatusText({ status: 'missing', breachedAt: null })).toBe('⚠ data missing');
    expect(formatWorsening('slaAttainment', 0.05)).toBe('5.0 pts');
    expect(formatWorsening('leadTime', 0.12)).toBe('12.0 %');
    expect(formatInstant('2026-11-23T14:05:59.000Z')).toBe('2026-11-23 14:05 UTC');
  });

  it('writes the observed worsening of a guardrail in words that follow its sign', () => {
    // given a guardrail "SLA not worse than 5 points" and one on lead time
    // when the candidate's SLA is 4.2 points higher (a worsening of −4.2 pts), or 3 points lower, or lead time 12 % longer
    // then the higher SLA reads better, the lower worse, the longer lead time worse
    expect(guardrailObservedText('slaAttainment', -0.042)).toBe('better by 4.2 pts');
    expect(guardrailObservedText('slaAttainment', 0.03)).toBe('worse by 3.0 pts');
    expect(guardrailObservedText('leadTime', 0.12)).toBe('worse by 12.0 %');
    expect(guardrailObservedText('leadTime', -0.05)).toBe('better by 5.0 %');
    expect(guardrailObservedText('leadTime', 0)).toBe('no difference');
    expect(guardrailObservedText('leadTime', undefined)).toBe('–');
  });

  it('writes the expected duration in days and hours, or shorter when the traffic is heavy', () => {
    expect(expectedDaysText(2.345)).toBe('expected duration: about 2 d 8 h at the observed arrival rate');
    expect(expectedDaysText(0.002)).toBe('expected duration: about 2 min 53 s at the observed arrival rate');
    expect(expectedDaysText(null)).toMatch(/not known yet/);
  });

  it('marks a look as crossed when |z| reaches its boundary, in either direction', () => {
    expect(lookCrossed({ z: -2.5, boundary: 2.4 })).toBe(true);
    expect(lookCrossed({ z: 2.3, boundary: 2.4 })).toBe(false);
    expect(lookCrossed({ z: 9, boundary: null })).toBe(false);
  });

  it('labels an activity difference with its way and a star where significant', () => {
    expect(activityDifferenceLabel({ differenceMs: -1200, significant: true })).toBe('−1.2 s faster ★');
    expect(activityDifferenceLabel({ differenceMs: 800, significant: false })).toBe('+0.8 s slower');
    expect(activityDifferenceLabel({ differenceMs: null, significant: false })).toBe('no data in one arm');
  });

  it('colours differences on a scale symmetric around no difference', () => {
    // when
    const faster = differenceColor(-10, 10);
    const none = differenceColor(0, 10);
    const slower = differenceColor(10, 10);

    // then: the ends are the blue and red stops, the middle neutral, beyond the ends clamped
    expect([faster, none, slower]).toEqual(['#4a8fc4', '#f7f7f7', '#d9694f']);
    expect(differenceColor(-50, 10)).toBe(faster);
    expect(differenceColor(5, 0)).toBe(none);
  });

  it('names the arm and guardrail of a guardrail pause in the event log', () => {
    // given
    const pause = { id: 'e1', at: '2026-11-23T14:00:00Z', action: 'guardrailPause', fromState: 'running', toState: 'running', details: { armId: 'B', guardrailId: 'sla' } };

    // when / then
    expect(eventText(pause)).toBe('⚠ guardrail sla breached: arm B paused, its new cases go to the baseline (running → running)');
    expect(eventText({ id: 'e2', at: '2026-11-23T14:00:00Z', action: 'start', fromState: 'draft', toState: 'running' })).toBe('start (draft → running)');
    expect(eventText({ id: 'e3', at: '2026-11-23T15:00:00Z', action: 'armResume', fromState: 'running', toState: 'running', details: { armId: 'B' } })).toBe('▶ arm B resumed');
  });
});
