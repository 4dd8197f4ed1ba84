import type { ModdleElement } from 'bpmn-moddle';

/** One BPMN process as the rules and the compiler see it. */
export interface ProcessView {
  process: ModdleElement;
  /** Flow nodes directly inside the process (not inside sub-processes). */
  flowNodes: ModdleElement[];
  sequenceFlows: ModdleElement[];
  /** Innermost lane per flow node id. */
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

export function viewProcess(process: ModdleElement): ProcessView {
  const flowElements: ModdleElement[] = process.flowElements ?? [];
  const lanes = collectLanes(process.laneSets ?? []);
  const laneByNodeId = new Map<string, ModdleElement>();
  // Lanes are visited outer to inner, so the innermost lane wins.
  for (const lane of lanes) {
    for (const node of lane.flowNodeRef ?? []) laneByNodeId.set(node.id, lane);
  }
  const sequenceFlows = flowElements.filter(isSequenceFlow);
  return {
    process,
    flowNodes: flowElements.filter((element) => !isSequenceFlow(element) && !PASSIVE_TYPES.has(element.$type)),
    sequenceFlows,
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

function collectLanes(laneSets: ModdleElement[]): ModdleElement[] {
  return laneSets.flatMap((laneSet) =>
    (laneSet.lanes ?? []).flatMap((lane: ModdleElement) => [lane, ...collectLanes(lane.childLaneSet ? [lane.childLaneSet] : [])]),
  );
}

/** The processes of a definitions document, executable or not. */
export const processesOf = (definitions: ModdleElement): ModdleElement[] =>
  (definitions.rootElements ?? []).filter((element: ModdleElement) => element.$type === 'bpmn:Process');

/** `isExecutable="false"` marks documentation-only processes; an absent flag counts as executable. */
export const isExecutable = (process: ModdleElement): boolean => process.isExecutable !== false;

export const describe = (element: ModdleElement): string =>
  `${element.$type.replace('bpmn:', '')} '${element.name ?? element.id}'`;
