import { HttpStatus } from '@nestjs/common';
import { BPMN_ERRORS, DMN_ERRORS, FORM_ERRORS } from '#bpmn';
import { DECISION_ERRORS, ENGINE_ERRORS } from '#engine';
import { SIMULATION_ENGINE_REFUSED, SIMULATION_NO_POOL, SIMULATION_PARAMETERS_INVALID, SIMULATION_RUNAWAY_CASE } from '#simulation';
import { EXPERIMENT_ARM_NOT_CANDIDATE, EXPERIMENT_INVALID, EXPERIMENT_NOT_ROUTING, EXPERIMENT_TRANSITION_INVALID, EXPERIMENT_WINNER_UNKNOWN, STATISTICS_INPUT_INVALID } from '#experiments';
import { PERSISTENCE_ERRORS } from '#persistence';
import { ANALYTICS_ERRORS } from '../analytics/analytics-errors.js';
import { KPI_TARGET_ERRORS } from '../analytics/kpi-targets-errors.js';
import { AUTH_ERRORS } from '../auth/auth-errors.js';
import { EXPERIMENT_ERRORS } from '../experiments/experiment-errors.js';
import { SIMULATION_ERRORS } from '../simulations/simulation-errors.js';
import { USER_ERRORS } from '../users/user-errors.js';
import { APP_ERRORS } from './app-errors.js';

const STATUS_BY_CODE: Record<string, HttpStatus> = {
  [BPMN_ERRORS.malformed]: HttpStatus.BAD_REQUEST,
  [BPMN_ERRORS.notBpmn]: HttpStatus.BAD_REQUEST,
  [BPMN_ERRORS.doctypeForbidden]: HttpStatus.BAD_REQUEST,
  [BPMN_ERRORS.tooDeep]: HttpStatus.BAD_REQUEST,
  [APP_ERRORS.deploymentEmpty]: HttpStatus.BAD_REQUEST,
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
  [AUTH_ERRORS.loginThrottled]: HttpStatus.TOO_MANY_REQUESTS,
  [AUTH_ERRORS.accountDisabled]: HttpStatus.FORBIDDEN,
  [AUTH_ERRORS.accessDenied]: HttpStatus.FORBIDDEN,
  [AUTH_ERRORS.taskNotCandidate]: HttpStatus.FORBIDDEN,
  [USER_ERRORS.usernameTaken]: HttpStatus.CONFLICT,
  [USER_ERRORS.groupIdTaken]: HttpStatus.CONFLICT,
  [USER_ERRORS.lastAdmin]: HttpStatus.CONFLICT,
  [USER_ERRORS.groupUnknown]: HttpStatus.BAD_REQUEST,
  [ANALYTICS_ERRORS.queryInvalid]: HttpStatus.BAD_REQUEST,
  [ANALYTICS_ERRORS.scopeTooLarge]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_WINNER_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_ARM_NOT_CANDIDATE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [STATISTICS_INPUT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EXPERIMENT_TRANSITION_INVALID]: HttpStatus.CONFLICT,
  [EXPERIMENT_NOT_ROUTING]: HttpStatus.CONFLICT,
  [EXPERIMENT_ERRORS.alreadyRunning]: HttpStatus.CONFLICT,
  [EXPERIMENT_ERRORS.definitionFixed]: HttpStatus.CONFLICT,
  [EXPERIMENT_ERRORS.stateChanged]: HttpStatus.CONFLICT,
  [EXPERIMENT_ERRORS.notStarted]: HttpStatus.CONFLICT,
  [EXPERIMENT_ERRORS.notPromoted]: HttpStatus.CONFLICT,
  [SIMULATION_PARAMETERS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_NO_POOL]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_RUNAWAY_CASE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_ENGINE_REFUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_ERRORS.noHistory]: HttpStatus.UNPROCESSABLE_ENTITY,
  [SIMULATION_ERRORS.tooLarge]: HttpStatus.UNPROCESSABLE_ENTITY,
  [KPI_TARGET_ERRORS.invalid]: HttpStatus.BAD_REQUEST,
};

/** The HTTP status of a domain error code; `*_NOT_FOUND` is 404, anything unmapped 500. */
export const statusForCode = (code: string): HttpStatus =>
  STATUS_BY_CODE[code] ?? (code.endsWith('_NOT_FOUND') ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR);
