import type { ModdleElement } from 'bpmn-moddle';
import { compileIoMapping, compileLoop } from '../../compile/activity-settings.js';
import { adHocExpressionsOf } from '../../compile/ad-hoc-sub-process.js';
import { calledDecisionOf } from '../../compile/called-decision.js';
import { calledProcessKeyOf } from '../../compile/called-process.js';
import { compileEventDefinition, compileMessage } from '../../compile/event-definition.js';
import { zeebeUserTaskOf } from '../../compile/zeebe-user-task.js';
import { feelSyntaxError, isFeel } from '../../feel/feel-syntax.js';
import { readAttribute } from '../../parse/extension-attributes.js';
import { extensionElement } from '../../parse/extension-elements.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('feel-expression');

interface Setting {
  field: string;
  expression: string | undefined;
  /** Always FEEL (a condition, a mapping source), or FEEL only when it starts with `=` (else plain text). */
  always: boolean;
}

/** FEEL syntax errors surface at deploy, naming the element and the setting, instead of failing a live case later. */
export const feelExpression: ValidationRule = {
  name: 'feel-expression',
  check({ processes }) {
    return processes.flatMap(({ sequenceFlows, flowNodes }) => [
      ...sequenceFlows.flatMap((flow) => check(flow, [{ field: 'condition', expression: flow.conditionExpression?.body, always: true }])),
      ...flowNodes.flatMap((node) => check(node, settingsOf(node))),
    ]);
  },
};

/** Every FEEL-bearing setting of a flow node, read as the compiler reads it. */
function settingsOf(node: ModdleElement): Setting[] {
  const settings: Setting[] = [];
  const add = (field: string, expression: string | undefined, always = false) => settings.push({ field, expression, always });
  if (node.$type === 'bpmn:UserTask') {
    add('assignee', readAttribute(node, 'assignee'));
    add('dueIn', readAttribute(node, 'dueIn', 'dueDate'));
    add('followUpIn', readAttribute(node, 'followUpIn', 'followUpDate'));
    add('priority', readAttribute(node, 'priority'));
    add('escalateTo', readAttribute(node, 'escalateTo'));
    for (const setting of Object.values(zeebeUserTaskOf(node))) {
      if (typeof setting === 'object') add(setting.attribute, setting.value);
    }
  }
  if (node.$type === 'bpmn:ScriptTask') {
    const zeebe = extensionElement(node, 'script');
    if (node.script === undefined && zeebe) add('zeebe:script expression', zeebe.expression, true);
    else add('script', node.script, true);
  }
  if (node.$type === 'bpmn:BusinessRuleTask') {
    const named = readAttribute(node, 'decisionRef') !== undefined;
    add(named ? 'decision reference' : 'zeebe:calledDecision decisionId', calledDecisionOf(node).decisionRef);
  }
  if (node.$type === 'bpmn:AdHocSubProcess') {
    const { activeElementsCollection, completionCondition } = adHocExpressionsOf(node);
    add('active elements collection', activeElementsCollection, true);
    add('completion condition', completionCondition, true);
  }
  if (node.$type === 'bpmn:CallActivity') {
    // Named as the model names it: the standard attribute, or Camunda 8's zeebe:calledElement processId.
    add(node.calledElement === undefined ? 'zeebe:calledElement processId' : 'process key', calledProcessKeyOf(node));
    add('business key', readAttribute(node, 'businessKey'));
  }
  const definition = node.$type === 'bpmn:ReceiveTask' ? compileMessage(node.messageRef) : node.eventDefinitions ? compileEventDefinition(node) : undefined;
  if (definition?.type === 'message') add('correlation key', definition.correlationKey, true);
  if (definition?.type === 'conditional' && definition.condition) add('condition', definition.condition, true);
  if (definition?.type === 'timer') {
    add('timeDuration', definition.timeDuration);
    add('timeDate', definition.timeDate);
    add('timeCycle', definition.timeCycle);
  }
  const { ioMapping } = compileIoMapping(node);
  for (const { source, target } of [...(ioMapping?.inputs ?? []), ...(ioMapping?.outputs ?? [])]) add(`mapping to '${target}'`, source, true);
  const { loop } = compileLoop(node);
  if (loop?.type === 'standard') add('loop condition', loop.loopCondition, true);
  if (loop?.type === 'multiInstance') {
    add('input collection', loop.inputCollection, true);
    add('loop cardinality', loop.loopCardinality, true);
    add('output element', loop.outputElement, true);
    add('completion condition', loop.completionCondition, true);
  }
  return settings;
}

function check(element: ModdleElement, settings: Setting[]): Problem[] {
  return settings.flatMap(({ field, expression, always }) => {
    if (expression === undefined || !expression.trim() || (!always && !isFeel(expression))) return [];
    const error = feelSyntaxError(expression);
    return error ? [problem('error', element, `The ${field} of ${describe(element)} is not valid FEEL: ${error}.`)] : [];
  });
}
