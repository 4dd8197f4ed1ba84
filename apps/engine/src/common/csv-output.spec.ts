import { describe, expect, it } from '@jest/globals';
import { formulaSafe, writeCsv } from './csv-output.js';

describe('formulaSafe', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+cmd|/c calc', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', '-Infinity', '-'])(
    'quotes %j, which a spreadsheet would read as a formula',
    (text) => {
      // when / then
      expect(formulaSafe(text)).toBe(`'${text}`);
    },
  );

  it.each(['-0.25', '-1', '-1.5e-7', '-.5', 'Task_A', 'a=b', '', ' =1'])('leaves %j as it is: a number literal or text that does not start a formula', (text) => {
    // when / then
    expect(formulaSafe(text)).toBe(text);
  });
});

describe('writeCsv', () => {
  it('neutralizes formula text in every cell, keeps numbers as numbers, and keeps the header', () => {
    // given rows with a formula business key, a negative number and a negative number written as text
    const rows = [{ businessKey: '=HYPERLINK("http://x","y")', delta: -3, value: '-0.5', name: '@me' }];
    // when they are written
    const [header, line] = writeCsv(rows, { header: true, columns: ['businessKey', 'delta', 'value', 'name'] })
      .trim()
      .split('\n');
    // then the formula and the at sign become text, the figures stay figures
    expect(header).toBe('businessKey,delta,value,name');
    expect(line).toBe(`"'=HYPERLINK(""http://x"",""y"")",-3,-0.5,'@me`);
  });

  it('neutralizes array rows too', () => {
    // when / then
    expect(writeCsv([['section', '+x']])).toBe("section,'+x\n");
  });
});
