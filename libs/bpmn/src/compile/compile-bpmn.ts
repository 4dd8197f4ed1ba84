import type { ModdleElement } from 'bpmn-moddle';
import { stripFeelPrefix } from '../feel/feel-syntax.js';
import { readAttribute, splitList } from '../parse/extension-attributes.js';
import type { FlowNode, ProcessGraph, SequenceFlow } from '../process-graph.js';
import { isDocumentationOnly, isExecutable, processesOf, viewProcess, type ProcessView } from '../validate/process-view.js';
import { compileNode, documentationNode } from './compile-node.js';
import { optional } from './event-definition.js';
import { versionTagOf } from './version-tag.js';
import { zeebePropertiesOf } from './zeebe-properties.js';

/**
 * Turns validated definitions into plain ProcessGraphs, one per executable process, or one per
 * process of a documentation-only model (marked `executable: false`, compiled as far as it goes).
 * Call only when validation found no errors; an unexecutable element here is a programming error.
 */
export function compileBpmn(definitions: ModdleElement): ProcessGraph[] {
  const documentationOnly = isDocumentationOnly(definitions);
  return processesOf(definitions)
    .filter((process) => documentationOnly || isExecutable(process))
    .map((process) => compileProcess(viewProcess(process), documentationOnly));
}

function compileProcess(view: ProcessView, documentationOnly: boolean): ProcessGraph {
  const nodes: Record<string, FlowNode> = {};
  for (const element of view.flowNodes) nodes[element.id] = documentationOnly ? documentationNode(element, view) : compileNode(element, view);
  const flows: Record<string, SequenceFlow> = {};
  for (const flow of view.sequenceFlows) {
    // A drawing may leave a flow dangling; a runnable model cannot (rule sequence-flow).
    if (!flow.sourceRef?.id || !flow.targetRef?.id) continue;
    const condition: string | undefined = flow.conditionExpression?.body;
    flows[flow.id] = {
      id: flow.id,
      ...(flow.name ? { name: flow.name } : {}),
      sourceId: flow.sourceRef.id,
      targetId: flow.targetRef.id,
      ...(condition?.trim() ? { condition: stripFeelPrefix(condition) } : {}),
      ...zeebePropertiesOf(flow),
    };
  }
  const topLevel = Object.values(nodes).filter((node) => node.parentId === undefined);
  const starts = topLevel.filter((node) => node.type === 'startEvent');
  const noneStart = starts.find((node) => node.eventDefinition === undefined);
  return {
    key: view.process.id,
    ...(documentationOnly && { executable: false as const }),
    ...(view.process.name ? { name: view.process.name } : {}),
    ...(readAttribute(view.process, 'priority') ? { priority: readAttribute(view.process, 'priority') } : {}),
    ...(readAttribute(view.process, 'uniqueBusinessKey') === 'true' && { uniqueBusinessKey: true as const }),
    ...segmentsOf(readAttribute(view.process, 'segments')),
    ...zeebePropertiesOf(view.process),
    ...optional('versionTag', versionTagOf(view.process)),
    ...(noneStart ? { startEventId: noneStart.id } : {}),
    startEventIds: [...(noneStart ? [noneStart] : []), ...starts.filter((node) => node !== noneStart)].map((node) => node.id),
    eventSubProcessIds: topLevel.filter((node) => node.type === 'subProcess' && node.triggeredByEvent).map((node) => node.id),
    nodes,
    flows,
    lanes: view.lanes.map((lane) => ({
      id: lane.id,
      ...(lane.name ? { name: lane.name } : {}),
      flowNodeIds: (lane.flowNodeRef ?? []).map((node: ModdleElement) => node.id),
      ...(splitList(readAttribute(lane, 'candidateGroups')).length > 0 && { candidateGroups: splitList(readAttribute(lane, 'candidateGroups')) }),
    })),
  };
}

/** `tandem:segments`: comma-separated variable names, blanks and repeats dropped. */
const segmentsOf = (attribute: string | undefined): { segments?: string[] } => {
  const names = [...new Set(splitList(attribute))];
  return names.length === 0 ? {} : { segments: names };
};
