import type { ElementCatalog } from '../ledger.js';
import { caseLedger, caseRecord, catalogEntry } from './ledger-builder.js';

/**
 * Two cases with every class of time, for hand-counted figures. Lanes L1 (first line), L2
 * (second line) and SYS (external workers).
 *
 * f1, day 0 09:00 - day 3 11:10 (lead time 3 d 2 h 10 min = 4450 min):
 * - Answer (user task, L1, VA): ready 09:00, claimed 09:20, started 09:30, completed 10:00:
 *   queue 20 min, claimed-idle 10 min, working 30 min.
 * - Sync (service task, SYS, NVA): ready 10:00, fetched 10:05, completed 10:15: external-system
 *   time 15 min (5 waiting to be fetched, 10 the worker's).
 * - Wait 3 days (timer catch event, L1): ready 10:15, fired day 3 10:15: designed wait 4320 min.
 * - Survey (user task, L2, BVA): ready day 3 10:25 (hand-off of 10 min after the timer in L1),
 *   claimed and started 11:00, completed 11:10: queue 35 min, working 10 min.
 *
 * f2, day 0 09:00 - 13:50 (lead time 290 min), a question back to the customer:
 * - Ask (user task, L1, NVA): ready 09:00, claimed and started 09:05, completed 09:15: queue 5 min,
 *   working 10 min.
 * - Reply? (event-based gateway, L1): ready 09:15, completed 13:15 when the customer's reply came:
 *   designed wait 240 min; the reply's message catch event passes at 13:15.
 * - Close (user task, L1, VA): ready 13:15, claimed and started 13:45, completed 13:50: queue 30
 *   min, working 5 min.
 */
export const f1 = caseLedger('f1')
  .element('f1-start', 'startEvent')
  .element('f1-sync', 'serviceTask')
  .element('f1-wait', 'intermediateCatchEvent')
  .element('f1-end', 'endEvent')
  .step('f1-start', 'Start', 'ready', '09:00', { lane: 'L1' })
  .step('f1-start', 'Start', 'completed', '09:00', { lane: 'L1' })
  .step('f1-answer', 'Answer', 'ready', '09:00', { lane: 'L1', previous: 'f1-start' })
  .step('f1-answer', 'Answer', 'claimed', '09:20', { lane: 'L1', actor: 'ana' })
  .step('f1-answer', 'Answer', 'started', '09:30', { lane: 'L1', actor: 'ana' })
  .step('f1-answer', 'Answer', 'completed', '10:00', { lane: 'L1', actor: 'ana' })
  .step('f1-sync', 'Sync', 'ready', '10:00', { lane: 'SYS', previous: 'f1-answer' })
  .step('f1-sync', 'Sync', 'started', '10:05', { lane: 'SYS', actor: 'crm-worker' })
  .step('f1-sync', 'Sync', 'completed', '10:15', { lane: 'SYS', actor: 'crm-worker' })
  .step('f1-wait', 'Wait', 'ready', '10:15', { lane: 'L1', previous: 'f1-sync' })
  .step('f1-wait', 'Wait', 'completed', '10:15', { lane: 'L1', day: 3 })
  .step('f1-survey', 'Survey', 'ready', '10:25', { lane: 'L2', previous: 'f1-wait', day: 3 })
  .step('f1-survey', 'Survey', 'claimed', '11:00', { lane: 'L2', actor: 'ben', day: 3 })
  .step('f1-survey', 'Survey', 'started', '11:00', { lane: 'L2', actor: 'ben', day: 3 })
  .step('f1-survey', 'Survey', 'completed', '11:10', { lane: 'L2', actor: 'ben', day: 3 })
  .step('f1-end', 'End', 'ready', '11:10', { lane: 'L2', previous: 'f1-survey', day: 3 })
  .step('f1-end', 'End', 'completed', '11:10', { lane: 'L2', day: 3 }).steps;

