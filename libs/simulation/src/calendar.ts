import type { Random } from '#experiments';
import type { ArrivalSpec, WorkingHours } from './parameters.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run per arrival.
const { floor, log, max, min } = Math;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Monday = 0 ... Sunday = 6 (1970-01-01, epoch day 0, was a Thursday). */
const weekdayIndex = (at: number): number => (floor(at / DAY_MS) + 3) % 7;
const hourOfDay = (at: number): number => (at - floor(at / DAY_MS) * DAY_MS) / HOUR_MS;

/** Weights scaled to average 1 (a flat profile when absent). */
const normalized = (weights: readonly number[] | undefined, length: number): number[] => {
  if (weights === undefined) return Array.from({ length }, () => 1);
  const mean = weights.reduce((sum, weight) => sum + weight, 0) / length;
  return weights.map((weight) => weight / mean);
};

/**
 * The arrival process: a non-homogeneous Poisson process sampled by thinning (Lewis and Shedler):
 * candidates come at the peak rate and each is kept with probability rate(t) / peak.
 */
export class ArrivalProcess {
  private readonly hourly: number[];
  private readonly weekdays: number[];
  private readonly peakPerMs: number;

  constructor(
    private readonly spec: ArrivalSpec,
    private readonly random: Random,
  ) {
    this.hourly = normalized(spec.hourly, 24);
    this.weekdays = normalized(spec.weekdays, 7);
    this.peakPerMs = this.basePerMs() * max(...this.hourly) * max(...this.weekdays);
  }

  /** Cases per millisecond at an instant. */
  rateAt(at: number): number {
    return this.basePerMs() * this.hourly[floor(hourOfDay(at))] * this.weekdays[weekdayIndex(at)];
  }

  /** The next arrival after `after`, or undefined when none comes before `until`. */
  next(after: number, until: number): number | undefined {
    if (this.peakPerMs <= 0) return undefined;
    let at = after;
    for (;;) {
      at += -log(1 - this.random.next()) / this.peakPerMs;
      if (at >= until) return undefined;
      if (this.random.next() * this.peakPerMs < this.rateAt(at)) return at;
    }
  }

  private basePerMs(): number {
    return this.spec.perDay / DAY_MS;
  }
}

/** Whether agents with these hours are on duty at an instant (no hours: always). */
export function onDuty(hours: WorkingHours | undefined, at: number): boolean {
  if (hours === undefined) return true;
  const hour = hourOfDay(at);
  return hours.days.includes(weekdayIndex(at) + 1) && hour >= hours.from && hour < hours.to;
}

/** The next shift start strictly after `at` (within the coming week), or undefined without hours. */
export function nextShiftStart(hours: WorkingHours | undefined, at: number): number | undefined {
  if (hours === undefined || hours.days.length === 0) return undefined;
  const today = floor(at / DAY_MS) * DAY_MS;
  for (let day = 0; day <= 7; day += 1) {
    const start = today + day * DAY_MS + hours.from * HOUR_MS;
    if (start > at && hours.days.includes(weekdayIndex(start) + 1)) return start;
  }
  return undefined;
}

/** On-duty milliseconds of one agent between two instants. */
export function dutyMs(hours: WorkingHours | undefined, from: number, to: number): number {
  if (to <= from) return 0;
  if (hours === undefined) return to - from;
  let total = 0;
  for (let day = floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
    if (!hours.days.includes(weekdayIndex(day) + 1)) continue;
    const shiftFrom = max(from, day + hours.from * HOUR_MS);
    const shiftTo = min(to, day + hours.to * HOUR_MS);
    if (shiftTo > shiftFrom) total += shiftTo - shiftFrom;
  }
  return total;
}
