/** Test helpers that write small DMN 1.3 documents inline (tests only). */

export const inlineDmn = (content: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs" name="Test decisions" namespace="http://tandem.dev/test">
${content}
</definitions>`;

/** An input column: its expression, or a label and an expression. */
export type InputSpec = string | { label: string; expression: string };
/** An output column: its name, or a name and its output values list, e.g. `"high","low"`. */
export type OutputSpec = string | { name: string; values: string };

export interface TableSpec {
  id?: string;
  name?: string;
  /** Attributes of <decisionTable>, e.g. `hitPolicy="COLLECT" aggregation="SUM"`. */
  attributes?: string;
  inputs: InputSpec[];
  outputs: OutputSpec[];
  /** One row per rule: input entries then output entries, in column order. Rule ids are r1, r2, ... */
  rules: string[][];
  /** Prefixes the ids of the table, its columns and rules: for several decisions in one document. */
  prefix?: string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const input =
  (prefix: string) =>
  (spec: InputSpec, index: number): string => {
    const { label, expression } = typeof spec === 'string' ? { label: undefined, expression: spec } : spec;
    const id = `${prefix}i${index + 1}`;
    return `<input id="${id}"${label ? ` label="${escape(label)}"` : ''}><inputExpression id="${id}-expression"><text>${escape(expression)}</text></inputExpression></input>`;
  };

const output =
  (prefix: string) =>
  (spec: OutputSpec, index: number): string => {
    const { name, values } = typeof spec === 'string' ? { name: spec, values: undefined } : spec;
    const valueList = values === undefined ? '' : `<outputValues><text>${escape(values)}</text></outputValues>`;
    return `<output id="${prefix}o${index + 1}" name="${escape(name)}">${valueList}</output>`;
  };

const rule =
  (prefix: string, inputCount: number) =>
  (cells: string[], index: number): string => {
    const entry = (tag: string) => (text: string) => `<${tag}><text>${escape(text)}</text></${tag}>`;
    return `<rule id="${prefix}r${index + 1}">${cells.slice(0, inputCount).map(entry('inputEntry')).join('')}${cells.slice(inputCount).map(entry('outputEntry')).join('')}</rule>`;
  };

/** A decision with one decision table, written as columns and rows. */
export const decisionTableXml = ({ id = 'd', name = 'Decision', attributes = '', inputs, outputs, rules, prefix = '' }: TableSpec): string =>
  `<decision id="${id}" name="${escape(name)}"><decisionTable id="${prefix}${id}-table" ${attributes}>
${inputs.map(input(prefix)).join('\n')}
${outputs.map(output(prefix)).join('\n')}
${rules.map(rule(prefix, inputs.length)).join('\n')}
</decisionTable></decision>`;

/** A whole document holding one decision table. */
export const inlineDecisionTable = (spec: TableSpec): string => inlineDmn(decisionTableXml(spec));
