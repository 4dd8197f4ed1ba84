import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Inject, Logger } from '@nestjs/common';
import { isDomainError } from '#core';
import { ANALYTICS_DATABASE, databaseOfError } from '#persistence';
import type { Response } from 'express';
import { APP_ERRORS } from './app-errors.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';
import { IdempotentReplay, sendReplay } from './idempotent-replay.js';
import { STATUS_FOR_CODE, type StatusForCode } from './status-for-code.js';

/** Every error answer has this shape. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_REQUEST',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/**
 * The one place errors become HTTP answers: domain error codes map to statuses, Nest's own HTTP
 * errors (validation, unknown routes, body and upload limits) keep theirs, a database out of reach
 * is a 503 with Retry-After, and anything else is a 500 that tells the client nothing about the
 * internals.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(@Inject(STATUS_FOR_CODE) private readonly statusForCode: StatusForCode) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof IdempotentReplay) {
      sendReplay(host.switchToHttp().getResponse<Response>(), exception);
      return;
    }
    const body = toErrorBody(exception, this.statusForCode);
    // An outage fails every request alike: one line each, not a stack trace each.
    if (body.code === APP_ERRORS.databaseUnavailable) this.logger.warn(`${body.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    const response = host.switchToHttp().getResponse<Response>();
    const retryAfter = body.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}

export const toErrorBody = (exception: unknown, statusForCode: StatusForCode): ErrorBody => {
  if (isDatabaseUnavailable(exception)) {
    return databaseOfError(exception) === ANALYTICS_DATABASE
      ? databaseUnavailable(statusForCode, ANALYTICS_UNAVAILABLE, { database: ANALYTICS_DATABASE, setting: ANALYTICS_SETTING })
      : databaseUnavailable(statusForCode);
  }
  if (isDomainError(exception)) {
    if (exception.code === APP_ERRORS.databaseUnavailable) return databaseUnavailable(statusForCode, exception.message);
    const statusCode = statusForCode(exception.code);
    if (statusCode >= 500) return internalError();
    return {
      statusCode,
      code: exception.code,
      message: exception.message,
      ...(exception.details !== undefined && { details: exception.details }),
    };
  }
  // An Express-level hook refused the request with a domain error (BODY_TOO_DEEP, NUL_CHARACTER), which Nest wrapped.
  if (exception instanceof HttpException && isDomainError(exception.cause)) return toErrorBody(exception.cause, statusForCode);
  if (exception instanceof HttpException) return fromHttpException(exception);
  return internalError();
};

const fromHttpException = (exception: HttpException): ErrorBody => {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const messages = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  // The ValidationPipe answers with one message per failed constraint, each naming its field.
  if (Array.isArray(messages)) {
    return {
      statusCode,
      code: 'VALIDATION_FAILED',
      message: messages.join('; '),
      details: { errors: messages },
    };
  }
  // Nest turns body-parser's errors into HTTP exceptions; a body that does not parse has a SyntaxError cause.
  const malformed = statusCode === HttpStatus.BAD_REQUEST && exception.cause instanceof SyntaxError;
  return {
    statusCode,
    code: malformed ? 'BODY_MALFORMED' : (CODE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR')),
    message: typeof messages === 'string' ? messages : exception.message,
  };
};

const databaseUnavailable = (statusForCode: StatusForCode, message = 'The database is unavailable; try again shortly', details: Record<string, unknown> = {}): ErrorBody => ({
  statusCode: statusForCode(APP_ERRORS.databaseUnavailable),
  code: APP_ERRORS.databaseUnavailable,
  message,
  details: { ...details, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
});

/** The setting of the database reports read from (docs/operations.md, "Reports on a read replica"). */
const ANALYTICS_SETTING = 'TANDEM_ANALYTICS_DATABASE_URL';

/** Only reports read there: the engine itself goes on working. */
const ANALYTICS_UNAVAILABLE = `The analytics database (${ANALYTICS_SETTING}) is unavailable: reports answer again once it is back; the engine itself is unaffected`;

const internalError = (): ErrorBody => ({
  statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
  code: 'INTERNAL_ERROR',
  message: 'Internal server error',
});
