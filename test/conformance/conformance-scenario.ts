import type { Effect, InstanceStatus, Subscription, Variables } from '#engine';

/**
 * One behavior of the BPMN subset Tandem executes, as data: a model in `models/`, how the instance
 * starts, the commands that follow in order, and what must be true at the end (and on the way).
 * `conformance.spec.ts` runs each one against the pure engine.
 */
export interface ConformanceScenario {
  /** The behavior; the test is named after it. */
  name: string;
  /** The model file `models/<model>.bpmn`. */
  model: string;
  start?: StartSpec;
  steps?: Step[];
  then: Expectation;
}

/** A model the engine must not run: deploy refuses it (422), naming each element. */
export interface RefusedScenario {
  name: string;
  model: string;
  refused: { elementId: string; rule: string }[];
}

export interface StartSpec {
  variables?: Variables;
  businessKey?: string;
  /** A process-level message, signal or timer start event (the app has seen its trigger); the none start event by default. */
  startEventId?: string;
  /**
   * For a timer start event: the instants the app schedules it at (planTimer, then nextTick), and
   * whether it goes on after them (an unbounded cycle) or stops.
   */
  timer?: { due: string[]; endless?: boolean };
  /** Start it as the child of a call activity (parent instance `parent-1`, call activity instance `call-1`). */
  called?: boolean;
}

/** Addresses the one waiting activity instance of an element; `item` picks a multi-instance item by its loopCounter. */
interface Target {
  element: string;
  item?: number;
}

type Command =
  | ({ do: 'complete'; variables?: Variables; actor?: string } & Target)
  | ({ do: 'claim'; actor: string } & Target)
  | ({ do: 'completeExternal'; variables?: Variables } & Target)
  | ({ do: 'completeCall'; variables?: Variables } & Target)
  | ({ do: 'throwError'; errorCode: string; variables?: Variables; sequence?: number } & Target)
  | ({ do: 'throwEscalation'; escalationCode: string; sequence?: number } & Target)
  | { do: 'setVariables'; variables: Variables }
  | { do: 'fire'; element: string }
  | { do: 'correlate'; element: string; variables?: Variables }
  | { do: 'signal'; name: string; variables?: Variables };

/** A command (refused with the error code in `fails`, leaving the instance as it was), the clock moving, or a check on the way. */
export type Step = (Command & { fails?: string }) | { do: 'advance'; by: string } | { do: 'check'; expect: Expectation };

export interface Expectation {
  /**
   * Element ids in the order tokens entered them since the start (every `ready` step); a
   * multi-instance body shows as `<id> (body)`, each of its inner instances as `<id>`.
   */
  path?: string[];
  /** The same ids, when their order is not part of the behavior. */
  pathInAnyOrder?: string[];
  /** Element ids whose activity instances were canceled, in order. */
  canceled?: string[];
  /** Where tokens wait now (any order); bodies again as `<id> (body)`. */
  waiting?: string[];
  status?: InstanceStatus;
  /** The instance's own variables, exactly. */
  variables?: Variables;
  /** Timers scheduled now. */
  timers?: { elementId: string; dueAt: string }[];
  /** Message and signal subscriptions open now. */
  subscriptions?: Pick<Subscription, 'elementId' | 'eventType' | 'name' | 'correlationKey'>[];
  /** Effects emitted so far, each matched by the properties given, at every depth; `variables` must match exactly. */
  effects?: DeepPartial<Effect>[];
}

type DeepPartial<T> = T extends unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

// Shorthands that keep the scenario tables readable.

export const complete = (element: string, variables?: Variables, more: { item?: number; actor?: string; fails?: string } = {}): Step => ({
  do: 'complete',
  element,
  variables,
  ...more,
});
export const claim = (element: string, actor: string): Step => ({ do: 'claim', element, actor });
export const completeExternal = (element: string, variables?: Variables, more: { item?: number; fails?: string } = {}): Step => ({
  do: 'completeExternal',
  element,
  variables,
  ...more,
});
export const completeCall = (element: string, variables?: Variables): Step => ({ do: 'completeCall', element, variables });
/** A worker's BPMN error at an external task, or a called instance's error handed up to a call activity (with its `sequence`). */
export const throwError = (element: string, errorCode: string, more: { variables?: Variables; sequence?: number; fails?: string } = {}): Step => ({
  do: 'throwError',
  element,
  errorCode,
  ...more,
});
/** A called instance's escalation handed up to its call activity, the `sequence`-th thing it threw. */
export const throwEscalation = (element: string, escalationCode: string, sequence: number): Step => ({ do: 'throwEscalation', element, escalationCode, sequence });
/** An operator sets instance variables. */
export const setVariables = (variables: Variables): Step => ({ do: 'setVariables', variables });
export const fire = (element: string, fails?: string): Step => ({ do: 'fire', element, ...(fails && { fails }) });
export const correlate = (element: string, variables?: Variables): Step => ({ do: 'correlate', element, variables });
export const signal = (name: string, variables?: Variables): Step => ({ do: 'signal', name, variables });
export const advance = (by: string): Step => ({ do: 'advance', by });
export const check = (expect: Expectation): Step => ({ do: 'check', expect });
