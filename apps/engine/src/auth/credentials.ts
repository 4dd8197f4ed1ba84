import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '#core';
import { AUTH_ERRORS } from './auth-errors.js';

/** What a request presents: a log-in token, an API key, or nothing. */
export type Credentials = { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'apiKey'; key: string };

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const API_KEY = /^ApiKey\s+(\S+)\s*$/i;

/**
 * Reads `Authorization: Bearer <token>`, `Authorization: ApiKey <key>` or `X-API-Key: <key>`.
 * An Authorization header of another form is refused rather than ignored, so a typo is not
 * mistaken for a missing header.
 */
export const credentialsOf = (headers: IncomingHttpHeaders): Credentials => {
  const authorization = headers.authorization;
  const apiKey = headers['x-api-key'];
  if (authorization !== undefined && authorization !== '') {
    const token = BEARER.exec(authorization)?.[1];
    if (token !== undefined) return { kind: 'token', token };
    const key = API_KEY.exec(authorization)?.[1];
    if (key !== undefined) return { kind: 'apiKey', key };
    throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The Authorization header must read "Bearer <token>" or "ApiKey <key>"');
  }
  if (typeof apiKey === 'string' && apiKey !== '') return { kind: 'apiKey', key: apiKey.trim() };
  return { kind: 'none' };
};
