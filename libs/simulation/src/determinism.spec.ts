import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { simulate, type SimulationResult } from './simulate.js';
import { compileModel, referenceProcessUrl } from './testing/models.js';
import { asIsParameters } from './testing/service-desk.js';

describe('a simulation run', () => {
  let first: SimulationResult;
  let again: SimulationResult;
  let otherSeed: SimulationResult;
  beforeAll(async () => {
    const graph = await compileModel(readFileSync(referenceProcessUrl('as-is.bpmn'), 'utf8'));
    const parameters = asIsParameters(42, 1);
    first = simulate({ graph, processVersionId: 'as-is', parameters });
    again = simulate({ graph, processVersionId: 'as-is', parameters: structuredClone(parameters) });
    otherSeed = simulate({ graph, processVersionId: 'as-is', parameters: asIsParameters(43, 1) });
  });

  it('replays exactly for the same seed and parameters', () => {
    expect(first.steps.length).toBeGreaterThan(1000);
    expect(again).toEqual(first);
  });

  it('differs for another seed', () => {
    expect(otherSeed.cases.map(({ startedAt }) => startedAt)).not.toEqual(first.cases.map(({ startedAt }) => startedAt));
  });

  it('keeps the start variables of the mix on each case record, not the branch draws', () => {
    for (const record of first.cases) {
      expect(['inquiry', 'transactional', 'complaint']).toContain(record.variables.category);
      expect(['gold', 'standard']).toContain(record.variables.customerTier);
      expect(record.businessKey).toMatch(/^customer-\d+$/);
      expect(record.variables).not.toHaveProperty('simulationBranch');
    }
  });
});
