import type { LedgerStep } from '#analytics';
import type { StepEvent } from '#engine';

/**
 * A step event as the ledger stores it and the analytics read it (libs/persistence ledger-rows.ts).
 * `at` is the command's instant in epoch milliseconds: every step of one engine result carries it.
 */
export const toLedgerStep = (step: StepEvent, at: number): LedgerStep => ({
  instanceId: step.instanceId,
  activityInstanceId: step.activityInstanceId,
  elementId: step.elementId,
  elementType: step.elementType,
  type: step.type,
  at,
  actor: step.actor ?? null,
  laneId: step.laneId ?? null,
  previousActivityInstanceId: step.previousActivityInstanceId ?? null,
  detail: step.detail ?? null,
});
