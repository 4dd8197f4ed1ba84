import type { CalledProcessBinding } from '#bpmn';
import type { EngineResult, InstanceState, Variables } from '#engine';
import { CALL_ACTIVITY, pick, type Columns, type RowOf } from '../tables.js';

export type CallActivityStatus = 'waiting' | 'completed' | 'canceled';

/**
 * A `call_activity` row the commit inserts: a call activity instance the command started. Its
 * `follow_up_since` is when work became owed to another instance (start the child, cancel it); null when none.
 */
export type CallActivityRow = RowOf<typeof CALL_ACTIVITY.columns, { binding: CalledProcessBinding; variables: Variables; status: CallActivityStatus }>;

/** The call activity instance and when it left the wait state. */
export const CALL_ACTIVITY_CLOSING_COLUMNS = { ...pick(CALL_ACTIVITY.columns, 'activity_instance_id', 'status'), at: 'timestamptz' } as const satisfies Columns;

/** A call activity instance that left the wait state: completed (its child ended) or canceled. */
export type CallActivityClosing = RowOf<typeof CALL_ACTIVITY_CLOSING_COLUMNS, { status: Exclude<CallActivityStatus, 'waiting'> }>;

/**
 * A called instance that started, ended or handed an error or escalation up (`running`: it threw
 * and goes on) tells its parent's call_activity row, which then owes what it threw to the parent.
 */
export interface ParentNotice {
  activity_instance_id: string;
  event: 'started' | 'ended' | 'running';
  /** It handed an error or escalation up in this command. */
  threw: boolean;
  at: string;
}

export interface CallActivityPlan {
  inserts: CallActivityRow[];
  closings: CallActivityClosing[];
  parentNotice?: ParentNotice;
}

/**
 * The call-activity rows one engine result writes, folded per row like tasks: a call activity
 * started and canceled by the same command is one insert. A canceled call activity owes the
 * cancellation of its child (if it has one); a completed one owes nothing (its child has ended).
 */
export function planCallActivities(result: EngineResult, previous: InstanceState | null): CallActivityPlan {
  const inserts = new Map<string, CallActivityRow>();
  const closings: CallActivityClosing[] = [];
  for (const effect of result.effects) {
    if (effect.kind === 'callActivityStarted') {
      inserts.set(effect.activityInstanceId, {
        activity_instance_id: effect.activityInstanceId,
        element_id: effect.elementId,
        process_key: effect.processKey,
        binding: effect.binding,
        variables: effect.variables,
        business_key: effect.businessKey ?? null,
        status: 'waiting',
        created_at: effect.at,
        closed_at: null,
        follow_up_since: effect.at,
      });
    }
    if (effect.kind === 'callActivityClosed') {
      const inserted = inserts.get(effect.id);
      if (inserted) Object.assign(inserted, { status: effect.outcome, closed_at: effect.at, follow_up_since: effect.outcome === 'canceled' ? effect.at : null });
      else closings.push({ activity_instance_id: effect.id, status: effect.outcome, at: effect.at });
    }
  }
  const parentNotice = noticeToParent(result, previous);
  return { inserts: [...inserts.values()], closings, ...(parentNotice && { parentNotice }) };
}

function noticeToParent({ state, effects }: EngineResult, previous: InstanceState | null): ParentNotice | undefined {
  if (!state.parent) return undefined;
  const ended = state.status === 'completed' || state.status === 'canceled';
  const wasEnded = previous?.status === 'completed' || previous?.status === 'canceled';
  const thrown = effects.find((effect) => effect.kind === 'thrownToCallActivity');
  const notice = { activity_instance_id: state.parent.activityInstanceId, threw: thrown !== undefined };
  if (ended && !wasEnded) return { ...notice, event: 'ended', at: state.endedAt ?? state.startedAt };
  if (previous === null) return { ...notice, event: 'started', at: state.startedAt };
  if (thrown) return { ...notice, event: 'running', at: thrown.at };
  return undefined;
}
