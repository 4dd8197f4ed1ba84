import type { NextFunction, Request, Response } from 'express';
import { APP_ERRORS } from './app-errors.js';
import { requestRefusal } from './request-refusal.js';

/** The NUL character, raw or percent-encoded. */
// eslint-disable-next-line no-control-regex -- matching the NUL character is the point.
const NUL_IN_URL = /%00|\u0000/i;

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): an id or filter holding one would fail
 * in the database (a 500). A path or query string with one is refused up front; JSON bodies are
 * checked by their reviver (json-body.ts).
 */
export const refuseNulInUrl = (request: Request, _response: Response, next: NextFunction): void => {
  if (!NUL_IN_URL.test(request.url)) return next();
  next(requestRefusal(APP_ERRORS.nulCharacter, 'The path or query string contains the NUL character (%00), which no text the engine stores can hold.'));
};
