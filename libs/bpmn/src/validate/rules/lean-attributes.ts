import { STAGES, VALUE_CLASSES, WASTE_TYPES } from '../../process-graph.js';
import type { Problem } from '../../problem.js';
import { expectsValueClass, graphTypeOf } from '../../value/value-summary.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('lean-attributes');

/** Value classes feed every NVA figure, so a wrong value is an error and a missing one (or a waste type on a VA step) a warning. */
export const leanAttributes: ValidationRule = {
  name: 'lean-attributes',
  check(context) {
    return allFlowNodes(context).flatMap((node) => {
      const problems: Problem[] = [];
      const checkEnum = (attribute: string, allowed: readonly string[]) => {
        const value = node[attribute];
        if (value !== undefined && !allowed.includes(value)) {
          problems.push(problem('error', node, `The tandem:${attribute} "${value}" of ${describe(node)} must be one of ${allowed.join(', ')}.`));
        }
      };
      checkEnum('valueClass', VALUE_CLASSES);
      checkEnum('wasteType', WASTE_TYPES);
      checkEnum('stage', STAGES);
      const minutes: string | undefined = node.standardMinutes;
      if (minutes !== undefined && !(Number.isFinite(Number(minutes)) && Number(minutes) >= 0 && minutes.trim() !== '')) {
        problems.push(problem('error', node, `The tandem:standardMinutes "${minutes}" of ${describe(node)} must be a number of 0 or more.`));
      }
      // A waste type describes non-value-added work; on a VA step it is left over from a reclassification and would mislead the NVA report.
      if (node.valueClass === 'VA' && node.wasteType !== undefined) {
        problems.push(problem('warning', node, `${describe(node)} is VA but keeps the waste type "${node.wasteType}": clear the waste type, or classify the step BVA or NVA.`));
      }
      if (expectsValueClass(graphTypeOf(node.$type)) && node.valueClass === undefined) {
        problems.push(problem('warning', node, `${describe(node)} has no tandem:valueClass (VA, BVA or NVA); it will count as unclassified.`));
      }
      return problems;
    });
  },
};
