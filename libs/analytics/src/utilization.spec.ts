import { describe, expect, it } from '@jest/globals';
import { foldLedger } from './activity-run.js';
import { at } from './testing/ledger-builder.js';
import { CATALOG, c1, c2 } from './testing/two-cases.js';
import { utilization } from './utilization.js';

describe('utilization', () => {
  it('divides processing time per team by the window times the group size', () => {
    // given a 4-hour window, first-line with 2 members and second-line with 1
    const sut = utilization(
      foldLedger([...c1, ...c2]),
      CATALOG,
      { from: at('09:00'), to: at('13:00') },
      new Map([
        ['first-line', 2],
        ['second-line', 1],
      ]),
    );

    // second-line (Fix): 60 + 20 = 80 min = 1.3333 h of 4 h x 1 = 0.3333; 80 of 130 processing minutes
    // first-line (Triage): 20 + 30 = 50 min = 0.8333 h of 4 h x 2 = 0.1042
    // the external task Check is an outside worker's external-system time, no team's work (it used to make a row for its
    // lane L1 with 20 min, and the shares were of 150 min)
    expect(sut.map(({ team, kind, activityInstances }) => [team, kind, activityInstances])).toEqual([
      ['second-line', 'group', 2],
      ['first-line', 'group', 2],
    ]);
    expect(sut[0].utilisation).toBeCloseTo(80 / 60 / 4, 10);
    expect(sut[0].processingShare).toBeCloseTo(80 / 130, 10);
    expect(sut[1].utilisation).toBeCloseTo(50 / 60 / 8, 10);
    expect(sut[1].availableHours).toBe(8);
    expect(sut[1].processingShare).toBeCloseTo(50 / 130, 10);
  });
});
