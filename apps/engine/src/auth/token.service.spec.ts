import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, randomUUID } from 'node:crypto';
import { TokenService } from './token.service.js';

const jwt = new JwtService({
  secret: createSecretKey(Buffer.from('token-service-spec-secret-of-enough-length')),
  signOptions: { algorithm: 'HS256', expiresIn: 60, issuer: 'tandem' },
  verifyOptions: { algorithms: ['HS256'], issuer: 'tandem' },
});
const user = { id: randomUUID(), username: 'ana', tokenVersion: 3 };

describe('TokenService', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers the claims of a token each time it is shown', async () => {
    // given a token issued for ana's session
    const sut = new TokenService(jwt);
    const sessionId = randomUUID();
    const { token } = sut.issue(user, sessionId);
    // when it is verified twice
    const first = await sut.verify(token);
    const second = await sut.verify(token);
    // then both times it names ana, her token version and the session
    expect(first).toEqual({ sub: user.id, username: 'ana', ver: 3, sid: sessionId });
    expect(second).toEqual(first);
  });

  it('refuses a token once it has expired, though it was verified before', async () => {
    // given a token with a 60 s lifetime, verified while valid
    jest.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z') });
    const sut = new TokenService(jwt);
    const { token } = sut.issue(user, randomUUID());
    await sut.verify(token);
    // when the clock reaches its expiry
    jest.setSystemTime(new Date('2026-12-07T10:01:00Z'));
    // then it is refused as expired, and stays refused
    await expect(sut.verify(token)).rejects.toThrow('The token has expired: sign in again');
    await expect(sut.verify(token)).rejects.toThrow('The token has expired: sign in again');
  });

  it('refuses a token whose payload was changed after a genuine one was verified', async () => {
    // given a genuine token, verified
    const sut = new TokenService(jwt);
    const { token } = sut.issue(user, randomUUID());
    await sut.verify(token);
    // when its payload claims another user under the same signature
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, username: 'admin' })).toString('base64url'), signature].join('.');
    // then the forged token is refused
    await expect(sut.verify(forged)).rejects.toThrow('The token is not valid');
  });
});
