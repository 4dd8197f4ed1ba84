import { HttpStatus } from '@nestjs/common';
import { BPMN_ERRORS, DMN_ERRORS, FORM_ERRORS, type BpmnErrorCode } from '#bpmn';
import type { ErrorCodeOf } from '#core';
import { DECISION_ERRORS, ENGINE_ERRORS, type EngineErrorCode } from '#engine';
import { EXPERIMENT_ERRORS, type ExperimentErrorCode } from '#experiments';
import { JOB_ERRORS, PERSISTENCE_ERRORS, type PersistenceErrorCode } from '#persistence';
import { SIMULATION_ERRORS, type SimulationErrorCode } from '#simulation';
import { ANALYTICS_ERRORS } from './analytics/analytics-errors.js';
import { KPI_TARGET_ERRORS } from './analytics/kpi-targets-errors.js';
import { AUTH_ERRORS } from './auth/auth-errors.js';
import { CAMUNDA_REST_ERRORS } from './camunda-rest/camunda-rest-errors.js';
import { APP_ERRORS } from './common/app-errors.js';
import { REQUEST_HEADER_FIELDS_TOO_LARGE } from './common/client-error.js';
import { EXPERIMENTS_API_ERRORS } from './experiments/experiment-errors.js';
import { IDEMPOTENCY_ERRORS } from './idempotency/idempotency-errors.js';
import { SIMULATIONS_API_ERRORS } from './simulations/simulation-errors.js';
import { USER_ERRORS } from './users/user-errors.js';
import { DRAFT_ERRORS } from './drafts/draft-errors.js';

/** Every code the app's own services raise. */
export type AppErrorCode =
  | ErrorCodeOf<typeof APP_ERRORS>
  | ErrorCodeOf<typeof AUTH_ERRORS>
  | ErrorCodeOf<typeof CAMUNDA_REST_ERRORS>
  | ErrorCodeOf<typeof USER_ERRORS>
  | ErrorCodeOf<typeof ANALYTICS_ERRORS>
  | ErrorCodeOf<typeof KPI_TARGET_ERRORS>
  | ErrorCodeOf<typeof DRAFT_ERRORS>
  | ErrorCodeOf<typeof IDEMPOTENCY_ERRORS>
  | ErrorCodeOf<typeof EXPERIMENTS_API_ERRORS>
  | ErrorCodeOf<typeof SIMULATIONS_API_ERRORS>;

/** Every domain error code a request can meet: the libs' and the app's. */
export type ErrorCode = BpmnErrorCode | EngineErrorCode | PersistenceErrorCode | ExperimentErrorCode | SimulationErrorCode | AppErrorCode;

/**
 * Exhaustive: a code added to any `*_ERRORS` object without a status here fails the type-check,
 * instead of answering 500 at run time.
 */
