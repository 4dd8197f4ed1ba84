import type { ElementInstanceType } from './state.js';

/**
 * `migrated`: an operator moved the waiting activity instance to another process version (its element may change).
 * User tasks add `claimed`, `unclaimed`, `started`, `paused`, `escalated` and the `breached` marker (tasks/task-lifecycle.ts).
 */
export type StepType = 'ready' | 'claimed' | 'unclaimed' | 'started' | 'paused' | 'escalated' | 'breached' | 'completed' | 'canceled' | 'migrated';

/**
 * One append-only ledger record. Every flow node instance leaves `ready` and `completed` (or
 * `canceled`); user tasks add `claimed` and `started`, external tasks `started` (first lock).
 */
export interface StepEvent {
  id: string;
  instanceId: string;
  activityInstanceId: string;
  elementId: string;
  elementType: ElementInstanceType;
  type: StepType;
  at: string;
  actor?: string;
  laneId?: string;
  /** On `ready`: the activity instance the token came from, to measure hand-offs. */
  previousActivityInstanceId?: string;
  /** Step-specific facts: `by` on claims and unclaims made for someone else, the reason on `escalated`, the clock on `breached`. */
  detail?: Record<string, unknown>;
}
