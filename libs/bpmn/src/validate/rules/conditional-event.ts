import type { ModdleElement } from 'bpmn-moddle';
import { stripFeelPrefix } from '../../feel/feel-syntax.js';
import { extensionElement } from '../../parse/extension-elements.js';
import type { Problem } from '../../problem.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('conditional-event');

/**
 * A conditional event needs a condition to wait for (its FEEL syntax is the feel-expression
 * rule's). Every change of the instance's variables re-evaluates it: variable filters (Camunda 7's
 * camunda:variableName/variableEvents, Camunda 8's zeebe:conditionalFilter) are refused rather
 * than silently ignored.
 */
export const conditionalEvent: ValidationRule = {
  name: 'conditional-event',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => eventDefinitionOf(node) === 'conditional')
      .flatMap((node) => checkDefinition(node, node.eventDefinitions[0]));
  },
};

function checkDefinition(node: ModdleElement, definition: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  if (!stripFeelPrefix(definition.condition?.body?.trim() ?? '')) {
    problems.push(problem('error', node, `${describe(node)} has no condition; give its conditionalEventDefinition a FEEL <condition>.`));
  }
  const filtered =
    Object.keys(definition.$attrs ?? {}).some((name) => /:(variableName|variableEvents)$/.test(name)) ||
    extensionElement(definition, 'conditionalFilter') !== undefined ||
    extensionElement(node, 'conditionalFilter') !== undefined;
  if (filtered) {
    problems.push(problem('error', node, `${describe(node)} filters the variables its condition reacts to; Tandem evaluates it on every variable change, so remove the filter.`));
  }
  return problems;
}
