import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('decision-id');

/** A business-rule task calls a decision by id, so a decision without one can never run. */
export const decisionId: DmnValidationRule = {
  name: 'decision-id',
  check({ decisions }) {
    return decisions.flatMap((view, index) =>
      view.decision.id
        ? []
        : [
            problem(
              'error',
              null,
              `Decision ${index + 1} of the document${view.decision.name ? ` ('${view.decision.name}')` : ''} has no id; a business-rule task calls a decision by its id.`,
            ),
          ],
    );
  },
};
