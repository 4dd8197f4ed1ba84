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

  it('reads HTTP Basic as Camunda 7 clients send it, a password with colons included', () => {
    // given ana's password, and an API key with any username
    const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
    // when each is presented, then username and password are read apart at the first colon
    expect(credentialsOf({ authorization: basic('ana:pa:ss') })).toEqual({ kind: 'basic', username: 'ana', password: 'pa:ss' });
    expect(credentialsOf({ authorization: `basic ${Buffer.from('worker:tdk_abc').toString('base64')}` })).toEqual({ kind: 'basic', username: 'worker', password: 'tdk_abc' });
  });

  it('takes the Authorization header over X-API-Key', () => {
    expect(credentialsOf({ authorization: 'Bearer t', 'x-api-key': 'k' })).toEqual({ kind: 'token', token: 't' });
  });

  it('refuses an Authorization header of another form instead of ignoring it', () => {
    // when a Basic header, a bare token and a bearer without a token are presented
    for (const authorization of ['Basic YW5h', 'Basic OnB3', 'Basic !!', 'abc.def.ghi', 'Bearer ', 'Bearer a b']) {
      let thrown: unknown;
      try {
        credentialsOf({ authorization });
      } catch (error) {
        thrown = error;
      }
      // then each is an authentication failure naming the accepted forms
      expect(isDomainError(thrown) && { code: thrown.code, message: thrown.message }).toEqual({
        code: 'AUTHENTICATION_FAILED',
        message: 'The Authorization header must read "Bearer <token>", "ApiKey <key>" or "Basic <base64 of username:password>"',
      });
    }
  });
});
