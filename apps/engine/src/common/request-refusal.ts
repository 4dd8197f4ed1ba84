import { DomainError, type ErrorCodeOf } from '#core';
import type { APP_ERRORS } from './app-errors.js';

/**
 * A domain error raised by an Express-level hook (a body parser's `verify`, a middleware), which
 * runs before Nest: the 400 status lets Nest's adapter wrap it, and the exception filter then answers
 * it by its code like any other domain error.
 */
export const requestRefusal = (code: ErrorCodeOf<typeof APP_ERRORS>, message: string, details?: Record<string, unknown>): DomainError =>
  Object.assign(new DomainError(code, message, details), { status: 400, statusCode: 400, expose: true });
