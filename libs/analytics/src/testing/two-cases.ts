import type { ElementCatalog } from '../ledger.js';
import { caseLedger, caseRecord, catalogEntry } from './ledger-builder.js';

/**
 * Two cases of a small service process, lanes L1 (first line) and L2 (second line).
 *
 * c1 (09:00-12:30, new ledger types): Triage in L1 queued 09:00-09:10, claimed-idle 09:10-09:30,
 * worked 09:30-09:40, paused 09:40-09:50, worked 09:50-10:00. Fix in L2 ready 10:30 (hand-off of
 * 30 min after Triage), claimed and started 11:00, escalated 11:30 (queued again), claimed and
 * started 12:00, completed 12:30.
 *
 * c2 (09:00-11:10, claims written as claimed + started at one instant, as before the tasklist):
 * Triage queued 09:00-09:20, worked 09:20-09:50; parallel gateway Split (L1) at 09:50; Fix (L2)
 * queued 09:50-10:50, worked 10:50-11:10; Check (external task, L1) queued 09:50-10:00 (first lock
 * at 10:00), worked 10:00-10:20.
 */
export const c1 = caseLedger('c1')
  .element('c1-start', 'startEvent')
  .element('c1-end', 'endEvent')
  .step('c1-start', 'Start', 'ready', '09:00', { lane: 'L1' })
  .step('c1-start', 'Start', 'completed', '09:00', { lane: 'L1' })
  .step('c1-triage', 'Triage', 'ready', '09:00', { lane: 'L1', previous: 'c1-start' })
  .step('c1-triage', 'Triage', 'claimed', '09:10', { lane: 'L1', actor: 'ana' })
  .step('c1-triage', 'Triage', 'started', '09:30', { lane: 'L1', actor: 'ana' })
  .step('c1-triage', 'Triage', 'paused', '09:40', { lane: 'L1', actor: 'ana' })
  .step('c1-triage', 'Triage', 'breached', '09:45', { lane: 'L1', detail: { clock: 'followUp' } })
  .step('c1-triage', 'Triage', 'started', '09:50', { lane: 'L1', actor: 'ana' })
  .step('c1-triage', 'Triage', 'completed', '10:00', { lane: 'L1', actor: 'ana' })
  .step('c1-fix', 'Fix', 'ready', '10:30', { lane: 'L2', previous: 'c1-triage' })
  .step('c1-fix', 'Fix', 'claimed', '11:00', { lane: 'L2', actor: 'ben' })
  .step('c1-fix', 'Fix', 'started', '11:00', { lane: 'L2', actor: 'ben' })
  .step('c1-fix', 'Fix', 'escalated', '11:30', { lane: 'L2', actor: 'ben', detail: { reasonCode: 'needs-expert' } })
  .step('c1-fix', 'Fix', 'claimed', '12:00', { lane: 'L2', actor: 'eva' })
  .step('c1-fix', 'Fix', 'started', '12:00', { lane: 'L2', actor: 'eva' })
  .step('c1-fix', 'Fix', 'completed', '12:30', { lane: 'L2', actor: 'eva' })
  .step('c1-end', 'End', 'ready', '12:30', { lane: 'L2', previous: 'c1-fix' })
  .step('c1-end', 'End', 'completed', '12:30', { lane: 'L2' }).steps;

export const c2 = caseLedger('c2')
  .element('c2-start', 'startEvent')
  .element('c2-split', 'parallelGateway')
  .element('c2-check', 'serviceTask')
  .element('c2-end', 'endEvent')
  .step('c2-start', 'Start', 'ready', '09:00', { lane: 'L1' })
  .step('c2-start', 'Start', 'completed', '09:00', { lane: 'L1' })
  .step('c2-triage', 'Triage', 'ready', '09:00', { lane: 'L1', previous: 'c2-start' })
  .step('c2-triage', 'Triage', 'claimed', '09:20', { lane: 'L1', actor: 'ana' })
  .step('c2-triage', 'Triage', 'started', '09:20', { lane: 'L1', actor: 'ana' })
  .step('c2-triage', 'Triage', 'completed', '09:50', { lane: 'L1', actor: 'ana' })
  .step('c2-split', 'Split', 'ready', '09:50', { lane: 'L1', previous: 'c2-triage' })
  .step('c2-split', 'Split', 'completed', '09:50', { lane: 'L1' })
  .step('c2-fix', 'Fix', 'ready', '09:50', { lane: 'L2', previous: 'c2-split' })
  .step('c2-check', 'Check', 'ready', '09:50', { lane: 'L1', previous: 'c2-split' })
  .step('c2-check', 'Check', 'started', '10:00', { lane: 'L1', actor: 'worker-1' })
  .step('c2-check', 'Check', 'completed', '10:20', { lane: 'L1', actor: 'worker-1' })
  .step('c2-fix', 'Fix', 'claimed', '10:50', { lane: 'L2', actor: 'ben' })
  .step('c2-fix', 'Fix', 'started', '10:50', { lane: 'L2', actor: 'ben' })
  .step('c2-fix', 'Fix', 'completed', '11:10', { lane: 'L2', actor: 'ben' })
  .step('c2-end', 'End', 'ready', '11:10', { lane: 'L2', previous: 'c2-fix' })
  .step('c2-end', 'End', 'completed', '11:10', { lane: 'L2' }).steps;

export const TWO_CASES = [caseRecord('c1', '09:00', '12:30'), caseRecord('c2', '09:00', '11:10')];

export const CATALOG: ElementCatalog = new Map([
  catalogEntry({ id: 'Start', type: 'startEvent', laneId: 'L1' }),
  catalogEntry({ id: 'Triage', name: 'Triage request', type: 'userTask', laneId: 'L1', valueClass: 'NVA', candidateGroups: ['first-line'], costPerHour: 30 }),
  catalogEntry({ id: 'Split', type: 'parallelGateway', laneId: 'L1' }),
  catalogEntry({ id: 'Fix', name: 'Fix problem', type: 'userTask', laneId: 'L2', valueClass: 'VA', candidateGroups: ['second-line'], costPerHour: 60 }),
  catalogEntry({ id: 'Check', name: 'Check account', type: 'serviceTask', laneId: 'L1', valueClass: 'NVA' }),
  catalogEntry({ id: 'End', type: 'endEvent', laneId: 'L2' }),
]);
