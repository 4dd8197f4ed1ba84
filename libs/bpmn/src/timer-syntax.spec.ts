import { describe, expect, it } from '@jest/globals';
import { nextCronOccurrence, parseTimeCycle } from './timer-syntax.js';

describe('parseTimeCycle', () => {
  it.each([
    ['R3/PT1H', { interval: 'PT1H', repetitions: 3 }],
    ['R/PT10M', { interval: 'PT10M' }],
    ['R2/2026-03-02T09:00:00Z/P1D', { interval: 'P1D', start: '2026-03-02T09:00:00Z', repetitions: 2 }],
    ['0 0 9 * * MON-FRI', { cron: '0 0 9 * * MON-FRI' }],
    ['  */15  *  * * * ', { cron: '*/15 * * * *' }],
  ])('reads %s', (text, expected) => {
    expect(parseTimeCycle(text)).toEqual(expected);
  });

  it.each(['R0/PT1H', 'PT1H', 'R3/one hour', 'every monday', '0 0 25 * * MON', '* * *', '0 0 9 * * MON 2026 extra'])('refuses %s', (text) => {
    expect(parseTimeCycle(text)).toBeUndefined();
  });
});

describe('nextCronOccurrence', () => {
  it('gives the next instant in UTC, strictly after the one given', () => {
    // given weekdays at 09:00 and a Friday 10:00; then the next is Monday 09:00
    expect(nextCronOccurrence('0 0 9 * * MON-FRI', '2026-11-27T10:00:00.000Z')).toBe('2026-11-30T09:00:00.000Z');
    // given exactly an occurrence; then the following one
    expect(nextCronOccurrence('0 */15 * * * *', '2026-11-27T10:15:00.000Z')).toBe('2026-11-27T10:30:00.000Z');
  });
});
