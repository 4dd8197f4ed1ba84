import type { Random } from '#experiments';
import { choose, sample } from './distributions.js';
import type { VariableSpec } from './parameters.js';

/** The start variables of one new case, drawn in the order the parameters list them. */
export function drawVariables(specs: Readonly<Record<string, VariableSpec>>, random: Random): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'choice') variables[name] = choose(spec.weights, random);
    else if (spec.kind === 'number') {
      const factor = 10 ** (spec.decimals ?? 0);
      variables[name] = Math.round(sample(spec.distribution, random) * factor) / factor;
    } else variables[name] = structuredClone(spec.value);
  }
  return variables;
}
