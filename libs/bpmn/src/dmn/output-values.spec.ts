import { readOutputValues } from './output-values.js';

describe('readOutputValues', () => {
  it.each([
    ['"high","medium","low"', ['high', 'medium', 'low']],
    ['1, 2, 3', [1, 2, 3]],
    ['true,false', [true, false]],
  ])('reads %j as literals in priority order', (text, values) => {
    expect(readOutputValues(text)).toEqual(values);
  });

  it.each(['', '< 5', '[1..5]', '"a", < 5', '"unterminated', 'date("2024-01-01")'])('ranks nothing for %j', (text) => {
    expect(readOutputValues(text)).toBeUndefined();
  });
});
