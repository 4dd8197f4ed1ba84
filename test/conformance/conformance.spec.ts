import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { runRefused, runScenario } from './run-scenario.js';
import { REFUSED, SCENARIOS } from './scenarios/index.js';

/**
 * The BPMN conformance suite: one small model per behavior in `models/`, run against the pure
 * engine command by command (see `conformance-scenario.ts` for the shape of a scenario).
 */
describe('BPMN conformance', () => {
  for (const [area, scenarios] of Object.entries(SCENARIOS)) {
    describe(area, () => {
      for (const scenario of scenarios) it(scenario.name, () => runScenario(scenario));
    });
  }

  describe('refused at deploy', () => {
    for (const scenario of REFUSED) it(scenario.name, () => runRefused(scenario));
  });

  it('runs every model in models/ and names every behavior once', () => {
    // given
    const all = [...Object.values(SCENARIOS).flat(), ...REFUSED];
    const models = readdirSync(new URL('./models/', import.meta.url)).map((file) => file.replace(/\.bpmn$/, ''));

    // then
    expect([...new Set(all.map(({ model }) => model))].sort()).toEqual(models.sort());
    expect(new Set(all.map(({ name }) => name)).size).toBe(all.length);
  });
});
