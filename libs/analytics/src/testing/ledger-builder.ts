import type { CaseRecord, ElementInfo, StepEvent, StepType } from '../ledger.js';

/** Monday 5 January 2026 at hh:mm UTC, plus whole days: fixtures read like a timetable. */
export const at = (hhmm: string, day = 0): number => Date.parse(`2026-01-05T${hhmm}:00.000Z`) + day * 86_400_000;

export interface StepOptions {
  actor?: string;
  lane?: string;
  previous?: string;
  detail?: Record<string, unknown>;
  day?: number;
}

/** A ledger under construction for one case: `step(activity, element, type, time)` in ledger order. */
export const caseLedger = (instanceId: string) => {
  const steps: StepEvent[] = [];
  const types = new Map<string, string>();
  return {
    steps,
    /** Declares an activity instance's element type (default userTask). */
    element(activityInstanceId: string, elementType: string) {
      types.set(activityInstanceId, elementType);
      return this;
    },
    step(activityInstanceId: string, elementId: string, type: StepType, hhmm: string, options: StepOptions = {}) {
      steps.push({
        instanceId,
        activityInstanceId,
        elementId,
        elementType: types.get(activityInstanceId) ?? 'userTask',
        type,
        at: at(hhmm, options.day),
        actor: options.actor ?? null,
        laneId: options.lane ?? null,
        previousActivityInstanceId: options.previous ?? null,
        detail: options.detail ?? null,
      });
      return this;
    },
  };
};

export const caseRecord = (instanceId: string, start: string, end: string | null, extra: Partial<CaseRecord> & { startDay?: number; endDay?: number } = {}): CaseRecord => {
  const { startDay, endDay, ...rest } = extra;
  return {
    instanceId,
    processVersionId: 'v1',
    businessKey: null,
    status: end === null ? 'active' : 'completed',
    startedAt: at(start, startDay),
    endedAt: end === null ? null : at(end, endDay ?? startDay),
    variables: {},
    ...rest,
  };
};

/** One entry of a fixture's element catalog: no candidate groups unless given. */
export const catalogEntry = (info: Partial<ElementInfo> & { id: string; type: string }): [string, ElementInfo] => [info.id, { candidateGroups: [], ...info }];
