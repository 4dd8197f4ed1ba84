import { matchesAnything, unaryTestsSyntaxError } from './unary-tests-syntax.js';

describe('unaryTestsSyntaxError', () => {
  it.each(['< 1000', '[1..5]', '"gold","silver"', 'not("x")', '-', '', 'null, <= 3000', '? > 3'])('accepts the input entry %j', (entry) => {
    expect(unaryTestsSyntaxError(entry)).toBeUndefined();
  });

  it.each([
    ['> 3 and', 7],
    ['[1..', 4],
    ['"unterminated', 0],
  ])('names the position of the syntax error in %j', (entry, position) => {
    expect(unaryTestsSyntaxError(entry)).toBe(`syntax error at character ${position + 1} of "${entry}"`);
  });
});

describe('matchesAnything', () => {
  it.each([
    ['-', true],
    [' - ', true],
    ['', true],
    ['"-"', false],
    ['< 1', false],
  ])('says whether %j is the any-value entry', (entry, expected) => {
    expect(matchesAnything(entry)).toBe(expected);
  });
});
