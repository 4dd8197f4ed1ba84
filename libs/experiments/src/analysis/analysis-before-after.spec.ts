import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { AnalysisInput } from './analysis-input.js';
import { analyzeExperiment } from './analyze-experiment.js';

/**
 * Issue 20 point 3: the analysis reworked for 100,000 cases an arm (sorted arms, day sums for the
 * looks and guardrails, rank-counted bootstrap) against the analysis before it, on the data of the
 * e2e experiment analyses. Same verdicts, reasons, data hashes and every text; every number equal
 * to 1e-9 relative (sums in another order), except a z whose standard error is 0 (every case
 * alike): before, rounding noise made it some 1e16, now the 1e-9 floor makes it some 1e10; both
 * are certain crossings of the same sign. A candidate's verdict hash is a hash of its looks' z
 * values, so it follows their last bits; the data hash of the inputs is the same.
 */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/e2e-analyses.json', import.meta.url), 'utf8')) as {
  experiments: Array<{ input: AnalysisInput; before: unknown }>;
};

const CERTAIN = 1e6;

function differences(before: unknown, after: unknown, path: string, found: string[]): void {
  if (path.endsWith('.verdict.dataHash')) return;
  if (typeof before === 'number' && typeof after === 'number') {
    const close = before === after || Math.abs(before - after) <= 1e-9 * Math.max(1, Math.abs(before), Math.abs(after));
    const bothCertain = Math.abs(before) > CERTAIN && Math.abs(after) > CERTAIN && Math.sign(before) === Math.sign(after);
    if (!close && !bothCertain) found.push(`${path}: ${before} -> ${after}`);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) found.push(`${path}: ${before.length} items -> ${after.length}`);
    else before.forEach((item, i) => differences(item, after[i], `${path}[${i}]`, found));
    return;
  }
  if (before !== null && after !== null && typeof before === 'object' && typeof after === 'object') {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) differences((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], `${path}.${key}`, found);
    return;
  }
  if (before !== after) found.push(`${path}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
}

describe('the analysis before and after issue 20 point 3', () => {
  it.each(fixture.experiments.map((experiment, i) => [i, experiment.before, experiment.input] as const))('gives the e2e experiment %i the analysis it had', (_i, before, input) => {
    // given the cases and activities an e2e experiment's facts gave / when analysed now
    const sut = JSON.parse(JSON.stringify(analyzeExperiment(input)));
    // then the same verdict and data hash, every figure within 1e-9 relative
    expect(sut.verdict).toBe((before as { verdict: string }).verdict);
    expect(sut.dataHash).toBe((before as { dataHash: string }).dataHash);
    const found: string[] = [];
    differences(before, sut, 'analysis', found);
    expect(found).toEqual([]);
  });
});
