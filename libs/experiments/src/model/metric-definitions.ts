import type { MetricKey } from './metrics.js';

/**
 * What each metric counts, shown beside its figures (DESIGN.md section 5, docs/analytics.md). The
 * values come from the step ledger classified as the analytics classify it: waiting and processing
 * are the desk's; designed waits (a timer before the survey call, a customer's reply) and
 * external-system time are not, though lead time holds them.
 */
export const METRIC_DEFINITIONS: Record<MetricKey, string> = {
  fcr: 'First-contact resolution: completed cases resolved by the first tier, without escalation and without a repeat case of the customer within 7 days.',
  slaAttainment: 'First-response SLA: cases whose first human task started within 4 h of the case start.',
  resolutionSla: "Resolution SLA: completed cases whose desk's time (the lead time without designed waits and external-system time) is within 4 h.",
  escalationRate: 'Escalation rate: ended cases with at least one escalated step.',
  repeatContactRate: 'Repeat-contact rate: cases of a customer who had another case started within 7 days before.',
  reworkRate: 'Rework rate: ended cases with an activity executed more than once.',
  leadTime: 'Lead time: case start until end, everything included (designed waits and external-system time too).',
  waitingTime:
    "Waiting time (the desk's): per case, the queue and claimed-idle parts of its lead-time decomposition. Designed waits (timers, waits for the customer) and external-system time are not waiting.",
  processingTime: "Processing time (the desk's): per case, the instants in which any of its activities was worked on by the desk; an external worker's time is not counted.",
};
