import { describe, expect, it } from '@jest/globals';
import { isDomainError } from '#core';
import { plainVariablesOf, typedVariablesOf } from './camunda-variables.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('not refused');
};

describe('Camunda typed variables', () => {
  it('reads every supported type, in any case, as plain JSON', () => {
    // given typed values as Camunda and its JS client write them
    const sut = plainVariablesOf('variables', {
      text: { value: 'a', type: 'String' },
      flag: { value: true, type: 'boolean' },
      count: { value: 7, type: 'Integer' },
      big: { value: 2 ** 40, type: 'Long' },
      ratio: { value: 0.5, type: 'Double' },
      when: { value: '2026-01-05T09:30:00.000+0000', type: 'Date' },
      order: { value: '{"lines":[1,2]}', type: 'json' },
      object: { value: '{"a":1}', type: 'Object', valueInfo: { serializationDataFormat: 'application/json', objectTypeName: 'Order' } },
      nothing: { value: null, type: 'Null' },
      untyped: { value: 3 },
    });
    // then each is its plain value
    expect(sut).toEqual({
      text: 'a',
      flag: true,
      count: 7,
      big: 2 ** 40,
      ratio: 0.5,
      when: '2026-01-05T09:30:00.000Z',
      order: { lines: [1, 2] },
      object: { a: 1 },
      nothing: null,
      untyped: 3,
    });
    expect(plainVariablesOf('variables', undefined)).toBeUndefined();
  });

  it('writes plain values typed as Camunda does, objects as serialized Json, only the names asked for', () => {
    const sut = typedVariablesOf({ a: 'x', n: 1, l: 2 ** 40, d: 1.5, b: false, o: { k: [1] }, z: null }, ['a', 'n', 'l', 'd', 'b', 'o', 'z']);
    expect(sut).toEqual({
      a: { value: 'x', type: 'String', valueInfo: {} },
      n: { value: 1, type: 'Integer', valueInfo: {} },
      l: { value: 2 ** 40, type: 'Long', valueInfo: {} },
      d: { value: 1.5, type: 'Double', valueInfo: {} },
      b: { value: false, type: 'Boolean', valueInfo: {} },
      o: { value: '{"k":[1]}', type: 'Json', valueInfo: {} },
      z: { value: null, type: 'Null', valueInfo: {} },
    });
    expect(Object.keys(typedVariablesOf({ a: 1, b: 2 }, ['b']))).toEqual(['b']);
  });

  it('refuses a value not of its type, an unknown type and Java serialization, naming the variable', () => {
    expect(refusal(() => plainVariablesOf('variables', { count: { value: 'seven', type: 'Integer' } }))).toBe(
      `CAMUNDA_INVALID_REQUEST: variables.count: cannot convert value '"seven"' of type 'Integer'`,
    );
    expect(refusal(() => plainVariablesOf('variables', { count: { value: 2 ** 40, type: 'Integer' } }))).toMatch(/^CAMUNDA_INVALID_REQUEST: variables.count: cannot convert/);
    expect(refusal(() => plainVariablesOf('localVariables', { f: { value: 'x', type: 'File' } }))).toMatch(
      /^CAMUNDA_INVALID_REQUEST: localVariables.f: the variable type 'File' is not supported/,
    );
    expect(
      refusal(() => plainVariablesOf('variables', { o: { value: 'rO0AB', type: 'Object', valueInfo: { serializationDataFormat: 'application/x-java-serialized-object' } } })),
    ).toMatch(/variables.o: an Object variable must be serialized as application\/json/);
    expect(refusal(() => plainVariablesOf('variables', { j: { value: '{oops', type: 'Json' } }))).toMatch(/variables.j: cannot convert/);
    expect(refusal(() => plainVariablesOf('variables', ['a']))).toMatch(/variables must be an object of typed values/);
    expect(refusal(() => plainVariablesOf('variables', { a: 5 }))).toMatch(/variables.a must be a typed value/);
  });
});
