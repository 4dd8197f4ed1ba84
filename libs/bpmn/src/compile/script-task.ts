import type { ModdleElement } from 'bpmn-moddle';
import { stripFeelPrefix } from '../feel/feel-syntax.js';
import { readAttribute } from '../parse/extension-attributes.js';
import { extensionElement } from '../parse/extension-elements.js';
import type { ScriptTaskNode } from '../process-graph.js';
import { optional } from './event-definition.js';

/** The standard `<script>` (FEEL) with `tandem:resultVariable`, or Camunda 8's `zeebe:script`. */
export function scriptOf(element: ModdleElement): Pick<ScriptTaskNode, 'script' | 'resultVariable'> {
  const zeebe = extensionElement(element, 'script');
  const script: string = element.script ?? zeebe?.expression ?? '';
  return {
    script: stripFeelPrefix(script),
    ...optional('resultVariable', readAttribute(element, 'resultVariable') ?? (zeebe?.resultVariable || undefined)),
  };
}
