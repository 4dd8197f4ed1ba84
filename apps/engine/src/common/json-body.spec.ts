import { describe, expect, it } from '@jest/globals';
import { jsonNestsDeeperThan, refuseUnstorableEntries } from './json-body.js';

const text = (json: string) => Buffer.from(json);

describe('jsonNestsDeeperThan', () => {
  it('counts objects and arrays alike, up to the limit and no further', () => {
    // given bodies nested exactly 3 levels deep, mixing objects and arrays
    const three = [text('{"a":[{"b":1}]}'), text('[[[]]]'), text('{"a":{"b":{}},"c":[]}')];
    // when each is checked against limits of 3 and 2
    // then 3 levels pass a limit of 3 and fail one of 2
    for (const body of three) {
      expect(jsonNestsDeeperThan(body, 3)).toBe(false);
      expect(jsonNestsDeeperThan(body, 2)).toBe(true);
    }
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    // given a flat object whose strings are full of brackets and an escaped quote
    const sut = text(JSON.stringify({ note: '[[[[{{{{', quoted: 'say "[[[[" twice', more: '\\[[[' }));
    // when it is checked against a limit of 1, then it passes
    expect(jsonNestsDeeperThan(sut, 1)).toBe(false);
  });

  it('finds the depth of a body nested ten thousand levels deep without recursing', () => {
    // given a body far deeper than any limit
    const sut = text(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    // when it is checked, then it is too deep
    expect(jsonNestsDeeperThan(sut, 64)).toBe(true);
  });
});

describe('refuseUnstorableEntries', () => {
  it('refuses __proto__, constructor and prototype at any depth, naming the key, and keeps everything else', () => {
    // given bodies with prototype keys nested, and one without
    const nested = ['{"variables": {"__proto__": {"x": 1}}}', '{"a": [{"constructor": 1}]}', '{"prototype": null}'];
    // when they are parsed with the reviver
    // then each forbidden key is named, and an ordinary body parses as it is
    for (const [index, key] of ['__proto__', 'constructor', 'prototype'].entries()) {
      expect(() => JSON.parse(nested[index], refuseUnstorableEntries)).toThrow(`"${key}"`);
    }
    expect(JSON.parse('{"customer": {"name": "Ann", "proto": 1}}', refuseUnstorableEntries)).toEqual({ customer: { name: 'Ann', proto: 1 } });
  });
});

describe('refuseUnstorableEntries and the NUL character', () => {
  it('refuses the NUL character in a text value or a key, naming the entry', () => {
    // when bodies with NUL in a value and in a key are parsed
    const inValue = () => JSON.parse('{"groupId": "first\\u0000line"}', refuseUnstorableEntries);
    const inKey = () => JSON.parse('{"variables": {"a\\u0000b": 1}}', refuseUnstorableEntries);
    // then both are refused, the first naming its entry
    expect(inValue).toThrow('"groupId" holds the NUL character');
    expect(inKey).toThrow('NUL character');
  });
});
