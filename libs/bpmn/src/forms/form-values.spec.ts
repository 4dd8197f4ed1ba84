import { describe, expect, it } from '@jest/globals';
import { settingValue } from './form-values.js';

describe('settingValue', () => {
  it('evaluates a FEEL setting over the form data, and leaves out one too costly to evaluate', () => {
    // given a bounded and a runaway FEEL setting
    const data = { amount: 40, n: 1e9 };
    // when each is read over the data
    const bounded = settingValue('= amount * 2', data);
    const runaway = settingValue('= count(for i in 1..n return i)', data);
    // then the first has its value, the second is not applied (as a failing expression is not)
    expect(bounded).toBe(80);
    expect(runaway).toBeUndefined();
  });
});
