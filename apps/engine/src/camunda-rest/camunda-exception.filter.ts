import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from '../common/domain-exception.filter.js';
import { STATUS_FOR_CODE, type StatusForCode } from '../common/status-for-code.js';
import { camundaErrorOf } from './camunda-error.js';
import { sendCamundaJson } from './camunda-json.js';

/**
 * Errors under /engine-rest in Camunda 7's shape ({type, message}): the app's filter decides the
 * status and the message, this one only translates them, so both APIs refuse the same things.
 */
@Catch()
export class CamundaExceptionFilter implements ExceptionFilter {
  constructor(@Inject(STATUS_FOR_CODE) private readonly statusForCode: StatusForCode) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const tandem = toErrorBody(exception, this.statusForCode);
    const { status, body } = camundaErrorOf(tandem.statusCode, tandem.code, tandem.message, tandem.details);
    if (status === 401) response.setHeader('WWW-Authenticate', 'Basic realm="engine-rest"');
    const retryAfter = tandem.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    sendCamundaJson(response, status, body);
  }
}
