/**
 * A compiled DMN 1.3 decision table: plain JSON, so it can be stored with the process version it
 * was deployed beside and evaluated by libs/engine without dmn-moddle.
 */
export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

/** COLLECT aggregations (DMN C+, C<, C>, C#). */
export const AGGREGATIONS = ['SUM', 'MIN', 'MAX', 'COUNT'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A literal of an output's value list; its position is its priority (first = highest). */
export type OutputValue = string | number | boolean;

export interface InputClause {
  id: string;
  /** The column heading; the input expression when the model has no label. */
  label: string;
  /** FEEL expression over the variables; its value is what the rules' input entries test. */
  expression: string;
  typeRef?: string;
}

export interface OutputClause {
  id: string;
  /** The key of this output in the decision's context result; the id when a single output has no name. */
  name: string;
  typeRef?: string;
  /** The output values list in priority order, when the model gives one as literals. */
  values?: OutputValue[];
}

export interface DecisionRule {
  id: string;
  /** FEEL unary tests, one per input; '' or '-' matches anything. */
  inputEntries: string[];
  /** FEEL expressions, one per output; '' yields null. */
  outputEntries: string[];
}

export interface DecisionTable {
  /** The decision's id: what a businessRuleTask names to call it. */
  id: string;
  name: string;
  hitPolicy: HitPolicy;
  /** Only with hitPolicy COLLECT. */
  aggregation?: Aggregation;
  inputs: InputClause[];
  outputs: OutputClause[];
  rules: DecisionRule[];
}
