import type { ModdleElement } from 'bpmn-moddle';
import { stripFeelPrefix } from '../feel/feel-syntax.js';
import { extensionElement } from '../parse/extension-elements.js';
import type { AdHocSubProcessNode } from '../process-graph.js';
import { flowsInto, isEventSubProcess, nodesIn, type ProcessView } from '../validate/process-view.js';
import { optional } from './event-definition.js';

const feel = (text: string | undefined): string | undefined => {
  const stripped = text === undefined ? '' : stripFeelPrefix(text);
  return stripped ? stripped : undefined;
};

/** The inner elements an ad-hoc sub-process can activate: those no sequence flow leads to (boundary events, event sub-processes and compensation handlers aside). */
export const activatableElements = (view: ProcessView, adHocSubProcess: ModdleElement): ModdleElement[] =>
  nodesIn(view, adHocSubProcess).filter(
    (node) => node.$type !== 'bpmn:BoundaryEvent' && !isEventSubProcess(node) && node.isForCompensation !== true && flowsInto(view, node).length === 0,
  );

/** Its FEEL: `activeElementsCollection` (of `zeebe:adHoc` or `tandem:adHoc`) and the standard completionCondition. */
export const adHocExpressionsOf = (element: ModdleElement): Pick<AdHocSubProcessNode, 'activeElementsCollection' | 'completionCondition'> => ({
  ...optional('activeElementsCollection', feel(extensionElement(element, 'adHoc')?.activeElementsCollection)),
  ...optional('completionCondition', feel(element.completionCondition?.body)),
});

export function adHocSettingsOf(
  element: ModdleElement,
  view: ProcessView,
): Pick<AdHocSubProcessNode, 'activeElementsCollection' | 'completionCondition' | 'cancelRemainingInstances' | 'activatableElementIds'> {
  return {
    ...adHocExpressionsOf(element),
    cancelRemainingInstances: element.cancelRemainingInstances !== false,
    activatableElementIds: activatableElements(view, element).map((node) => node.id as string),
  };
}
