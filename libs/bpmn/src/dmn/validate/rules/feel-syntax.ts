import type { DmnElement } from 'dmn-moddle';
import { feelSyntaxError } from '../../../feel/feel-syntax.js';
import type { Problem } from '../../../problem.js';
import { unaryTestsSyntaxError } from '../../feel/unary-tests-syntax.js';
import { describeDecision, describePart, inputHeading, outputHeading, tablesOf, type DecisionView, type PartView } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('feel-syntax');

/** An entry's text: null when the cell is absent. */
const textOf = (element: DmnElement | undefined): string | null => (typeof element?.text === 'string' ? element.text : null);

/**
 * Empty text is not a syntax error here: an empty output entry yields null (as in Camunda), and an
 * empty input expression is the input-clause rule's finding.
 */
const expressionError = (text: string): string | undefined => (text.trim() === '' ? undefined : feelSyntaxError(text));

/**
 * FEEL syntax errors surface at deploy, naming the rule and column, instead of failing a live case:
 * input expressions and output entries are expressions, input entries and value lists are unary tests.
 */
export const feelSyntax: DmnValidationRule = {
  name: 'feel-syntax',
  check({ decisions }) {
    return tablesOf(decisions).flatMap((view) => [
      ...view.inputs.flatMap((input) => [
        ...check(input.id, textOf(input.element.inputExpression), expressionError, () => `The input expression of ${column(view, 'input', input)}`),
        ...check(input.id, textOf(input.element.inputValues), unaryTestsSyntaxError, () => `The input values of ${column(view, 'input', input)}`),
      ]),
      ...view.outputs.flatMap((output) =>
        check(output.id, textOf(output.element.outputValues), unaryTestsSyntaxError, () => `The output values of ${column(view, 'output', output)}`),
      ),
      ...view.rules.flatMap((rule) => [
        ...(rule.element.inputEntry ?? []).flatMap((entry: DmnElement, index: number) =>
          check(rule.id, textOf(entry), unaryTestsSyntaxError, () => `The input entry of rule '${rule.id}' for ${column(view, 'input', view.inputs[index])}`),
        ),
        ...(rule.element.outputEntry ?? []).flatMap((entry: DmnElement, index: number) =>
          check(rule.id, textOf(entry), expressionError, () => `The output entry of rule '${rule.id}' for ${column(view, 'output', view.outputs[index])}`),
        ),
      ]),
    ]);
  },
};

function check(elementId: string, text: string | null, syntaxError: (text: string) => string | undefined, subject: () => string): Problem[] {
  if (text === null) return [];
  const error = syntaxError(text);
  return error ? [problem('error', elementId, `${subject()} is not valid FEEL: ${error}.`)] : [];
}

function column(view: DecisionView, kind: 'input' | 'output', part: PartView | undefined): string {
  // More entries than columns is the rule-entries rule's finding; name the decision alone then.
  if (!part) return describeDecision(view);
  const heading = kind === 'input' ? inputHeading(part) : outputHeading(part);
  return `${describePart(kind, part, heading)} of ${describeDecision(view)}`;
}
