import { describeDecision, describePart, tablesOf } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('input-clause');

/** Each input column tests the value of its expression; without one there is nothing to test. */
export const inputClause: DmnValidationRule = {
  name: 'input-clause',
  check({ decisions }) {
    return tablesOf(decisions).flatMap((view) =>
      view.inputs
        .filter((input) => !input.element.inputExpression?.text?.trim())
        .map((input) =>
          problem(
            'error',
            input.id,
            `${describePart('input', input, input.element.label)} of ${describeDecision(view)} has no input expression; name the variable or FEEL expression it tests.`,
          ),
        ),
    );
  },
};
