import type { ModdleElement } from 'bpmn-moddle';
import { readAttribute } from '../parse/extension-attributes.js';
import { extensionElement } from '../parse/extension-elements.js';
import type { CalledProcessBinding, CallActivityNode } from '../process-graph.js';
import { optional } from './event-definition.js';

/** The standard `calledElement`, else Camunda 8's `zeebe:calledElement processId`: plain text, or FEEL after `=`. */
export const calledProcessKeyOf = (element: ModdleElement): string => String(element.calledElement ?? extensionElement(element, 'calledElement')?.processId ?? '').trim();

/**
 * What a call activity calls and which variables cross: `calledElement` with tandem:/camunda:
 * attributes, or Camunda 8's `<zeebe:calledElement processId propagateAllParentVariables
 * propagateAllChildVariables bindingType versionTag>`, both propagations true unless set to false
 * (Camunda 8's defaults); bindingType `versionTag` calls the newest version with that tag, `latest`
 * and `deployment` the newest (the called-element rule warns about `deployment`).
 */
export function calledProcessOf(
  element: ModdleElement,
): Pick<CallActivityNode, 'processKey' | 'binding' | 'businessKey' | 'propagateAllParentVariables' | 'propagateAllChildVariables'> {
  const zeebe = extensionElement(element, 'calledElement');
  const version = readAttribute(element, 'calledElementVersion');
  const binding: CalledProcessBinding =
    readAttribute(element, 'calledElementBinding') === 'version'
      ? { version: Number(version) }
      : zeebe?.bindingType === 'versionTag'
        ? { versionTag: String(zeebe.versionTag ?? '').trim() }
        : 'latest';
  const propagate = readAttribute(element, 'propagateAllParentVariables') ?? zeebe?.propagateAllParentVariables;
  return {
    processKey: calledProcessKeyOf(element),
    binding,
    ...optional('businessKey', readAttribute(element, 'businessKey')),
    propagateAllParentVariables: String(propagate).trim() !== 'false',
    propagateAllChildVariables: String(zeebe?.propagateAllChildVariables).trim() !== 'false',
  };
}
