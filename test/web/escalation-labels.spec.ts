import { describe, expect, it } from '@jest/globals';
import { reasonLabel } from '../../apps/web/src/tasklist/escalation-labels.js';

describe('escalation reason labels', () => {
  it('words the default reason codes, and a configured one from its code', () => {
    expect(reasonLabel('needs-expertise')).toBe('Needs expertise');
    expect(reasonLabel('policy-limit')).toBe('Over the policy limit');
    expect(reasonLabel('fraud-suspected')).toBe('Fraud suspected');
  });
});
