import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '#core';
import { statusForCode } from '../error-status.js';
import { toErrorBody as toErrorBodyWith } from './domain-exception.filter.js';

/** The filter's answers under the app's own map of statuses. */
const toErrorBody = (exception: unknown) => toErrorBodyWith(exception, statusForCode);

describe('toErrorBody', () => {
  it('answers a model with errors with 422 and the problem list', () => {
    // given a deployment refused for its problems
    const problems = [{ elementId: 'investigate', rule: 'supported-element', severity: 'error', message: 'not supported' }];
    // when it becomes an answer
    const sut = toErrorBody(new DomainError('BPMN_INVALID', 'The model has 1 error(s)', { problems }));
    // then the status, code and problems are kept
    expect(sut).toEqual({ statusCode: 422, code: 'BPMN_INVALID', message: 'The model has 1 error(s)', details: { problems } });
  });

  it.each([
    ['BPMN_MALFORMED', 400],
    ['PROCESS_NOT_FOUND', 404],
    ['TASK_NOT_FOUND', 404],
    ['ACTIVITY_NOT_ACTIVE', 409],
    ['REVISION_CONFLICT', 409],
    ['EXTERNAL_TASK_NOT_LOCKED', 409],
    ['TASK_CLAIMED_BY_OTHER', 403],
    ['GATEWAY_NO_MATCH', 422],
  ])('maps %s to %i', (code, statusCode) => {
    // when a domain error with that code becomes an answer
    const sut = toErrorBody(new DomainError(code, 'message'));
    // then it has the status of its code
    expect(sut).toEqual(expect.objectContaining({ statusCode, code }));
  });

  it('answers a database out of reach with 503 DATABASE_UNAVAILABLE and a retry delay, whatever its shape', () => {
    // given a refused connection wrapped by TypeORM, and the domain error of the same meaning
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const errors = [new QueryFailedError('SELECT 1', [], refused), new DomainError('DATABASE_UNAVAILABLE', 'The database does not answer')];
    // when they become answers
    const sut = errors.map(toErrorBody);
    // then both are 503 with the Retry-After delay and nothing of the internals
    for (const body of sut) expect(body).toEqual(expect.objectContaining({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', details: { retryAfterSeconds: 5 } }));
    expect(JSON.stringify(sut)).not.toContain('127.0.0.1');
  });

  it('names TANDEM_ANALYTICS_DATABASE_URL when the database out of reach is the analytics one, and only then', () => {
    // given a refused connection of a report on the analytics database (sql.ts tags it), and the same on the primary
    const onAnalytics = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED', database: 'analytics' });
    const onPrimary = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    // when they become answers
    const [analytics, primary] = [onAnalytics, onPrimary].map(toErrorBody);
    // then both are 503; the analytics one names its setting and says the engine is unaffected
    expect(analytics).toEqual({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: expect.stringContaining('TANDEM_ANALYTICS_DATABASE_URL'),
      details: { database: 'analytics', setting: 'TANDEM_ANALYTICS_DATABASE_URL', retryAfterSeconds: 5 },
    });
    expect(analytics.message).toContain('the engine itself is unaffected');
    expect(primary.message).not.toContain('TANDEM_ANALYTICS_DATABASE_URL');
  });

  it('answers anything it does not know with a 500 that reveals nothing', () => {
    // given an unexpected error and a domain error with an unmapped code, both with internal details
    const errors = [new Error('relation "instance" does not exist'), new DomainError('SOMETHING_NEW', 'secret', { sql: 'SELECT' })];
    // when they become answers
    const sut = errors.map(toErrorBody);
    // then both are the same generic 500
    for (const body of sut) expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });

  it('answers a domain error that Nest wrapped in an HTTP error (an Express-level hook refused the request) by its own code', () => {
    // given a body refused before Nest saw it, wrapped as Nest wraps body-parser errors
    const wrapped = new HttpException('too deep', 400, { cause: new DomainError('BODY_TOO_DEEP', 'The JSON body nests too deep.', { limit: 64 }) });
    // when it becomes an answer, then it is the domain error's
    expect(toErrorBody(wrapped)).toEqual({ statusCode: 400, code: 'BODY_TOO_DEEP', message: 'The JSON body nests too deep.', details: { limit: 64 } });
  });

  it("keeps the status of Nest's HTTP errors and names validation failures", () => {
    // when a validation failure, an unknown route and an oversized body become answers
    const validation = toErrorBody(new BadRequestException(['variables must be an object']));
    const notFound = toErrorBody(new NotFoundException('Cannot GET /api/nothing'));
    const tooLarge = toErrorBody(new PayloadTooLargeException('request entity too large'));
    // then each keeps its status with a code
    expect(validation).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'variables must be an object',
      details: { errors: ['variables must be an object'] },
    });
    expect(notFound).toEqual(expect.objectContaining({ statusCode: 404, code: 'NOT_FOUND' }));
    expect(tooLarge).toEqual(expect.objectContaining({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' }));
  });
});