export const f2 = caseLedger('f2')
  .element('f2-start', 'startEvent')
  .element('f2-reply', 'eventBasedGateway')
  .element('f2-replied', 'intermediateCatchEvent')
  .element('f2-end', 'endEvent')
  .step('f2-start', 'Start', 'ready', '09:00', { lane: 'L1' })
  .step('f2-start', 'Start', 'completed', '09:00', { lane: 'L1' })
  .step('f2-ask', 'Ask', 'ready', '09:00', { lane: 'L1', previous: 'f2-start' })
  .step('f2-ask', 'Ask', 'claimed', '09:05', { lane: 'L1', actor: 'ana' })
  .step('f2-ask', 'Ask', 'started', '09:05', { lane: 'L1', actor: 'ana' })
  .step('f2-ask', 'Ask', 'completed', '09:15', { lane: 'L1', actor: 'ana' })
  .step('f2-reply', 'Reply', 'ready', '09:15', { lane: 'L1', previous: 'f2-ask' })
  .step('f2-reply', 'Reply', 'completed', '13:15', { lane: 'L1' })
  .step('f2-replied', 'Replied', 'ready', '13:15', { lane: 'L1', previous: 'f2-reply' })
  .step('f2-replied', 'Replied', 'completed', '13:15', { lane: 'L1' })
  .step('f2-close', 'Close', 'ready', '13:15', { lane: 'L1', previous: 'f2-replied' })
  .step('f2-close', 'Close', 'claimed', '13:45', { lane: 'L1', actor: 'ana' })
  .step('f2-close', 'Close', 'started', '13:45', { lane: 'L1', actor: 'ana' })
  .step('f2-close', 'Close', 'completed', '13:50', { lane: 'L1', actor: 'ana' })
  .step('f2-end', 'End', 'ready', '13:50', { lane: 'L1', previous: 'f2-close' })
  .step('f2-end', 'End', 'completed', '13:50', { lane: 'L1' }).steps;

export const FOLLOW_UP_CASES = [caseRecord('f1', '09:00', '11:10', { endDay: 3 }), caseRecord('f2', '09:00', '13:50')];

export const FOLLOW_UP_CATALOG: ElementCatalog = new Map([
  catalogEntry({ id: 'Start', type: 'startEvent', laneId: 'L1', timeClass: 'desk' }),
  catalogEntry({
    id: 'Answer',
    name: 'Answer the customer',
    type: 'userTask',
    laneId: 'L1',
    valueClass: 'VA',
    candidateGroups: ['first-line'],
    costPerHour: 30,
    timeClass: 'desk',
  }),
  catalogEntry({ id: 'Sync', name: 'Sync to CRM', type: 'serviceTask', laneId: 'SYS', valueClass: 'NVA', timeClass: 'externalSystem' }),
  catalogEntry({ id: 'Wait', name: 'Wait 3 days', type: 'intermediateCatchEvent', laneId: 'L1', timeClass: 'designedWait' }),
  catalogEntry({ id: 'Survey', name: 'Survey call', type: 'userTask', laneId: 'L2', valueClass: 'BVA', candidateGroups: ['second-line'], costPerHour: 60, timeClass: 'desk' }),
  catalogEntry({ id: 'Ask', name: 'Ask the customer', type: 'userTask', laneId: 'L1', valueClass: 'NVA', candidateGroups: ['first-line'], costPerHour: 30, timeClass: 'desk' }),
  catalogEntry({ id: 'Reply', name: 'Reply?', type: 'eventBasedGateway', laneId: 'L1', timeClass: 'designedWait' }),
  catalogEntry({ id: 'Replied', name: 'Reply received', type: 'intermediateCatchEvent', laneId: 'L1', timeClass: 'designedWait' }),
  catalogEntry({ id: 'Close', name: 'Close the request', type: 'userTask', laneId: 'L1', valueClass: 'VA', candidateGroups: ['first-line'], costPerHour: 30, timeClass: 'desk' }),
  catalogEntry({ id: 'End', type: 'endEvent', laneId: 'L2', timeClass: 'desk' }),
]);
