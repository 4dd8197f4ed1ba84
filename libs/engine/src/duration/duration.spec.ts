import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { addDuration } from './duration.js';

describe('addDuration', () => {
  it.each([
    ['PT2H', '2026-03-02T11:00:00.000Z'],
    ['PT90M', '2026-03-02T10:30:00.000Z'],
    ['PT0.5H', '2026-03-02T09:30:00.000Z'],
    ['P1DT1S', '2026-03-03T09:00:01.000Z'],
    ['P1W', '2026-03-09T09:00:00.000Z'],
    ['P1M', '2026-04-02T09:00:00.000Z'],
    ['P1Y', '2027-03-02T09:00:00.000Z'],
  ])('adds %s to the given instant', (duration, expected) => {
    expect(addDuration('2026-03-02T09:00:00.000Z', duration, 'timer')).toBe(expected);
  });

  it.each(['P', '4 hours', ''])('rejects "%s" with DURATION_INVALID naming the element', (duration) => {
    expect(() => addDuration('2026-03-02T09:00:00.000Z', duration, 'timer')).toThrow(domainError(ENGINE_ERRORS.durationInvalid, { elementId: 'timer', duration }));
  });
});
