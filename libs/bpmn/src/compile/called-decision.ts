import type { ModdleElement } from 'bpmn-moddle';
import { readAttribute } from '../parse/extension-attributes.js';
import { extensionElement } from '../parse/extension-elements.js';
import type { BusinessRuleTaskNode } from '../process-graph.js';
import { optional } from './event-definition.js';

/**
 * The decision a business-rule task evaluates: `tandem:decisionRef` / `camunda:decisionRef` with
 * `resultVariable`, or Camunda 8's `<zeebe:calledDecision decisionId resultVariable>`. An empty
 * `decisionRef` means the model names none (the business-rule-task rule reports it).
 */
export function calledDecisionOf(element: ModdleElement): Pick<BusinessRuleTaskNode, 'decisionRef' | 'resultVariable'> {
  const zeebe = extensionElement(element, 'calledDecision');
  return {
    decisionRef: String(readAttribute(element, 'decisionRef') ?? zeebe?.decisionId ?? '').trim(),
    ...optional('resultVariable', readAttribute(element, 'resultVariable') ?? (zeebe?.resultVariable?.trim() || undefined)),
  };
}
