import type { DmnElement } from 'dmn-moddle';

/** A part of a decision table with the id problems and results name it by. */
export interface PartView {
  element: DmnElement;
  /** The XML id, or `<decision id>.<kind>-<n>` (1-based) for a part the model left without one. */
  id: string;
}

/** One decision as the rules and the compiler see it. */
export interface DecisionView {
  decision: DmnElement;
  /** The decision id, or `decision-<n>` when it has none (the decision-id rule reports that). */
  id: string;
  /** The decision's logic when it is a decision table. */
  table: DmnElement | undefined;
  inputs: PartView[];
  outputs: PartView[];
  rules: PartView[];
}

const partsOf = (elements: DmnElement[] | undefined, decisionId: string, kind: string): PartView[] =>
  (elements ?? []).map((element, index) => ({ element, id: element.id ?? `${decisionId}.${kind}-${index + 1}` }));

const decisionsOf = (definitions: DmnElement): DmnElement[] => (definitions.drgElement ?? []).filter((element: DmnElement) => element.$type === 'dmn:Decision');

export function viewDecisions(definitions: DmnElement): DecisionView[] {
  return decisionsOf(definitions).map((decision, index) => {
    const id = decision.id ?? `decision-${index + 1}`;
    const logic: DmnElement | undefined = decision.decisionLogic;
    const table = logic?.$type === 'dmn:DecisionTable' ? logic : undefined;
    return {
      decision,
      id,
      table,
      inputs: partsOf(table?.input, id, 'input'),
      outputs: partsOf(table?.output, id, 'output'),
      rules: partsOf(table?.rule, id, 'rule'),
    };
  });
}

/** The decision tables, for rules that only concern tables. */
export const tablesOf = (decisions: DecisionView[]): Array<DecisionView & { table: DmnElement }> =>
  decisions.filter((view): view is DecisionView & { table: DmnElement } => view.table !== undefined);

export const describeDecision = (view: DecisionView): string => (view.decision.name ? `decision '${view.decision.name}' (${view.id})` : `decision '${view.id}'`);

/** "input 'Amount' (i1)": the column heading a designer sees, with the id. */
export const describePart = (kind: string, part: PartView, heading: string | undefined): string => (heading ? `${kind} '${heading}' (${part.id})` : `${kind} '${part.id}'`);

export const inputHeading = (input: PartView): string | undefined => input.element.label ?? input.element.inputExpression?.text?.trim();

export const outputHeading = (output: PartView): string | undefined => output.element.label ?? output.element.name;
