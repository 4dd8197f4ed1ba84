/**
 * The analytics inputs: the step ledger, the cases it belongs to and what the model says about
 * each element. Plain data with times as epoch milliseconds, so every figure is reproducible.
 */
import type { ValueClass } from '#bpmn';
import type { StepType } from '#engine';
import type { TimeClass } from './time-class.js';

/** The ledger's step types are the ones the engine writes (`breached` and `migrated` are markers that change no phase); the value classes the model's. */
export type { StepType, ValueClass };

/** One step_event row: the StepEvent of the glossary as stored, `at` in epoch milliseconds (the engine emits it with an ISO `at`). */
export interface StepEvent {
  instanceId: string;
  activityInstanceId: string;
  elementId: string;
  elementType: string;
  type: StepType;
  /** Epoch milliseconds. */
  at: number;
  actor: string | null;
  laneId: string | null;
  previousActivityInstanceId: string | null;
  /** `escalated`: `{ reasonCode }`; `breached`: `{ clock: 'due' | 'followUp' }`. */
  detail?: Record<string, unknown> | null;
}

/** One instance (case). */
export interface CaseRecord {
  instanceId: string;
  processVersionId: string;
  businessKey: string | null;
  status: string;
  startedAt: number;
  /** Null while the case runs. */
  endedAt: number | null;
  variables: Record<string, unknown>;
}

/** What the model says about one element (from the ProcessGraph of its version). */
export interface ElementInfo {
  id: string;
  name?: string;
  type: string;
  valueClass?: ValueClass;
  laneId?: string;
  candidateGroups: string[];
  /** Cost of the role doing the work, per hour. */
  costPerHour?: number;
  standardMinutes?: number;
  /** The stage of the service process (inquiry, diagnosis, solution, follow-up). */
  stage?: string;
  /** Whose time the element's instances spend (time-class.ts); absent: decided by its type alone. */
  timeClass?: TimeClass;
}

/** Elements by id; versions analyzed together share element ids (a later version's entry wins). */
export type ElementCatalog = ReadonlyMap<string, ElementInfo>;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
