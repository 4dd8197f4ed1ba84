import type { DmnElement } from 'dmn-moddle';
import type { Aggregation, DecisionTable, HitPolicy, InputClause, OutputClause } from '../decision-table.js';
import { readOutputValues } from '../output-values.js';
import { inputHeading, tablesOf, viewDecisions, type PartView } from '../validate/decision-view.js';

const textOf = (element: DmnElement | undefined): string => (typeof element?.text === 'string' ? element.text.trim() : '');

/** Compiles the decision tables of a document that validated without errors into plain JSON. */
export function compileDmn(definitions: DmnElement): DecisionTable[] {
  return tablesOf(viewDecisions(definitions)).map(({ id, decision, table, inputs, outputs, rules }) => ({
    id,
    name: decision.name ?? id,
    hitPolicy: (table.hitPolicy ?? 'UNIQUE') as HitPolicy,
    ...(table.aggregation && { aggregation: table.aggregation as Aggregation }),
    inputs: inputs.map(compileInput),
    outputs: outputs.map(compileOutput),
    rules: rules.map((rule) => ({
      id: rule.id,
      inputEntries: (rule.element.inputEntry ?? []).map(textOf),
      outputEntries: (rule.element.outputEntry ?? []).map(textOf),
    })),
  }));
}

function compileInput(input: PartView): InputClause {
  const expression = textOf(input.element.inputExpression);
  const typeRef: string | undefined = input.element.inputExpression?.typeRef;
  return { id: input.id, label: inputHeading(input) ?? expression, expression, ...(typeRef && { typeRef }) };
}

function compileOutput(output: PartView): OutputClause {
  const typeRef: string | undefined = output.element.typeRef;
  const values = readOutputValues(textOf(output.element.outputValues));
  return { id: output.id, name: output.element.name?.trim() || output.id, ...(typeRef && { typeRef }), ...(values && { values }) };
}
