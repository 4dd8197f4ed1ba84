import type { ModdleElement } from 'bpmn-moddle';
import { readAttribute } from '../../parse/extension-attributes.js';
import { extensionElement } from '../../parse/extension-elements.js';
import type { Problem } from '../../problem.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('message-event');

const THROWERS = new Set(['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent']);

/** The message an element refers to: a receive task's own reference, else its event definition's. */
const messageOf = (node: ModdleElement): ModdleElement | undefined => (node.$type === 'bpmn:ReceiveTask' ? node.messageRef : node.eventDefinitions?.[0]?.messageRef);

const correlationKeyOf = (message: ModdleElement): string | undefined => message.correlationKey || extensionElement(message, 'subscription')?.correlationKey;

/** A throw implemented by a job (Camunda 8's `zeebe:taskDefinition`, or a topic): its worker sends the message. */
const isJobThrow = (node: ModdleElement): boolean =>
  THROWERS.has(node.$type) && Boolean(readAttribute(node, 'topic')?.trim() || extensionElement(node, 'taskDefinition')?.type?.trim());

/**
 * A message catch or throw names a message with a name, except a throw a job implements: there the
 * worker sends the message, and Camunda 8 Modeler writes no messageRef. A catch inside an instance should have a
 * correlation key, or only a correlation by subscription id can reach it; a start event needs none.
 */
export const messageEvent: ValidationRule = {
  name: 'message-event',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => node.$type === 'bpmn:ReceiveTask' || eventDefinitionOf(node) === 'message')
      .flatMap(checkMessage);
  },
};

function checkMessage(node: ModdleElement): Problem[] {
  const message = messageOf(node);
  if (!message?.name?.trim() && isJobThrow(node)) return [];
  if (!message?.name?.trim()) return [problem('error', node, `${describe(node)} refers to no message with a name; reference a <message name="...">.`)];
  const isCatch = !THROWERS.has(node.$type) && node.$type !== 'bpmn:StartEvent';
  if (isCatch && !correlationKeyOf(message)) {
    return [
      problem(
        'warning',
        node,
        `The message '${message.name}' of ${describe(node)} has no correlation key (tandem:correlationKey or zeebe:subscription); only a correlation by subscription id reaches it.`,
      ),
    ];
  }
  return [];
}
