import { describe, expect, it } from '@jest/globals';
import { experimentFixture } from '../testing/experiment-fixture.js';
import { inWindow } from './experiment.js';

describe('inWindow', () => {
  // given an experiment planned from 1 December to 1 March
  const sut = experimentFixture({ startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-03-01T00:00:00Z' });

  it('routes from the start date up to, not including, the end date', () => {
    expect(inWindow(sut, Date.parse('2026-11-30T23:59:59Z'))).toBe(false);
    expect(inWindow(sut, Date.parse('2026-12-01T00:00:00Z'))).toBe(true);
    expect(inWindow(sut, Date.parse('2027-02-28T23:59:59Z'))).toBe(true);
    expect(inWindow(sut, Date.parse('2027-03-01T00:00:00Z'))).toBe(false);
  });

  it('routes at any time without dates, and a promoted experiment whatever its dates', () => {
    expect(inWindow(experimentFixture({ startsAt: undefined, endsAt: undefined }), 0)).toBe(true);
    expect(inWindow({ ...sut, state: 'promoted', winnerArmId: 'to-be' }, Date.parse('2030-01-01T00:00:00Z'))).toBe(true);
  });
});
