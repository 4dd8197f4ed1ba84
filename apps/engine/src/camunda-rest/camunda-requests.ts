import { invalidRequest, plainVariablesOf } from './camunda-variables.js';

/** Camunda's upper bound of asyncResponseTimeout (30 minutes), which it refuses past. */
export const MAX_ASYNC_RESPONSE_TIMEOUT_MS = 1_800_000;
const MAX_LOCK_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_TASKS = 100;

/** One topic of a fetch, in Tandem's terms. */
export interface CamundaTopic {
  name: string;
  lockDurationMs: number;
  /** The variables to hand out; all when absent. */
  variables?: string[];
  processKey?: string;
  businessKey?: string;
}

export interface CamundaFetchAndLock {
  workerId: string;
  maxTasks: number;
  topics: CamundaTopic[];
  asyncResponseTimeoutMs: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body as an object: a request without one (or with an array, a string) is refused naming what was expected. */
export const bodyOf = (body: unknown): Record<string, unknown> => {
  if (body === undefined || body === null) return {};
  if (!isRecord(body)) throw invalidRequest('The request body must be a JSON object');
  return body;
};

const requiredString = (body: Record<string, unknown>, field: string, path = field): string => {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest(`${path} is required and must be a non-empty string`);
  if (value.length > 255) throw invalidRequest(`${path} must be at most 255 characters`);
  return value;
};

const optionalString = (body: Record<string, unknown>, field: string, path = field, maxLength = 255): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`${path} must be a string`);
  if (value.length > maxLength) throw invalidRequest(`${path} must be at most ${maxLength} characters`);
  return value;
};

const integer = (body: Record<string, unknown>, field: string, { min, max, path = field }: { min: number; max: number; path?: string }): number | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidRequest(`${path} must be a whole number from ${min} to ${max}`);
  return value;
};

const requiredInteger = (body: Record<string, unknown>, field: string, range: { min: number; max: number; path?: string }): number => {
  const value = integer(body, field, range);
  if (value === undefined) throw invalidRequest(`${range.path ?? field} is required`);
  return value;
};

const optionalBoolean = (body: Record<string, unknown>, field: string): boolean | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidRequest(`${field} must be true or false`);
  return value;
};

const topicOf = (entry: unknown, index: number): CamundaTopic => {
  const path = `topics[${index}]`;
  if (!isRecord(entry)) throw invalidRequest(`${path} must be an object with topicName and lockDuration`);
  const names = entry.variables;
  if (names !== undefined && names !== null && (!Array.isArray(names) || names.some((name) => typeof name !== 'string'))) {
    throw invalidRequest(`${path}.variables must be a list of variable names`);
  }
  const processKey = optionalString(entry, 'processDefinitionKey', `${path}.processDefinitionKey`);
  const businessKey = optionalString(entry, 'businessKey', `${path}.businessKey`);
  return {
    name: requiredString(entry, 'topicName', `${path}.topicName`),
    lockDurationMs: requiredInteger(entry, 'lockDuration', { min: 1, max: MAX_LOCK_MS, path: `${path}.lockDuration` }),
    ...(Array.isArray(names) && { variables: names as string[] }),
    ...(processKey !== undefined && { processKey }),
    ...(businessKey !== undefined && { businessKey }),
  };
};

/** `POST /external-task/fetchAndLock` (Camunda's FetchExternalTasksDto); `usePriority` and `sorting` are read and have no effect: tasks come oldest first. */
export const fetchAndLockOf = (raw: unknown): CamundaFetchAndLock => {
  const body = bodyOf(raw);
  const topics = body.topics;
  if (!Array.isArray(topics) || topics.length === 0) throw invalidRequest('topics is required: a list of {topicName, lockDuration}');
  optionalBoolean(body, 'usePriority');
  return {
    workerId: requiredString(body, 'workerId'),
    maxTasks: requiredInteger(body, 'maxTasks', { min: 1, max: MAX_TASKS }),
    topics: topics.map(topicOf),
    asyncResponseTimeoutMs: integer(body, 'asyncResponseTimeout', { min: 0, max: MAX_ASYNC_RESPONSE_TIMEOUT_MS }) ?? 0,
  };
};

