import type { ElementCatalog } from '../ledger.js';
import { caseLedger, caseRecord } from './ledger-builder.js';

/**
 * Five cases. T is the first-line task (L1, 30/h), X the second-line one (L2, 60/h).
 * k1 customer A, day 0 09:00-10:00: T ready 09:00, claimed+started 09:30, completed 10:00. csat 4, nps 10.
 * k2 customer B, day 0 09:00-15:00: T claimed 13:00, started 14:00, completed 14:30; X 14:30-15:00. csat 2, nps 6.
 * k3 customer A, day 3 09:00-11:00: T started 09:10, escalated 09:20, claimed+started 10:00, completed 11:00. nps 9.
 * k4 customer C, day 1 09:00, still running: T ready, never started.
 * k5 customer D, day 0 12:00-13:00: T started 12:15, completed 13:00. csat 5, nps 8.
 */
export const ledger = [
  ...caseLedger('k1')
    .step('k1-t', 'T', 'ready', '09:00', { lane: 'L1' })
    .step('k1-t', 'T', 'claimed', '09:30', { lane: 'L1' })
    .step('k1-t', 'T', 'started', '09:30', { lane: 'L1' })
    .step('k1-t', 'T', 'completed', '10:00', { lane: 'L1' }).steps,
  ...caseLedger('k2')
    .step('k2-t', 'T', 'ready', '09:00', { lane: 'L1' })
    .step('k2-t', 'T', 'claimed', '13:00', { lane: 'L1' })
    .step('k2-t', 'T', 'started', '14:00', { lane: 'L1' })
    .step('k2-t', 'T', 'completed', '14:30', { lane: 'L1' })
    .step('k2-x', 'X', 'ready', '14:30', { lane: 'L2', previous: 'k2-t' })
    .step('k2-x', 'X', 'started', '14:30', { lane: 'L2' })
    .step('k2-x', 'X', 'completed', '15:00', { lane: 'L2' }).steps,
  ...caseLedger('k3')
    .step('k3-t', 'T', 'ready', '09:00', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'started', '09:10', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'escalated', '09:20', { lane: 'L1', day: 3, detail: { reasonCode: 'expert' } })
    .step('k3-t', 'T', 'claimed', '10:00', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'started', '10:00', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'completed', '11:00', { lane: 'L1', day: 3 }).steps,
  ...caseLedger('k4').step('k4-t', 'T', 'ready', '09:00', { lane: 'L1', day: 1 }).steps,
  ...caseLedger('k5')
    .step('k5-t', 'T', 'ready', '12:00', { lane: 'L1' })
    .step('k5-t', 'T', 'started', '12:15', { lane: 'L1' })
    .step('k5-t', 'T', 'completed', '13:00', { lane: 'L1' }).steps,
];

export const cases = [
  caseRecord('k1', '09:00', '10:00', { businessKey: 'A', variables: { csat: 4, nps: 10 } }),
  caseRecord('k2', '09:00', '15:00', { businessKey: 'B', variables: { csat: 2, nps: 6 } }),
  caseRecord('k3', '09:00', '11:00', { businessKey: 'A', startDay: 3, variables: { nps: 9 } }),
  caseRecord('k4', '09:00', null, { businessKey: 'C', startDay: 1 }),
  caseRecord('k5', '12:00', '13:00', { businessKey: 'D', variables: { csat: 5, nps: 8 } }),
];

export const catalog: ElementCatalog = new Map([
  ['T', { id: 'T', type: 'userTask', laneId: 'L1', candidateGroups: ['first-line'], costPerHour: 30 }],
  ['X', { id: 'X', type: 'userTask', laneId: 'L2', candidateGroups: ['second-line'], costPerHour: 60 }],
]);
