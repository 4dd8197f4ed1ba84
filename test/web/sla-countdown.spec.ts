import { describe, expect, it } from '@jest/globals';
import { formatSpan, slaOf } from '../../apps/web/src/tasklist/sla-countdown.js';

/* The tasklist's SLA chips write their spans with the app's one duration formatter, cut to whole minutes. */

describe('the SLA chip', () => {
  it('writes the time left in the two largest units, never seconds', () => {
    // when / then
    expect(formatSpan(30_000)).toBe('< 1 min');
    expect(formatSpan(20 * 60_000 + 59_000)).toBe('20 min');
    expect(formatSpan(3_600_000)).toBe('1 h');
    expect(formatSpan(3 * 3_600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatSpan((3 * 24 + 4) * 3_600_000)).toBe('3 d 4 h');
  });

  it('says due in or overdue by with the same span', () => {
    // given a task due at noon
    const dueAt = '2026-12-07T12:00:00.000Z';
    const noon = Date.parse(dueAt);
    // when it is looked at 2 h 5 min before and 12 min after
    // then
    expect(slaOf(dueAt, noon - (2 * 60 + 5) * 60_000)).toEqual({ level: 'ok', text: 'due in 2 h 5 min' });
    expect(slaOf(dueAt, noon + 12 * 60_000)).toEqual({ level: 'overdue', text: 'overdue by 12 min' });
  });
});
