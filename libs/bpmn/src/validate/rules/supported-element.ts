import { classify } from '../element-kinds.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('supported-element');

/** Anything the engine cannot execute is refused at deploy, by name: never silently skipped. */
export const supportedElement: ValidationRule = {
  name: 'supported-element',
  check(context) {
    return allFlowNodes(context).flatMap((element) => {
      const kind = classify(element);
      return kind.supported ? [] : [problem('error', element, `${describe(element)} cannot be executed: ${kind.reason}.`)];
    });
  },
};
