import type { ModdleElement } from 'bpmn-moddle';
import { eventDefinitionOf } from './element-kinds.js';
import type { ProcessView } from './process-view.js';

const artifactsOf = (container: ModdleElement | undefined): ModdleElement[] => container?.artifacts ?? [];

/**
 * The associations drawn in a process: its own, its sub-processes', and its collaboration's (a modeler
 * may keep the artifacts of a pool there).
 */
export function associationsOf(view: ProcessView): ModdleElement[] {
  const collaborations = ((view.process.$parent?.rootElements ?? []) as ModdleElement[]).filter((root) => root.$type === 'bpmn:Collaboration');
  return [view.process, ...view.flowNodes, ...collaborations].flatMap(artifactsOf).filter((artifact) => artifact.$type === 'bpmn:Association');
}

export const isCompensationBoundary = (node: ModdleElement): boolean => node.$type === 'bpmn:BoundaryEvent' && eventDefinitionOf(node) === 'compensate';

/** The elements a compensation boundary event's associations link it to (either direction): its handler, in a valid model exactly one. */
export function associatedWith(view: ProcessView, boundary: ModdleElement): ModdleElement[] {
  return associationsOf(view).flatMap((association) => {
    if (association.sourceRef === boundary && association.targetRef) return [association.targetRef];
    if (association.targetRef === boundary && association.sourceRef) return [association.sourceRef];
    return [];
  });
}

/** The compensation handler a compensation boundary event runs: the activity marked isForCompensation its association links. */
export const compensationHandlerOf = (view: ProcessView, boundary: ModdleElement): ModdleElement | undefined =>
  associatedWith(view, boundary).find((element) => element.isForCompensation === true);
