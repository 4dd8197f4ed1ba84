import { describe, expect, it } from '@jest/globals';
import { retryBackoffMs } from './http-json-connector.service.js';
import { ConnectorInputError } from './http-json-request.js';
import { resultVariables } from './result-mapping.js';

const response = { status: 200, headers: { 'content-type': 'application/json' }, body: { main: { temp: 21 } } };

describe('resultVariables', () => {
  it('stores the whole response in resultVariable and the entries of resultExpression as variables', () => {
    // when
    const sut = resultVariables({ resultVariable: 'weather', resultExpression: '={temperature: response.body.main.temp, ok: response.status = 200}' }, response, 'task');
    // then
    expect(sut).toEqual({ weather: response, temperature: 21, ok: true });
  });

  it('completes with no variables when neither header is set', () => {
    expect(resultVariables({}, response, 'task')).toEqual({});
  });

  it.each([
    ['yields no context', '=response.status', 'must yield a context'],
    ['does not parse', '={temperature: response.body.main.temp +}', "The task header 'resultExpression' failed"],
  ])('refuses a resultExpression that %s', (_case, resultExpression, message) => {
    const mapping = () => resultVariables({ resultExpression }, response, 'task');
    expect(mapping).toThrow(ConnectorInputError);
    expect(mapping).toThrow(message);
  });
});

describe('retryBackoffMs', () => {
  it.each([
    [undefined, 0],
    ['PT0S', 0],
    ['PT30S', 30_000],
    ['PT1M30S', 90_000],
    ['PT2H', 7_200_000],
    ['soon', 0],
  ])('reads the retryBackoff header %s as %d ms', (header, expected) => {
    expect(retryBackoffMs(header)).toBe(expected);
  });
});
