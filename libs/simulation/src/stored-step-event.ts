import type { StepEvent } from '#analytics';
import type { StepEvent as EmittedStepEvent } from '#engine';

/**
 * A step event as the engine emits it, in the form the ledger stores and the analytics read
 * (libs/persistence ledger-rows.ts). `at` is the command's instant in epoch milliseconds: every
 * step of one engine result carries it.
 */
export const storedStepEvent = (step: EmittedStepEvent, at: number): StepEvent => ({
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
