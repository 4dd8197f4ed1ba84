import type { Effect } from './effects.js';
import type { InstanceState, ParentLink, Variables } from './state.js';
import type { StepEvent } from './steps.js';

/**
 * The engine core is `state + command -> state + steps + effects`: a command applied to an
 * instance's state gives its next state, the steps for the append-only ledger and the effects.
 */
export interface EngineResult {
  state: InstanceState;
  steps: StepEvent[];
  effects: Effect[];
}

export interface StartCommand {
  type: 'start';
  instanceId: string;
  processVersionId: string;
  businessKey?: string;
  variables?: Variables;
  /** A process-level start event (message, signal, timer); the none start event by default. */
  startEventId?: string;
  /**
   * Start the case at this process-level activity or catch event instead of at a start event: a
   * case moved in from another engine, which waits where it waited there (its ready step says so).
   */
  startBefore?: string;
  /** The call activity starting this instance as its child. */
  parent?: ParentLink;
}

export interface ClaimTaskCommand {
  type: 'claimTask';
  activityInstanceId: string;
  actor: string;
  /** Claim and start at once: the usual "pick up". */
  start?: boolean;
}

export interface CompleteTaskCommand {
  type: 'completeTask';
  activityInstanceId: string;
  actor?: string;
  variables?: Variables;
}

/** The assignee starts, pauses or gives back the task (`startTask` claims first when unclaimed). */
export interface TaskWorkCommand {
  type: 'startTask' | 'pauseTask' | 'unclaimTask';
  activityInstanceId: string;
  actor: string;
}

/** `actor` gives the task to `assignee` (the app checks the actor may: a supervisor or the current assignee). */
export interface AssignTaskCommand {
  type: 'assignTask';
  activityInstanceId: string;
  actor: string;
  assignee: string;
}

/** The assignee has `to` work the task; it keeps ownership, and `to` completing it hands it back. */
export interface DelegateTaskCommand {
  type: 'delegateTask';
  activityInstanceId: string;
  actor: string;
  to: string;
}

/** Hands the task on where the model says (tasks/task-escalation.ts), with a reason. */
export interface EscalateTaskCommand {
  type: 'escalateTask';
  activityInstanceId: string;
  actor: string;
  reasonCode: string;
  comment?: string;
}

/** A task's SLA clock (its job's id) ran out. */
export interface BreachTaskClockCommand {
  type: 'breachTaskClock';
  activityInstanceId: string;
  clockId: string;
}

/** A worker locked an external task: the first lock marks the work as started. */
export interface LockExternalTaskCommand {
  type: 'lockExternalTask';
  activityInstanceId: string;
  workerId: string;
}

export interface CompleteExternalTaskCommand {
  type: 'completeExternalTask';
  activityInstanceId: string;
  workerId: string;
  variables?: Variables;
}

export interface FireTimerCommand {
  type: 'fireTimer';
  timerId: string;
}

/** A message reached a waiting subscription: by its id, or by the one message subscription of an activity instance. */
export interface CorrelateMessageCommand {
  type: 'correlateMessage';
  subscriptionId?: string;
  activityInstanceId?: string;
  variables?: Variables;
}

/** A broadcast signal reached this instance: every signal subscription with that name is triggered. */
export interface ReceiveSignalCommand {
  type: 'receiveSignal';
  signalName: string;
  variables?: Variables;
}

/** The child instance of a call activity ended; its variables come back through the output mappings. */
export interface CompleteCallActivityCommand {
  type: 'completeCallActivity';
  activityInstanceId: string;
  variables?: Variables;
}

/**
 * A BPMN error thrown at a waiting activity instance: by the worker holding an external task
 * (Camunda's handleBpmnError), or by the called instance of a call activity, which ended with it.
 * The activity's own error boundary events catch it first, then scope by scope outwards; uncaught,
 * the command fails with ERROR_NOT_CAUGHT (or, in a called instance, it goes up to the parent).
 */
export interface ThrowErrorCommand {
  type: 'throwError';
  activityInstanceId: string;
  errorCode: string;
  /** The worker throwing it: it must hold the external task (the app checks the lock). */
  workerId?: string;
  /** Travel with the error to the catching event, through its output mappings (else to its scope). */
  variables?: Variables;
  /** For a call activity: the number of the called instance's throw (1, 2, ...); one it has taken already changes nothing. */
  sequence?: number;
}

/** An escalation a called instance did not catch, thrown on at its call activity. */
export interface ThrowEscalationCommand {
  type: 'throwEscalation';
  activityInstanceId: string;
  escalationCode?: string;
  /** As for ThrowErrorCommand: each throw of the called instance is taken once. */
  sequence?: number;
}

/** Every waiting activity is canceled and the instance ends as `canceled`. */
export interface CancelInstanceCommand {
  type: 'cancelInstance';
  actor?: string;
  /** Why, for the audit trail (as on every operator command). */
  reason?: string;
}

export interface SuspendInstanceCommand {
  type: 'suspendInstance' | 'resumeInstance';
  actor?: string;
  reason?: string;
}

/** Sets variables of the instance, or locally on one activity instance (a scope or a task). */
export interface SetVariablesCommand {
  type: 'setVariables';
  variables: Variables;
  activityInstanceId?: string;
  actor?: string;
  reason?: string;
}

export type Command =
  | ClaimTaskCommand
  | CompleteTaskCommand
  | TaskWorkCommand
  | AssignTaskCommand
  | DelegateTaskCommand
  | EscalateTaskCommand
  | BreachTaskClockCommand
  | LockExternalTaskCommand
  | CompleteExternalTaskCommand
  | FireTimerCommand
  | CorrelateMessageCommand
  | ReceiveSignalCommand
  | CompleteCallActivityCommand
  | CancelInstanceCommand
  | SuspendInstanceCommand
  | SetVariablesCommand
  | ThrowErrorCommand
  | ThrowEscalationCommand;
