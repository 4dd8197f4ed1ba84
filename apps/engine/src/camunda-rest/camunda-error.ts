/** Camunda's error body: the exception's type and its message (a ParseException also its details). */
export interface CamundaErrorBody {
  type: string;
  message: string;
  details?: Record<string, { errors: CamundaProblem[]; warnings: CamundaProblem[] }>;
  /** Tandem's own code beside Camunda's fields, which Camunda's clients ignore: the same code /api answers. */
  tandemCode: string;
}

/** One problem of a model, as Camunda's ParseException lists them. */
export interface CamundaProblem {
  message: string;
  line: null;
  column: null;
  mainElementId: string | null;
  elementIds: string[];
}

/** A model Tandem refuses (malformed, not BPMN, invalid): Camunda's ParseException, 400. */
const isModelRefusal = (code: string): boolean => /^(BPMN|DMN|FORM)_/.test(code) || code === 'DEPLOYMENT_NO_PROCESS';

const problemsOf = (details: Record<string, unknown> | undefined): Record<string, { errors: CamundaProblem[]; warnings: CamundaProblem[] }> => {
  const problems = Array.isArray(details?.problems) ? (details.problems as Array<{ elementId?: string | null; message?: string; severity?: string }>) : [];
  const asCamunda = (problem: (typeof problems)[number]): CamundaProblem => ({
    message: problem.message ?? '',
    line: null,
    column: null,
    mainElementId: problem.elementId ?? null,
    elementIds: problem.elementId ? [problem.elementId] : [],
  });
  const resource = typeof details?.resource === 'string' ? details.resource : 'deployment';
  return {
    [resource]: {
      errors: problems.filter((problem) => problem.severity !== 'warning').map(asCamunda),
      warnings: problems.filter((problem) => problem.severity === 'warning').map(asCamunda),
    },
  };
};

/** Camunda answers a revision conflict as a 500 its clients retry on. */
const OPTIMISTIC_LOCKING = 'REVISION_CONFLICT';
/** Camunda refuses a message nothing takes, or more than one could take, as a 400 of this type. */
const MISMATCHING_MESSAGE = new Set(['MESSAGE_SUBSCRIPTION_NOT_FOUND', 'MESSAGE_AMBIGUOUS']);
/** A task that is done no longer exists in Camunda (its runtime row is deleted): 404, not a state error. */
const DONE = 'ACTIVITY_NOT_ACTIVE';

/**
 * Tandem's error answer (status, code, message) as Camunda 7 sends it (ExternalTaskResourceImpl,
 * ProcessDefinitionRestServiceImpl, ExceptionHandlerHelper): 400 InvalidRequestException for a bad
 * request, 400 RestException for a command the state refuses (Tandem's 409: another worker's lock,
 * a task that is done; Camunda wraps its BadUserRequestException so), 404 RestException for
 * something missing or done, 401/403 AuthenticationException/AuthorizationException, 500
 * OptimisticLockingException for a concurrent change and ProcessEngineException otherwise; a model
 * refused at deployment is a 400 ParseException listing its problems by element.
 */
export const camundaErrorOf = (statusCode: number, code: string, message: string, details?: Record<string, unknown>): { status: number; body: CamundaErrorBody } => {
  const answer = (status: number, type: string) => ({ status, body: { type, message, tandemCode: code } });
  if (statusCode < 500 && isModelRefusal(code)) return { status: 400, body: { type: 'ParseException', message, details: problemsOf(details), tandemCode: code } };
  if (code === OPTIMISTIC_LOCKING) return answer(500, 'OptimisticLockingException');
  if (MISMATCHING_MESSAGE.has(code)) return answer(400, 'MismatchingMessageCorrelationException');
  if (statusCode === 401) return answer(401, 'AuthenticationException');
  if (statusCode === 403) return answer(403, 'AuthorizationException');
  if (statusCode === 404 || code === DONE) return answer(404, 'RestException');
  if (statusCode === 409) return answer(400, 'RestException');
  if (statusCode === 429) return answer(429, 'RestException');
  if (statusCode >= 500) return answer(statusCode, 'ProcessEngineException');
  return answer(statusCode === 400 || statusCode === 422 ? 400 : statusCode, 'InvalidRequestException');
};
