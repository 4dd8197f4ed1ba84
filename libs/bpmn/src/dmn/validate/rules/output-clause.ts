import type { Problem } from '../../../problem.js';
import { describeDecision, describePart, outputHeading, tablesOf } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('output-clause');

/** A table must yield something; with several outputs, each name is a key of the result context. */
export const outputClause: DmnValidationRule = {
  name: 'output-clause',
  check({ decisions }) {
    return tablesOf(decisions).flatMap((view) => {
      if (view.outputs.length === 0) {
        return [problem('error', view.id, `${describeDecision(view)} has no output; add an output column.`)];
      }
      if (view.outputs.length === 1) return [];
      const seen = new Set<string>();
      return view.outputs.flatMap((output): Problem[] => {
        const name: string | undefined = output.element.name?.trim() || undefined;
        const subject = `${describePart('output', output, outputHeading(output))} of ${describeDecision(view)}`;
        if (name === undefined) {
          return [problem('error', output.id, `${subject} has no name; with several outputs, each name is a key of the result.`)];
        }
        if (seen.has(name)) {
          return [problem('error', output.id, `${subject} repeats the output name '${name}'; output names must be unique.`)];
        }
        seen.add(name);
        return [];
      });
    });
  },
};
