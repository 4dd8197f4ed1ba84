import { describe, expect, it } from '@jest/globals';
import { ConnectorInputError, readHttpJsonRequest } from './http-json-request.js';

describe('readHttpJsonRequest', () => {
  it("reads a call from the job's variables as Camunda's REST connector does", () => {
    // when
    const sut = readHttpJsonRequest({
      method: 'post',
      url: 'https://api.example.com/orders?x=1',
      headers: { 'X-Tenant': 'north' },
      queryParameters: { priority: 'high', page: 2 },
      body: { orderId: 'A-1' },
      authentication: { type: 'basic', username: 'ada', password: 'pw' },
      connectionTimeoutInSeconds: '5',
    });
    // then
    expect(sut).toMatchObject({ method: 'POST', body: { orderId: 'A-1' }, connectionTimeoutMs: 5000, readTimeoutMs: 20_000 });
    expect(sut.url.toString()).toBe('https://api.example.com/orders?x=1&priority=high&page=2');
    expect(sut.headers).toEqual({ 'x-tenant': 'north', authorization: `Basic ${Buffer.from('ada:pw').toString('base64')}`, 'content-type': 'application/json' });
  });

  it('sends a bearer token, and no body on GET', () => {
    // when
    const sut = readHttpJsonRequest({ url: 'http://x.example', body: { ignored: true }, authentication: { type: 'bearer', token: 't' } });
    // then
    expect(sut).toMatchObject({ method: 'GET', headers: { authorization: 'Bearer t' } });
    expect(sut.body).toBeUndefined();
  });

  it.each([
    ['no url', {}, "'url' is missing"],
    ['a relative url', { url: '/orders' }, "'url' is not an absolute URL"],
    ['another protocol', { url: 'file:///etc/passwd' }, 'must use http or https, not file'],
    ['an unknown method', { url: 'http://x.example', method: 'FETCH' }, '\'method\' is "FETCH"'],
    ['an unsupported authentication', { url: 'http://x.example', authentication: { type: 'oauth-client-credentials-flow' } }, 'supports noAuth, basic and bearer'],
    ['headers that are no context', { url: 'http://x.example', headers: 'a: b' }, "'headers' must be a context"],
    ['a timeout that is no number', { url: 'http://x.example', connectionTimeoutInSeconds: 'soon' }, "'connectionTimeoutInSeconds' must be a number"],
  ])('refuses %s, naming the input', (_case, variables, message) => {
    // when
    const reading = () => readHttpJsonRequest(variables);
    // then
    expect(reading).toThrow(ConnectorInputError);
    expect(reading).toThrow(message);
  });
});
