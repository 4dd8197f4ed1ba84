/** Domain error codes the engine raises (mapped to HTTP in apps/engine/src/error-status.ts). */
export const ENGINE_ERRORS = {
  /** The instance has ended: 409. */
  instanceNotActive: 'INSTANCE_NOT_ACTIVE',
  /** No waiting activity instance with that id (completed, canceled, or never existed here): 409. */
  activityNotActive: 'ACTIVITY_NOT_ACTIVE',
  /** The activity instance is not of the kind the command needs (e.g. complete a timer as a task): 409. */
  activityWrongType: 'ACTIVITY_WRONG_TYPE',
  /** The task is claimed by someone else: 409. */
  taskAlreadyClaimed: 'TASK_ALREADY_CLAIMED',
  /** A user completes, starts, pauses or hands on a task someone else holds: 403. */
  taskClaimedByOther: 'TASK_CLAIMED_BY_OTHER',
  /** The task is in the wrong state for the command (pause when not started, unclaim when nobody holds it; details: state): 409. */
  taskWrongState: 'TASK_WRONG_STATE',
  /** The model gives the task nowhere to escalate to (no escalation boundary event, tandem:escalateTo or next lane): 409. */
  taskNotEscalatable: 'TASK_NOT_ESCALATABLE',
  /** No timer with that id is scheduled: 409. */
  timerNotActive: 'TIMER_NOT_ACTIVE',
  /** An exclusive gateway found no true condition and has no default flow: 422. */
  gatewayNoMatch: 'GATEWAY_NO_MATCH',
  /** A FEEL expression failed to evaluate (syntax, unknown variable, wrong type): 422. */
  expressionFailed: 'EXPRESSION_FAILED',
  /** A FEEL expression could run away (a loop past FEEL_LIMITS, a function definition, too long or deep); refused before evaluation: 422. */
  expressionTooCostly: 'FEEL_EXPRESSION_TOO_COSTLY',
  /** A duration (timer, due date) is not ISO 8601: 422. */
  durationInvalid: 'DURATION_INVALID',
  /** Tokens kept entering instant nodes without ever waiting (a loop in the model): 422. */
  loopLimitExceeded: 'LOOP_LIMIT_EXCEEDED',
  /** The instance is suspended: it does no work until resumed (operator commands aside): 409. */
  instanceSuspended: 'INSTANCE_SUSPENDED',
  /** resumeInstance on an instance that is not suspended: 409. */
  instanceNotSuspended: 'INSTANCE_NOT_SUSPENDED',
  /** No open message or signal subscription matches: 409. */
  subscriptionNotActive: 'SUBSCRIPTION_NOT_ACTIVE',
  /** The start event asked for is not a process-level start event (or there is no none start event): 404. */
  startEventNotFound: 'START_EVENT_NOT_FOUND',
  /** `startBefore` names no element, one inside a sub-process, or one a token cannot wait at (gateway, start, end, throw or boundary event): 422. */
  startBeforeInvalid: 'START_BEFORE_INVALID',
  /**
   * A BPMN error reached the process level without a matching catch: the command is refused and
   * nothing changes; the app raises an incident at the element (details: elementId, errorCode): 422.
   */
  errorNotCaught: 'ERROR_NOT_CAUGHT',
  /** A timeDate or timeCycle is not an ISO 8601 date-time or repeating interval: 422. */
  timerInvalid: 'TIMER_INVALID',
  /** An active element has no element of the same kind to go to in the target version (details: problems naming each): 422. */
  migrationElementUnmapped: 'MIGRATION_ELEMENT_UNMAPPED',
  /** A migration's mapping names elements neither version has, or the target is no other version of the process (details: problems): 422. */
  migrationMappingInvalid: 'MIGRATION_MAPPING_INVALID',
} as const;
