import type { ModdleElement } from 'bpmn-moddle';
import { feelSyntaxError, isFeel } from '../../feel/feel-syntax.js';
import { readAttribute } from '../../parse/extension-attributes.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('feel-expression');

/** FEEL syntax errors surface at deploy, naming the element, instead of failing a live case later. */
export const feelExpression: ValidationRule = {
  name: 'feel-expression',
  check({ processes }) {
    return processes.flatMap(({ sequenceFlows, flowNodes }) => [
      ...sequenceFlows.flatMap((flow) => {
        const body: string | undefined = flow.conditionExpression?.body;
        return body?.trim() ? checkExpression(flow, 'condition', body) : [];
      }),
      ...flowNodes
        .filter((node) => node.$type === 'bpmn:UserTask')
        .flatMap((task) =>
          (['assignee', 'dueIn'] as const).flatMap((field) => {
            const value = readAttribute(task, field);
            return value && isFeel(value) ? checkExpression(task, field, value) : [];
          }),
        ),
    ]);
  },
};

function checkExpression(element: ModdleElement, field: string, expression: string): Problem[] {
  const error = feelSyntaxError(expression);
  return error ? [problem('error', element, `The ${field} of ${describe(element)} is not valid FEEL: ${error}.`)] : [];
}
