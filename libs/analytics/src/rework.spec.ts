import { describe, expect, it } from '@jest/globals';
import { foldLedger } from './activity-run.js';
import { rework } from './rework.js';
import { caseLedger } from './testing/ledger-builder.js';

/** A case whose activities ran in this order, an hour apart; `Gate` is a gateway. */
const sequence = (instanceId: string, elements: string[]) => {
  const ledger = caseLedger(instanceId).element(`${instanceId}-Gate-0`, 'exclusiveGateway');
  elements.forEach((elementId, index) => {
    const id = `${instanceId}-${elementId}-${index}`;
    if (elementId === 'Gate') ledger.element(id, 'exclusiveGateway');
    const time = `${String(9 + index).padStart(2, '0')}:00`;
    ledger.step(id, elementId, 'ready', time).step(id, elementId, 'completed', time);
  });
  return ledger.steps;
};

describe('rework', () => {
  it('finds activities executed more than once, the rework rate and the loops', () => {
    // given r1 without rework, r2 Triage Review Fix Review, r3 Triage Review Fix Review Fix Review (gateways between repeat but are not work)
    const runs = foldLedger([
      ...sequence('r1', ['Triage', 'Gate', 'Review']),
      ...sequence('r2', ['Triage', 'Review', 'Gate', 'Fix', 'Review']),
      ...sequence('r3', ['Triage', 'Review', 'Gate', 'Fix', 'Review', 'Gate', 'Fix', 'Review']),
    ]);

    const sut = rework(['r1', 'r2', 'r3'], runs);

    // 2 of 3 cases; Review repeats in r2 (1 extra) and r3 (2 extra); Fix in r3 (1 extra)
    expect(sut).toMatchObject({ cases: 3, casesWithRework: 2 });
    expect(sut.reworkRate).toBeCloseTo(2 / 3, 10);
    expect(sut.elements).toEqual([
      { elementId: 'Review', cases: 2, extraExecutions: 3 },
      { elementId: 'Fix', cases: 1, extraExecutions: 1 },
    ]);
    // loops: Review -> Fix -> Review in r2 and r3; Fix -> Review -> Fix in r3
    expect(sut.loops).toEqual([
      { sequence: ['Review', 'Fix', 'Review'], cases: 2 },
      { sequence: ['Fix', 'Review', 'Fix'], cases: 1 },
    ]);
  });

  it('does not count the items of a multi-instance activity as rework', () => {
    // given a multi-instance body Approve with two items, each an inner run of Approve
    const ledger = caseLedger('m1').element('body', 'multiInstanceBody');
    ledger.step('body', 'Approve', 'ready', '09:00').step('item-1', 'Approve', 'ready', '09:00', { previous: 'body' });
    ledger.step('item-2', 'Approve', 'ready', '09:00', { previous: 'body' }).step('item-1', 'Approve', 'completed', '09:10');
    ledger.step('item-2', 'Approve', 'completed', '09:20').step('body', 'Approve', 'completed', '09:20');

    const sut = rework(['m1'], foldLedger(ledger.steps));

    expect(sut).toMatchObject({ casesWithRework: 0, reworkRate: 0, loops: [] });
  });
});