/** Variables and local variables in one map: Tandem keeps a case's variables in one scope. */
const allVariablesOf = (body: Record<string, unknown>): Record<string, unknown> | undefined => {
  const variables = plainVariablesOf('variables', body.variables);
  const local = plainVariablesOf('localVariables', body.localVariables);
  return variables === undefined && local === undefined ? undefined : { ...variables, ...local };
};

/** `POST /external-task/{id}/complete` (CompleteExternalTaskDto). */
export const completeOf = (raw: unknown): { workerId: string; variables?: Record<string, unknown> } => {
  const body = bodyOf(raw);
  const workerId = requiredString(body, 'workerId');
  const variables = allVariablesOf(body);
  return { workerId, ...(variables !== undefined && { variables }) };
};

/** `POST /external-task/{id}/failure` (ExternalTaskFailureDto): Tandem keeps one message, the details after it. */
export const failureOf = (raw: unknown): { workerId: string; errorMessage: string; retries?: number; retryTimeoutMs?: number } => {
  const body = bodyOf(raw);
  const workerId = requiredString(body, 'workerId');
  const message = optionalString(body, 'errorMessage', 'errorMessage', 10_000);
  const details = optionalString(body, 'errorDetails', 'errorDetails', 100_000);
  const retries = integer(body, 'retries', { min: 0, max: 1000 });
  const retryTimeoutMs = integer(body, 'retryTimeout', { min: 0, max: MAX_LOCK_MS });
  const errorMessage = [message, details].filter((part) => part !== undefined && part !== '').join('\n') || 'The worker reported a failure without a message';
  return { workerId, errorMessage: errorMessage.slice(0, 10_000), ...(retries !== undefined && { retries }), ...(retryTimeoutMs !== undefined && { retryTimeoutMs }) };
};

/** `POST /external-task/{id}/bpmnError` (ExternalTaskBpmnError). */
export const bpmnErrorOf = (raw: unknown): { workerId: string; errorCode: string; errorMessage?: string; variables?: Record<string, unknown> } => {
  const body = bodyOf(raw);
  const workerId = requiredString(body, 'workerId');
  const errorCode = requiredString(body, 'errorCode');
  const errorMessage = optionalString(body, 'errorMessage', 'errorMessage', 10_000);
  const variables = plainVariablesOf('variables', body.variables);
  return { workerId, errorCode, ...(errorMessage !== undefined && { errorMessage }), ...(variables !== undefined && { variables }) };
};

/** `POST /external-task/{id}/extendLock` (ExtendLockOnExternalTaskDto). */
export const extendLockOf = (raw: unknown): { workerId: string; newDurationMs: number } => {
  const body = bodyOf(raw);
  return { workerId: requiredString(body, 'workerId'), newDurationMs: requiredInteger(body, 'newDuration', { min: 1, max: MAX_LOCK_MS }) };
};

/** `POST /process-definition/.../start` (StartProcessInstanceDto); the fields Tandem cannot honor are refused, not ignored. */
export const startOf = (raw: unknown): { businessKey?: string; variables?: Record<string, unknown>; startBefore?: string; withVariablesInReturn: boolean } => {
  const body = bodyOf(raw);
  if (body.caseInstanceId !== undefined && body.caseInstanceId !== null) throw invalidRequest("caseInstanceId is not supported by Tandem's Camunda 7 API");
  const businessKey = optionalString(body, 'businessKey');
  if (businessKey === '') throw invalidRequest('businessKey must not be empty');
  const variables = plainVariablesOf('variables', body.variables);
  const startBefore = startBeforeOf(body.startInstructions);
  return {
    ...(businessKey !== undefined && { businessKey }),
    ...(variables !== undefined && { variables }),
    ...(startBefore !== undefined && { startBefore }),
    withVariablesInReturn: optionalBoolean(body, 'withVariablesInReturn') ?? false,
  };
};

/**
 * `startInstructions` of a start: one `startBeforeActivity` is Tandem's startBefore (a case moved in
 * at that activity); several instructions, other types and instruction variables are refused by name.
 */
