import type { ModdleElement } from 'bpmn-moddle';
import { readAttribute } from '../parse/extension-attributes.js';
import { extensionElement } from '../parse/extension-elements.js';
import type { BusinessRuleTaskNode, DecisionResultMapping } from '../process-graph.js';
import { optional } from './event-definition.js';

/**
 * The decision a business-rule task evaluates: `tandem:decisionRef` / `camunda:decisionRef` with
 * `resultVariable`, or Camunda 8's `<zeebe:calledDecision decisionId resultVariable>`. An empty
 * `decisionRef` means the model names none (the business-rule-task rule reports it).
 */
export function calledDecisionOf(element: ModdleElement): Pick<BusinessRuleTaskNode, 'decisionRef' | 'resultVariable' | 'mapDecisionResult'> {
  const zeebe = extensionElement(element, 'calledDecision');
  const decisionRef = readAttribute(element, 'decisionRef');
  // Named by camunda:decisionRef: the result takes Camunda 7's shape, a list of entries unless the model says otherwise.
  const camunda = decisionRef !== undefined && !element.decisionRef;
  return {
    decisionRef: String(decisionRef ?? zeebe?.decisionId ?? '').trim(),
    ...optional('resultVariable', readAttribute(element, 'resultVariable') ?? (zeebe?.resultVariable?.trim() || undefined)),
    ...(camunda && { mapDecisionResult: (readAttribute(element, 'mapDecisionResult')?.trim() ?? 'resultList') as DecisionResultMapping }),
  };
}
