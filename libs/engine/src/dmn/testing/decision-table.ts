import type { Aggregation, DecisionTable, HitPolicy, OutputValue } from '#bpmn';

/** A compact decision table for engine tests; libs/bpmn tests cover how DMN XML compiles to it. */
export interface TableSpec {
  hitPolicy?: HitPolicy;
  aggregation?: Aggregation;
  /** Input expressions, one column each (ids i1, i2, ...). */
  inputs: string[];
  /** Output names, or a name with its values list in priority order (ids o1, o2, ...). */
  outputs: Array<string | { name: string; values: OutputValue[] }>;
  /** One row per rule: input entries then output entries (ids r1, r2, ...). */
  rules: string[][];
}

export const decisionTable = ({ hitPolicy = 'UNIQUE', aggregation, inputs, outputs, rules }: TableSpec): DecisionTable => ({
  id: 'd',
  name: 'Decision',
  hitPolicy,
  ...(aggregation && { aggregation }),
  inputs: inputs.map((expression, index) => ({ id: `i${index + 1}`, label: expression, expression })),
  outputs: outputs.map((output, index) => ({ id: `o${index + 1}`, ...(typeof output === 'string' ? { name: output } : output) })),
  rules: rules.map((cells, index) => ({
    id: `r${index + 1}`,
    inputEntries: cells.slice(0, inputs.length),
    outputEntries: cells.slice(inputs.length),
  })),
});
