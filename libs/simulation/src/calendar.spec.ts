import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '#experiments';
import { ArrivalProcess, DAY_MS, dutyMs, HOUR_MS, nextShiftStart, onDuty } from './calendar.js';

const OFFICE = { days: [1, 2, 3, 4, 5], from: 8, to: 18 };
const MONDAY = Date.parse('2026-03-02T00:00:00Z');

describe('working hours', () => {
  it('are on duty on listed weekdays from the start hour until before the end hour (UTC)', () => {
    expect(onDuty(OFFICE, MONDAY + 8 * HOUR_MS)).toBe(true);
    expect(onDuty(OFFICE, MONDAY + 18 * HOUR_MS - 1)).toBe(true);
    expect(onDuty(OFFICE, MONDAY + 18 * HOUR_MS)).toBe(false);
    expect(onDuty(OFFICE, MONDAY + 5 * DAY_MS + 10 * HOUR_MS)).toBe(false); // Saturday
    expect(onDuty(undefined, MONDAY + 5 * DAY_MS + 3 * HOUR_MS)).toBe(true);
  });

  it('start the next shift on the next working day', () => {
    const fridayEvening = MONDAY + 4 * DAY_MS + 19 * HOUR_MS;
    expect(nextShiftStart(OFFICE, fridayEvening)).toBe(MONDAY + 7 * DAY_MS + 8 * HOUR_MS);
    expect(nextShiftStart(OFFICE, MONDAY)).toBe(MONDAY + 8 * HOUR_MS);
    expect(nextShiftStart(undefined, MONDAY)).toBeUndefined();
  });

  it('count on-duty time per agent over a window', () => {
    expect(dutyMs(OFFICE, MONDAY, MONDAY + 7 * DAY_MS)).toBe(50 * HOUR_MS);
    expect(dutyMs(OFFICE, MONDAY + 17 * HOUR_MS, MONDAY + DAY_MS + 9 * HOUR_MS)).toBe(2 * HOUR_MS);
    expect(dutyMs(undefined, MONDAY, MONDAY + DAY_MS)).toBe(DAY_MS);
  });
});

describe('ArrivalProcess', () => {
  const arrivalsOver = (process: ArrivalProcess, from: number, to: number): number[] => {
    const times: number[] = [];
    for (let at = process.next(from, to); at !== undefined; at = process.next(at, to)) times.push(at);
    return times;
  };

  it('brings perDay cases a day on average over a week', () => {
    // given 100 a day over 8 weeks: 5,600 expected, Poisson sd 75 (1.3 %)
    const times = arrivalsOver(new ArrivalProcess({ perDay: 100 }, seededRandom(3)), MONDAY, MONDAY + 56 * DAY_MS);
    expect(Math.abs(times.length / 5600 - 1)).toBeLessThan(0.05);
  });

  it('follows the daily and weekly profile: nothing where a weight is 0, the rest in proportion', () => {
    // given arrivals only 8-18 on weekdays, twice as many on Mondays
    const hourly = Array.from({ length: 24 }, (_, hour) => (hour >= 8 && hour < 18 ? 1 : 0));
    const weekdays = [2, 1, 1, 1, 1, 0, 0];
    const times = arrivalsOver(new ArrivalProcess({ perDay: 100, hourly, weekdays }, seededRandom(4)), MONDAY, MONDAY + 28 * DAY_MS);

    // then
    expect(times.every((at) => onDuty(OFFICE, at))).toBe(true);
    const mondays = times.filter((at) => Math.floor((at - MONDAY) / DAY_MS) % 7 === 0).length;
    expect(Math.abs(mondays / times.length - 2 / 6)).toBeLessThan(0.03);
    expect(Math.abs(times.length / 2800 - 1)).toBeLessThan(0.06);
  });
});
