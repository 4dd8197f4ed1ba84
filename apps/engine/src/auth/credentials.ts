import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '#core';
import { AUTH_ERRORS } from './auth-errors.js';

/** What a request presents: a log-in token, an API key, HTTP Basic (as Camunda 7 clients send it), or nothing. */
export type Credentials = { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'apiKey'; key: string } | { kind: 'basic'; username: string; password: string };

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const API_KEY = /^ApiKey\s+(\S+)\s*$/i;
const BASIC = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i;

/** `username:password` in base64 (RFC 7617); the password may hold colons, the username may not. */
const basicOf = (encoded: string): Credentials | undefined => {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/**
 * Reads `Authorization: Bearer <token>`, `Authorization: ApiKey <key>`, `Authorization: Basic
 * <base64 username:password>` (a Tandem user's password, or any username with an API key) or `X-API-Key: <key>`.
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
    const basic = BASIC.exec(authorization)?.[1];
    const credentials = basic === undefined ? undefined : basicOf(basic);
    if (credentials !== undefined) return credentials;
    throw new DomainError(AUTH_ERRORS.authenticationFailed, 'The Authorization header must read "Bearer <token>", "ApiKey <key>" or "Basic <base64 of username:password>"');
  }
  if (typeof apiKey === 'string' && apiKey !== '') return { kind: 'apiKey', key: apiKey.trim() };
  return { kind: 'none' };
};
