import { zeebeExtensions, zeebeSupportOf } from '../../camunda/camunda-8.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('camunda-8');

/**
 * Every `zeebe:` extension element is looked up in Camunda 8's table: one Tandem would not honor is
 * refused by name with what to model instead, one the table does not know (a newer Camunda) is a
 * warning, so nothing a Camunda 8 model says is skipped without a word. An element another rule
 * refuses with a message of its own (`refusedBy`) is left to it.
 */
export const camunda8: ValidationRule = {
  name: 'camunda-8',
  check(context) {
    const elements = [...context.processes.map(({ process }) => process), ...allFlowNodes(context)];
    return elements.flatMap((element) =>
      zeebeExtensions(element).flatMap(({ name }) => {
        const support = zeebeSupportOf(name);
        if (support === undefined) return [problem('warning', element, `${describe(element)} carries zeebe:${name}, which Tandem does not read; it changes nothing here.`)];
        if (support.support !== 'refused' || support.refusedBy !== undefined) return [];
        return [problem('error', element, `${describe(element)} has zeebe:${name}, which Tandem does not run: ${support.note}.`)];
      }),
    );
  },
};
