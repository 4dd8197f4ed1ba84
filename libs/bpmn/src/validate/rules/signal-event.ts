import { eventDefinitionOf } from '../element-kinds.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('signal-event');

/** A signal catch or throw names a signal with a name: signals are broadcast by name. */
export const signalEvent: ValidationRule = {
  name: 'signal-event',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => eventDefinitionOf(node) === 'signal' && !node.eventDefinitions[0].signalRef?.name?.trim())
      .map((node) => problem('error', node, `${describe(node)} refers to no signal with a name; reference a <signal name="...">.`));
  },
};
