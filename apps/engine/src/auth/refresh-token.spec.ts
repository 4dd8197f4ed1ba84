import { describe, expect, it } from '@jest/globals';
import { newRefreshToken, sessionIdOf } from './refresh-token.js';

const SESSION = '0b7c2a52-3f7e-4c1a-9d55-6e2f0f3f6a10';

describe('refresh tokens', () => {
  it('name their session and carry a fresh secret each time', () => {
    // when two tokens are made for one session
    const first = newRefreshToken(SESSION);
    const second = newRefreshToken(SESSION);
    // then both name it, and they differ
    expect(sessionIdOf(first)).toBe(SESSION);
    expect(sessionIdOf(second)).toBe(SESSION);
    expect(first).not.toBe(second);
  });

  it('are not taken apart when they are not one', () => {
    // given texts that only look like refresh tokens
    const secret = newRefreshToken(SESSION).split('.')[1];
    const texts = ['', SESSION, `${SESSION}.`, `not-a-uuid.${secret}`, `${SESSION}.short`, `${SESSION}.${secret}.more`, `${SESSION}.${secret.slice(1)}!`];
    // then none names a session
    expect(texts.map(sessionIdOf)).toEqual(texts.map(() => null));
  });
});
