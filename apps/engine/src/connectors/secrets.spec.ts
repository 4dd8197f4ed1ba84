import { describe, expect, it } from '@jest/globals';
import { MissingSecretError, redactSecrets, resolveSecrets, secretNamesIn } from './secrets.js';

describe('connector secrets', () => {
  it('finds the secrets placeholders name anywhere in a value, each once', () => {
    // given placeholders in texts, a list and a nested context
    const value = { url: 'https://{{secrets.HOST}}/x', headers: { a: '{{ secrets.TOKEN }}', b: ['{{secrets.HOST}}'] }, n: 3 };
    // when / then
    expect(secretNamesIn(value)).toEqual(['HOST', 'TOKEN']);
  });

  it('resolves placeholders into a copy, leaving the value it was given untouched', () => {
    // given
    const value = { authentication: { type: 'bearer', token: '{{secrets.TOKEN}}' }, url: 'https://x/{{secrets.TENANT}}/y' };
    // when
    const sut = resolveSecrets(value, { TOKEN: 't-1', TENANT: 'north' });
    // then
    expect(sut).toEqual({ authentication: { type: 'bearer', token: 't-1' }, url: 'https://x/north/y' });
    expect(value.authentication.token).toBe('{{secrets.TOKEN}}');
  });

  it('refuses a placeholder naming no configured secret, naming the secret and not any value', () => {
    // when
    const resolving = () => resolveSecrets({ token: '{{secrets.MISSING}}' }, { OTHER: 'value-1' });
    // then
    expect(resolving).toThrow(MissingSecretError);
    expect(resolving).toThrow("secret 'MISSING', which is not configured");
  });

  it('masks every occurrence of the secrets values, deeply', () => {
    // when
    const sut = redactSecrets({ headers: { seen: 'Bearer t-1' }, list: ['t-1t-1'], status: 200 }, ['t-1']);
    // then
    expect(sut).toEqual({ headers: { seen: 'Bearer ***' }, list: ['******'], status: 200 });
  });
});
