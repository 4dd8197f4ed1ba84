import type { ModdleElement } from 'bpmn-moddle';

/** One BPMN process as the rules and the compiler see it. */
export interface ProcessView {
  process: ModdleElement;
  /** Every flow node of the process, sub-process contents included, in document order (a sub-process before its contents). */
  flowNodes: ModdleElement[];
  /** Every sequence flow, sub-process contents included. */
  sequenceFlows: ModdleElement[];
  /** The container (the process or a sub-process) each flow node and sequence flow sits directly in, by element id. */
  containerOf: Map<string, ModdleElement>;
  /** Innermost lane per flow node id; nodes inside a sub-process take the sub-process's lane. */
  laneByNodeId: Map<string, ModdleElement>;
  lanes: ModdleElement[];
  /**
   * Sequence flows by target and by source node id, in document order. Derived from the flows'
   * sourceRef/targetRef rather than the nodes' optional <incoming>/<outgoing>, which hand-written
   * and generated BPMN often leaves out.
   */
  incoming: Map<string, ModdleElement[]>;
  outgoing: Map<string, ModdleElement[]>;
}

const isSequenceFlow = (element: ModdleElement) => element.$type === 'bpmn:SequenceFlow';

/** Flow elements that carry no execution semantics (data) and are accepted as documentation. */
const PASSIVE_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/** Elements whose flow elements form a nested container (transactions are refused by name). */
const CONTAINER_TYPES = new Set(['bpmn:SubProcess', 'bpmn:AdHocSubProcess', 'bpmn:Transaction']);

export function viewProcess(process: ModdleElement): ProcessView {
  const flowNodes: ModdleElement[] = [];
  const sequenceFlows: ModdleElement[] = [];
  const containerOf = new Map<string, ModdleElement>();
  const collect = (container: ModdleElement) => {
    for (const element of (container.flowElements ?? []) as ModdleElement[]) {
      if (PASSIVE_TYPES.has(element.$type)) continue;
      containerOf.set(element.id, container);
      if (isSequenceFlow(element)) {
        sequenceFlows.push(element);
        continue;
      }
      flowNodes.push(element);
      if (CONTAINER_TYPES.has(element.$type)) collect(element);
    }
  };
  collect(process);
  const lanes = collectLanes(process.laneSets ?? []);
  const laneByNodeId = new Map<string, ModdleElement>();
  // Lanes are visited outer to inner, so the innermost lane wins.
  for (const lane of lanes) {
    for (const node of lane.flowNodeRef ?? []) laneByNodeId.set(node.id, lane);
  }
  // Containers come before their contents, so a nested node finds its sub-process's lane already set.
  for (const node of flowNodes) {
    const container = containerOf.get(node.id);
    const inherited = container && container !== process ? laneByNodeId.get(container.id) : undefined;
    if (inherited && !laneByNodeId.has(node.id)) laneByNodeId.set(node.id, inherited);
  }
  return {
    process,
    flowNodes,
    sequenceFlows,
    containerOf,
    laneByNodeId,
    lanes,
    incoming: groupBy(sequenceFlows, (flow) => flow.targetRef?.id),
    outgoing: groupBy(sequenceFlows, (flow) => flow.sourceRef?.id),
  };
}

function groupBy(flows: ModdleElement[], keyOf: (flow: ModdleElement) => string | undefined): Map<string, ModdleElement[]> {
  const groups = new Map<string, ModdleElement[]>();
  for (const flow of flows) {
    const key = keyOf(flow);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), flow]);
  }
  return groups;
}

export const flowsInto = (view: ProcessView, node: ModdleElement): ModdleElement[] => view.incoming.get(node.id) ?? [];
export const flowsOutOf = (view: ProcessView, node: ModdleElement): ModdleElement[] => view.outgoing.get(node.id) ?? [];

/** The flow nodes sitting directly in a container (the process or a sub-process). */
export const nodesIn = (view: ProcessView, container: ModdleElement): ModdleElement[] => view.flowNodes.filter((node) => view.containerOf.get(node.id) === container);

/** The process and every sub-process: each holds its own start events, flows and joins. */
export const containersOf = (view: ProcessView): ModdleElement[] => [view.process, ...view.flowNodes.filter((node) => node.$type === 'bpmn:SubProcess')];

export const isEventSubProcess = (element: ModdleElement): boolean => element.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true;

function collectLanes(laneSets: ModdleElement[]): ModdleElement[] {
  return laneSets.flatMap((laneSet) => (laneSet.lanes ?? []).flatMap((lane: ModdleElement) => [lane, ...collectLanes(lane.childLaneSet ? [lane.childLaneSet] : [])]));
}

/** The processes of a definitions document, executable or not. */
export const processesOf = (definitions: ModdleElement): ModdleElement[] => (definitions.rootElements ?? []).filter((element: ModdleElement) => element.$type === 'bpmn:Process');

/** `isExecutable="false"` marks documentation-only processes; an absent flag counts as executable. */
export const isExecutable = (process: ModdleElement): boolean => process.isExecutable !== false;

/**
 * A documentation-only model: it has processes and every one is `isExecutable="false"` (drawn to
 * document and discuss a process, what a redesign starts from). It deploys as versions that can be
 * opened, diffed, classified and simulated, never started.
 */
export const isDocumentationOnly = (definitions: ModdleElement): boolean => {
  const processes = processesOf(definitions);
  return processes.length > 0 && processes.every((process) => !isExecutable(process));
};

export const describe = (element: ModdleElement): string => `${element.$type.replace('bpmn:', '')} '${element.name ?? element.id}'`;