const startBeforeOf = (instructions: unknown): string | undefined => {
  if (instructions === undefined || instructions === null) return undefined;
  if (!Array.isArray(instructions) || instructions.length !== 1 || !isRecord(instructions[0])) {
    throw invalidRequest("startInstructions must hold exactly one instruction: Tandem starts a case at one activity ({ type: 'startBeforeActivity', activityId })");
  }
  const [instruction] = instructions;
  if (instruction.type !== 'startBeforeActivity') {
    throw invalidRequest(`startInstructions[0].type '${String(instruction.type)}' is not supported by Tandem's Camunda 7 API: only startBeforeActivity is`);
  }
  for (const field of Object.keys(instruction)) {
    if (field !== 'type' && field !== 'activityId' && instruction[field] !== undefined && instruction[field] !== null) {
      throw invalidRequest(`startInstructions[0].${field} is not supported by Tandem's Camunda 7 API: give the case's variables in variables`);
    }
  }
  return requiredString(instruction, 'activityId', 'startInstructions[0].activityId');
};

/** Camunda's paging query parameters (firstResult, maxResults) as Tandem's; Camunda lists have no upper bound, Tandem's stop at 500. */
export const pageOf = (query: Record<string, unknown>): { offset: number; limit: number } => {
  const number = (field: string, fallback: number, max: number): number => {
    const value = query[field];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) > max) throw invalidRequest(`${field} must be a whole number from 0 to ${max}`);
    return Number(value);
  };
  return { offset: number('firstResult', 0, 1_000_000), limit: number('maxResults', 500, 500) };
};

/** A query parameter given once as text, or absent. */
export const queryText = (query: Record<string, unknown>, field: string): string | undefined => {
  const value = query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalidRequest(`${field} must be given once, as text`);
  return value;
};

/**
 * `POST /message` (CorrelationMessageDto). Tandem matches a message by one correlation key, the
 * value its catching subscription computed: Camunda's businessKey, or the one entry of
 * correlationKeys. The message's variables are processVariables (and processVariablesLocal).
 */
export const messageOf = (raw: unknown): { name: string; correlationKey?: string; variables?: Record<string, unknown>; resultEnabled: boolean } => {
  const body = bodyOf(raw);
  const name = requiredString(body, 'messageName');
  if (body.all === true) throw invalidRequest("all is not supported by Tandem's Camunda 7 API: a message reaches one waiting subscription");
  const businessKey = optionalString(body, 'businessKey');
  const keys = plainVariablesOf('correlationKeys', body.correlationKeys);
  const keyValues = Object.values(keys ?? {});
  if (keyValues.length > 1) throw invalidRequest('correlationKeys: Tandem correlates on one key; send one entry (the value the catching event computes)');
  if (businessKey !== undefined && keyValues.length > 0) throw invalidRequest('Send businessKey or correlationKeys, not both: Tandem correlates on one key');
  const key = businessKey ?? (keyValues.length === 1 ? keyValues[0] : undefined);
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') throw invalidRequest('correlationKeys: the key must be a String or a number');
  const variables = plainVariablesOf('processVariables', body.processVariables);
  const local = plainVariablesOf('processVariablesLocal', body.processVariablesLocal);
  const all = variables === undefined && local === undefined ? undefined : { ...variables, ...local };
  return {
    name,
    ...(key !== undefined && { correlationKey: String(key) }),
    ...(all !== undefined && { variables: all }),
    resultEnabled: optionalBoolean(body, 'resultEnabled') ?? false,
  };
};

/** The filters of `GET /task` Tandem applies; any other is refused rather than ignored, so a list is never silently wider than asked. */
const TASK_FILTERS = ['processInstanceId', 'processDefinitionKey', 'assignee', 'candidateGroup', 'candidateUser', 'firstResult', 'maxResults'];

