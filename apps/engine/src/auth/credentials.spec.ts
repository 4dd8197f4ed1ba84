import { describe, expect, it } from '@jest/globals';
import { isDomainError } from '#core';
import { credentialsOf } from './credentials.js';

describe('credentialsOf', () => {
  it('reads a bearer token, an API key in either header, or nothing', () => {
    // when each form is presented, then it is read as such (the scheme in any case)
    expect(credentialsOf({ authorization: 'Bearer abc.def.ghi' })).toEqual({ kind: 'token', token: 'abc.def.ghi' });
    expect(credentialsOf({ authorization: 'bearer abc' })).toEqual({ kind: 'token', token: 'abc' });
    expect(credentialsOf({ authorization: 'ApiKey tdk_123' })).toEqual({ kind: 'apiKey', key: 'tdk_123' });
    expect(credentialsOf({ 'x-api-key': ' tdk_456 ' })).toEqual({ kind: 'apiKey', key: 'tdk_456' });
    expect(credentialsOf({})).toEqual({ kind: 'none' });
    expect(credentialsOf({ authorization: '', 'x-api-key': '' })).toEqual({ kind: 'none' });
  });

  it('takes the Authorization header over X-API-Key', () => {
    expect(credentialsOf({ authorization: 'Bearer t', 'x-api-key': 'k' })).toEqual({ kind: 'token', token: 't' });
  });

  it('refuses an Authorization header of another form instead of ignoring it', () => {
    // when a Basic header, a bare token and a bearer without a token are presented
    for (const authorization of ['Basic YW5hOnB3', 'abc.def.ghi', 'Bearer ', 'Bearer a b']) {
      let thrown: unknown;
      try {
        credentialsOf({ authorization });
      } catch (error) {
        thrown = error;
      }
      // then each is an authentication failure naming the accepted forms
      expect(isDomainError(thrown) && { code: thrown.code, message: thrown.message }).toEqual({
        code: 'AUTHENTICATION_FAILED',
        message: 'The Authorization header must read "Bearer <token>" or "ApiKey <key>"',
      });
    }
  });
});
