/** Domain error codes raised by the application services (mapped to HTTP by the exception filter). */
export const APP_ERRORS = {
  /** A JSON request body nests deeper than any request needs (a stack-exhaustion attempt): 400. */
  bodyTooDeep: 'BODY_TOO_DEEP',
  /** A path or query string holds the NUL character, which no stored text can hold: 400. */
  nulCharacter: 'NUL_CHARACTER',
  /** The request line and headers pass Node's limit (16 KB): 431, answered by the HTTP server itself (client-error.ts). */
  headersTooLarge: 'HEADERS_TOO_LARGE',
  /** Not an HTTP request Node can parse (a broken request line or header): 400, answered by the HTTP server itself. */
  requestMalformed: 'REQUEST_MALFORMED',
  /** The database cannot be reached within the request's budget (down, frozen, shutting down, out of connections): 503 with Retry-After. */
  databaseUnavailable: 'DATABASE_UNAVAILABLE',
  deploymentEmpty: 'DEPLOYMENT_EMPTY',
  deploymentNoProcess: 'DEPLOYMENT_NO_PROCESS',
  /** A deployment's `convert` is not a known conversion (details: field `convert`, known): 400, nothing stored. */
  deploymentConvertInvalid: 'DEPLOYMENT_CONVERT_INVALID',
  processNotFound: 'PROCESS_NOT_FOUND',
  processVersionNotFound: 'PROCESS_VERSION_NOT_FOUND',
  /** A case would start on a documentation-only version (every process isExecutable="false"): 409, nothing stored. */
  processNotExecutable: 'PROCESS_NOT_EXECUTABLE',
  /** A version's tag is not text of at most 40 characters (details: field `tag`): 400, nothing stored. */
  processVersionTagInvalid: 'PROCESS_VERSION_TAG_INVALID',
  instanceNotFound: 'INSTANCE_NOT_FOUND',
  taskNotFound: 'TASK_NOT_FOUND',
  /** An escalation names a reason code that is not in the configured list (details: reasonCode, known): 400. */
  escalationReasonUnknown: 'ESCALATION_REASON_UNKNOWN',
  /** A task is assigned or delegated to a user who is unknown, disabled, no agent or no candidate for it (details: field, username, taskId, reason): 400. */
  assigneeNotCandidate: 'ASSIGNEE_NOT_CANDIDATE',
  /** Only a supervisor, an admin or the task's assignee may assign it: 403. */
  taskAssignDenied: 'TASK_ASSIGN_DENIED',
  externalTaskNotFound: 'EXTERNAL_TASK_NOT_FOUND',
  /** The worker does not hold a valid lock on the external task (never had it, or it expired). */
  externalTaskNotLocked: 'EXTERNAL_TASK_NOT_LOCKED',
  /** A batch migration names an instance that runs on another process version than the batch's source: 409. */
  instanceNotOnVersion: 'INSTANCE_NOT_ON_VERSION',
  incidentNotFound: 'INCIDENT_NOT_FOUND',
  /** Retry or resolve of an incident someone (or the engine) has resolved already: 409. */
  incidentAlreadyResolved: 'INCIDENT_ALREADY_RESOLVED',
  /** No open subscription matches a message, no process starts on it, and it has no time-to-live: 404. */
  messageSubscriptionNotFound: 'MESSAGE_SUBSCRIPTION_NOT_FOUND',
  /** A message matches several subscriptions (or start events): it must reach exactly one, 409. */
  messageAmbiguous: 'MESSAGE_AMBIGUOUS',
  /** GET /decisions/{id} for a decision version that does not exist: 404. */
  decisionVersionNotFound: 'DECISION_VERSION_NOT_FOUND',
  /** A call activity names a process key (or pinned version) that is not deployed: 422, the command is refused. */
  calledProcessNotFound: 'CALLED_PROCESS_NOT_FOUND',
  /** A called instance was canceled on its own while its call activity waited: raised as an incident on the parent. */
  calledInstanceCanceled: 'CALLED_INSTANCE_CANCELED',
} as const;
