import { describe, expect, it } from '@jest/globals';
import { impureSources } from '../../../test/support/purity.js';

// dependency-cruiser keeps frameworks and I/O out (.dependency-cruiser.cjs); this keeps hidden
// time and randomness out, so a seed and the parameters replay every run exactly.
describe('libs/simulation purity', () => {
  it('reads no clock, no global randomness and no environment', () => {
    const { files, offenders } = impureSources(new URL('.', import.meta.url).pathname);
    expect(files).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});
