import type { Problem } from '../../../problem.js';
import { readOutputValues } from '../../output-values.js';
import { describeDecision, describePart, outputHeading, tablesOf } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('output-priority');

const RANKED_POLICIES = new Set(['PRIORITY', 'OUTPUT ORDER']);

/** PRIORITY and OUTPUT ORDER rank outputs by the position of their value in the output values list. */
export const outputPriority: DmnValidationRule = {
  name: 'output-priority',
  check({ decisions }) {
    return tablesOf(decisions)
      .filter((view) => RANKED_POLICIES.has(view.table.hitPolicy))
      .flatMap((view): Problem[] => {
        const ranked = view.outputs.filter((output) => output.element.outputValues?.text?.trim());
        if (ranked.length === 0) {
          return [
            problem(
              'error',
              view.id,
              `${describeDecision(view)} has hit policy ${view.table.hitPolicy}, which ranks outputs by their output values, but no output lists its values (e.g. "high","medium","low").`,
            ),
          ];
        }
        return ranked
          .filter((output) => readOutputValues(output.element.outputValues.text) === undefined)
          .map((output) =>
            problem(
              'error',
              output.id,
              `The output values of ${describePart('output', output, outputHeading(output))} of ${describeDecision(view)} must be a list of string, number or boolean literals to rank outputs for ${view.table.hitPolicy}.`,
            ),
          );
      });
  },
};