const STATUS_BY_CODE: Record<ErrorCode, HttpStatus | typeof REQUEST_HEADER_FIELDS_TOO_LARGE> = {
  [BPMN_ERRORS.malformed]: HttpStatus.BAD_REQUEST,
  [BPMN_ERRORS.notBpmn]: HttpStatus.BAD_REQUEST,
  [BPMN_ERRORS.doctypeForbidden]: HttpStatus.BAD_REQUEST,
  [BPMN_ERRORS.tooDeep]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.deploymentEmpty]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.processVersionTagInvalid]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.deploymentConvertInvalid]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.bodyTooDeep]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.nulCharacter]: HttpStatus.BAD_REQUEST,
  [BPMN_ERRORS.invalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DMN_ERRORS.malformed]: HttpStatus.BAD_REQUEST,
  [DMN_ERRORS.notDmn]: HttpStatus.BAD_REQUEST,
  [DMN_ERRORS.doctypeForbidden]: HttpStatus.BAD_REQUEST,
  [DMN_ERRORS.tooDeep]: HttpStatus.BAD_REQUEST,
  [DMN_ERRORS.invalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [FORM_ERRORS.malformed]: HttpStatus.BAD_REQUEST,
  [FORM_ERRORS.schemaInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [FORM_ERRORS.invalid]: HttpStatus.BAD_REQUEST,
  [DECISION_ERRORS.decisionNotFound]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DECISION_ERRORS.decisionFailed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [APP_ERRORS.calledProcessNotFound]: HttpStatus.UNPROCESSABLE_ENTITY,
  [APP_ERRORS.deploymentNoProcess]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.gatewayNoMatch]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.expressionFailed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.expressionTooCostly]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.durationInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.loopLimitExceeded]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.errorNotCaught]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.timerInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.migrationElementUnmapped]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.migrationMappingInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.startBeforeInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ENGINE_ERRORS.instanceNotActive]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.activityNotActive]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.activityWrongType]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.taskAlreadyClaimed]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.timerNotActive]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.instanceSuspended]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.instanceNotSuspended]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.subscriptionNotActive]: HttpStatus.CONFLICT,
  [PERSISTENCE_ERRORS.revisionConflict]: HttpStatus.CONFLICT,
  [APP_ERRORS.externalTaskNotLocked]: HttpStatus.CONFLICT,
  [APP_ERRORS.processNotExecutable]: HttpStatus.CONFLICT,
  [APP_ERRORS.instanceNotOnVersion]: HttpStatus.CONFLICT,
  [APP_ERRORS.incidentAlreadyResolved]: HttpStatus.CONFLICT,
  [APP_ERRORS.messageAmbiguous]: HttpStatus.CONFLICT,
  [PERSISTENCE_ERRORS.messageIdTaken]: HttpStatus.CONFLICT,
  [PERSISTENCE_ERRORS.messageNotBuffered]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.taskClaimedByOther]: HttpStatus.FORBIDDEN,
  [ENGINE_ERRORS.taskWrongState]: HttpStatus.CONFLICT,
  [ENGINE_ERRORS.taskNotEscalatable]: HttpStatus.CONFLICT,
  [APP_ERRORS.escalationReasonUnknown]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.assigneeNotCandidate]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.taskAssignDenied]: HttpStatus.FORBIDDEN,
  [AUTH_ERRORS.authenticationRequired]: HttpStatus.UNAUTHORIZED,
  [AUTH_ERRORS.authenticationFailed]: HttpStatus.UNAUTHORIZED,
  [AUTH_ERRORS.loginFailed]: HttpStatus.UNAUTHORIZED,
  [AUTH_ERRORS.refreshCookieMissing]: HttpStatus.UNAUTHORIZED,
  [AUTH_ERRORS.loginThrottled]: HttpStatus.TOO_MANY_REQUESTS,
  [AUTH_ERRORS.accessDenied]: HttpStatus.FORBIDDEN,
  [AUTH_ERRORS.taskNotCandidate]: HttpStatus.FORBIDDEN,
  [AUTH_ERRORS.caseAccessEnded]: HttpStatus.FORBIDDEN,
  [USER_ERRORS.usernameTaken]: HttpStatus.CONFLICT,
  [USER_ERRORS.groupIdTaken]: HttpStatus.CONFLICT,
  [USER_ERRORS.lastAdmin]: HttpStatus.CONFLICT,
  [USER_ERRORS.groupUnknown]: HttpStatus.BAD_REQUEST,
  [ANALYTICS_ERRORS.queryInvalid]: HttpStatus.BAD_REQUEST,
  [EXPERIMENT_ERRORS.invalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_ERRORS.winnerUnknown]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_ERRORS.armNotCandidate]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_ERRORS.statisticsInputInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_ERRORS.transitionInvalid]: HttpStatus.CONFLICT,
  [EXPERIMENT_ERRORS.notRouting]: HttpStatus.CONFLICT,
  [EXPERIMENTS_API_ERRORS.alreadyRunning]: HttpStatus.CONFLICT,
  [EXPERIMENTS_API_ERRORS.definitionFixed]: HttpStatus.CONFLICT,
  [EXPERIMENTS_API_ERRORS.stateChanged]: HttpStatus.CONFLICT,
  [EXPERIMENTS_API_ERRORS.notStarted]: HttpStatus.CONFLICT,
  [EXPERIMENTS_API_ERRORS.notPromoted]: HttpStatus.CONFLICT,
  [SIMULATION_ERRORS.parametersInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_ERRORS.noPool]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_ERRORS.runawayCase]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_ERRORS.engineRefused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATIONS_API_ERRORS.noHistory]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATIONS_API_ERRORS.tooLarge]: HttpStatus.UNPROCESSABLE_ENTITY,
  [KPI_TARGET_ERRORS.invalid]: HttpStatus.BAD_REQUEST,
  [DRAFT_ERRORS.notFound]: HttpStatus.NOT_FOUND,
  [DRAFT_ERRORS.nameInvalid]: HttpStatus.BAD_REQUEST,
  [IDEMPOTENCY_ERRORS.keyInvalid]: HttpStatus.BAD_REQUEST,
  [IDEMPOTENCY_ERRORS.keyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [PERSISTENCE_ERRORS.idempotencyKeyInProgress]: HttpStatus.CONFLICT,
  [PERSISTENCE_ERRORS.businessKeyTaken]: HttpStatus.CONFLICT,
  [APP_ERRORS.databaseUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [APP_ERRORS.processNotFound]: HttpStatus.NOT_FOUND,
  [APP_ERRORS.processVersionNotFound]: HttpStatus.NOT_FOUND,
  [APP_ERRORS.instanceNotFound]: HttpStatus.NOT_FOUND,
  [APP_ERRORS.taskNotFound]: HttpStatus.NOT_FOUND,
  [APP_ERRORS.externalTaskNotFound]: HttpStatus.NOT_FOUND,
  [CAMUNDA_REST_ERRORS.invalidRequest]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.incidentNotFound]: HttpStatus.NOT_FOUND,
  [APP_ERRORS.messageSubscriptionNotFound]: HttpStatus.NOT_FOUND,
  [APP_ERRORS.decisionVersionNotFound]: HttpStatus.NOT_FOUND,
  [FORM_ERRORS.notFound]: HttpStatus.NOT_FOUND,
  [ENGINE_ERRORS.startEventNotFound]: HttpStatus.NOT_FOUND,
  [AUTH_ERRORS.apiKeyNotFound]: HttpStatus.NOT_FOUND,
  [AUTH_ERRORS.eventTicketInvalid]: HttpStatus.UNAUTHORIZED,
  [USER_ERRORS.userNotFound]: HttpStatus.NOT_FOUND,
  [USER_ERRORS.groupNotFound]: HttpStatus.NOT_FOUND,
  [EXPERIMENTS_API_ERRORS.notFound]: HttpStatus.NOT_FOUND,
  // Answered by the HTTP server itself, before Nest (common/client-error.ts); listed so the map stays whole.
  [APP_ERRORS.headersTooLarge]: REQUEST_HEADER_FIELDS_TOO_LARGE,
  [APP_ERRORS.requestMalformed]: HttpStatus.BAD_REQUEST,
  // Never an answer: raised as an incident, or handled by the job runner.
  [APP_ERRORS.calledInstanceCanceled]: HttpStatus.INTERNAL_SERVER_ERROR,
  [JOB_ERRORS.jobNotHeld]: HttpStatus.INTERNAL_SERVER_ERROR,
};

// A Map, so a code such as 'constructor' finds nothing of Object.prototype.
const STATUS = new Map<string, number>(Object.entries(STATUS_BY_CODE));

/** The HTTP status of a domain error code; a code no `*_ERRORS` object holds (a bug) is a 500. */
export const statusForCode = (code: string): number => STATUS.get(code) ?? HttpStatus.INTERNAL_SERVER_ERROR;
