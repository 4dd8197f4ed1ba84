import type { Problem } from '../../../problem.js';
import { describeDecision, tablesOf } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('rule-entries');

/** Every rule has one input entry per input and one output entry per output, or its cells are misaligned. */
export const ruleEntries: DmnValidationRule = {
  name: 'rule-entries',
  check({ decisions }) {
    return tablesOf(decisions).flatMap((view): Problem[] => {
      if (view.rules.length === 0) {
        return [problem('warning', view.id, `${describeDecision(view)} has no rules, so it always yields null.`)];
      }
      return view.rules.flatMap((rule) => {
        const inputEntries = rule.element.inputEntry?.length ?? 0;
        const outputEntries = rule.element.outputEntry?.length ?? 0;
        const subject = `Rule '${rule.id}' of ${describeDecision(view)}`;
        return [
          ...(inputEntries === view.inputs.length ? [] : [problem('error', rule.id, `${subject} has ${inputEntries} input entries for ${view.inputs.length} inputs.`)]),
          ...(outputEntries === view.outputs.length ? [] : [problem('error', rule.id, `${subject} has ${outputEntries} output entries for ${view.outputs.length} outputs.`)]),
        ];
      });
    });
  },
};
