import type { ModdleElement } from 'bpmn-moddle';
import { stripFeelPrefix } from '../feel/feel-syntax.js';
import { extensionElement } from '../parse/extension-elements.js';
import type { EventDefinition, MessageEventDefinition } from '../process-graph.js';
import { eventDefinitionOf } from '../validate/element-kinds.js';

const body = (expression: ModdleElement | undefined): string | undefined => {
  const text = expression?.body?.trim();
  return text ? text : undefined;
};

/** The compiled event definition of an event element; undefined for a none event. */
export function compileEventDefinition(element: ModdleElement): EventDefinition | undefined {
  const [definition] = element.eventDefinitions ?? [];
  switch (eventDefinitionOf(element)) {
    case 'none':
      return undefined;
    case 'timer':
      return {
        type: 'timer',
        ...optional('timeDuration', body(definition.timeDuration)),
        ...optional('timeDate', body(definition.timeDate)),
        ...optional('timeCycle', body(definition.timeCycle)),
      };
    case 'message':
      return compileMessage(definition.messageRef);
    case 'signal':
      return { type: 'signal', signalName: definition.signalRef?.name ?? '' };
    case 'error':
      return { type: 'error', ...optional('errorCode', definition.errorRef?.errorCode || undefined) };
    case 'escalation':
      return { type: 'escalation', ...optional('escalationCode', definition.escalationRef?.escalationCode || undefined) };
    case 'terminate':
      return { type: 'terminate' };
    case 'link':
      return { type: 'link', linkName: definition.name ?? '' };
    case 'conditional':
      return { type: 'conditional', condition: stripFeelPrefix(body(definition.condition) ?? '') };
    case 'compensate':
      // A boundary event's handler comes from its association, which the compiler of the node reads.
      return { type: 'compensate', ...optional('activityRef', definition.activityRef?.id as string | undefined) };
  }
}

/** A message reference: its name and the correlation key (`tandem:correlationKey` or `zeebe:subscription`). */
export function compileMessage(message: ModdleElement | undefined): MessageEventDefinition {
  const correlationKey: string | undefined = message?.correlationKey || (message && extensionElement(message, 'subscription')?.correlationKey) || undefined;
  return { type: 'message', messageName: message?.name ?? '', ...optional('correlationKey', correlationKey) };
}

export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