/** `GET /task` query parameters as Tandem's task query. */
export const taskQueryOf = (
  query: Record<string, unknown>,
): { offset: number; limit: number; instanceId?: string; processKey?: string; assignee?: string; candidateGroup?: string; candidateUser?: string } => {
  const unknown = Object.keys(query).filter((field) => !TASK_FILTERS.includes(field));
  if (unknown.length > 0) throw invalidRequest(`${unknown.join(', ')}: not a task filter Tandem applies (it applies ${TASK_FILTERS.join(', ')})`);
  const instanceId = instanceIdQuery(query);
  const text = textQuery(query);
  return {
    ...pageOf(query),
    ...(instanceId !== undefined && { instanceId }),
    ...text('processDefinitionKey', 'processKey'),
    ...text('assignee', 'assignee'),
    ...text('candidateGroup', 'candidateGroup'),
    ...text('candidateUser', 'candidateUser'),
  };
};

/** `POST /task/{id}/claim` (UserIdDto): Tandem's agents claim for themselves; another user's claim is an assignment (POST /api/tasks/{id}/assign). */
export const claimOf = (raw: unknown, caller: string): void => {
  const userId = requiredString(bodyOf(raw), 'userId');
  if (userId.toLowerCase() !== caller.toLowerCase()) {
    throw invalidRequest(`userId: ${caller} may claim a task for themselves only; to give it to ${userId}, assign it (POST /api/tasks/{id}/assign)`);
  }
};

/** `POST /task/{id}/complete` (CompleteTaskDto). */
export const completeTaskOf = (raw: unknown): { variables?: Record<string, unknown>; withVariablesInReturn: boolean } => {
  const body = bodyOf(raw);
  const variables = plainVariablesOf('variables', body.variables);
  return { ...(variables !== undefined && { variables }), withVariablesInReturn: optionalBoolean(body, 'withVariablesInReturn') ?? false };
};

const EXTERNAL_TASK_FILTERS = ['topicName', 'workerId', 'processInstanceId', 'activityId', 'locked', 'notLocked', 'withRetriesLeft', 'noRetriesLeft', 'firstResult', 'maxResults'];

/** `GET /external-task` query parameters (the common ones) as Tandem's filter; any other is refused by name. */
export const externalTaskQueryOf = (
  query: Record<string, unknown>,
): { offset: number; limit: number; topic?: string; workerId?: string; instanceId?: string; elementId?: string; locked?: boolean; retriesLeft?: boolean } => {
  const unknown = Object.keys(query).filter((field) => !EXTERNAL_TASK_FILTERS.includes(field));
  if (unknown.length > 0) throw invalidRequest(`${unknown.join(', ')}: not an external task filter Tandem applies (it applies ${EXTERNAL_TASK_FILTERS.join(', ')})`);
  const flag = (field: string): boolean => {
    const value = queryText(query, field);
    if (value !== undefined && value !== 'true' && value !== 'false') throw invalidRequest(`${field} must be true or false`);
    return value === 'true';
  };
  const both = (yes: string, no: string): boolean | undefined => {
    if (flag(yes) && flag(no)) throw invalidRequest(`${yes} and ${no} exclude each other`);
    return flag(yes) ? true : flag(no) ? false : undefined;
  };
  const instanceId = instanceIdQuery(query);
  const text = textQuery(query);
  const locked = both('locked', 'notLocked');
  const retriesLeft = both('withRetriesLeft', 'noRetriesLeft');
  return {
    ...pageOf(query),
    ...text('topicName', 'topic'),
    ...text('workerId', 'workerId'),
    ...text('activityId', 'elementId'),
    ...(instanceId !== undefined && { instanceId }),
    ...(locked !== undefined && { locked }),
    ...(retriesLeft !== undefined && { retriesLeft }),
  };
};

/** The `processInstanceId` filter of a list query, which must be a UUID. */
const instanceIdQuery = (query: Record<string, unknown>): string | undefined => {
  const instanceId = queryText(query, 'processInstanceId');
  if (instanceId !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(instanceId)) {
    throw invalidRequest('processInstanceId must be a process instance id (a UUID)');
  }
  return instanceId;
};

/** Copies a text query parameter, when given, under Tandem's name for it. */
const textQuery =
  (query: Record<string, unknown>) =>
  (field: string, as: string): Record<string, string> => {
    const value = queryText(query, field);
    return value === undefined ? {} : { [as]: value };
  };
