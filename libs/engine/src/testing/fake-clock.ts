import { addDuration } from '../duration/duration.js';
import type { Clock } from '../model/ports.js';

/** A clock that stands still until the test moves it. */
export class FakeClock implements Clock {
  private current: string;

  constructor(start = '2026-03-02T09:00:00.000Z') {
    this.current = new Date(start).toISOString();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by an ISO 8601 duration such as `PT15M`. */
  advance(duration: string): void {
    this.current = addDuration(this.current, duration, 'fake-clock');
  }
}
