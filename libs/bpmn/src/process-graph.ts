/**
 * The compiled, plain-data form of one executable BPMN process: what the engine runs.
 * JSON-serialisable (no moddle objects, no cycles) so it can be cached or stored beside the XML.
 */

export type ValueClass = 'VA' | 'BVA' | 'NVA';

export const VALUE_CLASSES: readonly ValueClass[] = ['VA', 'BVA', 'NVA'];

export type WasteType =
  | 'waiting'
  | 'rework'
  | 'overprocessing'
  | 'motion'
  | 'transport'
  | 'inventory'
  | 'overproduction'
  | 'unused-skill';

export const WASTE_TYPES: readonly WasteType[] = [
  'waiting',
  'rework',
  'overprocessing',
  'motion',
  'transport',
  'inventory',
  'overproduction',
  'unused-skill',
];

export type Stage = 'inquiry' | 'diagnosis' | 'solution' | 'follow-up';

export const STAGES: readonly Stage[] = ['inquiry', 'diagnosis', 'solution', 'follow-up'];

/** The lean classification any flow node may carry (`tandem:` attributes). */
export interface LeanAttributes {
  valueClass?: ValueClass;
  wasteType?: WasteType;
  stage?: Stage;
  /** Expected hands-on work in minutes. */
  standardMinutes?: number;
}

interface FlowNodeBase {
  id: string;
  name?: string;
  /** Sequence flow ids, in document order. */
  incoming: string[];
  outgoing: string[];
  /** The lane the node sits in (innermost), if the process has lanes. */
  laneId?: string;
  lean: LeanAttributes;
  /** Ids of boundary events attached to this node. */
  boundaryEventIds: string[];
}

export interface StartEventNode extends FlowNodeBase {
  type: 'startEvent';
}

export interface EndEventNode extends FlowNodeBase {
  type: 'endEvent';
  /** A terminate end event ends the whole instance, cancelling every other token. */
  terminate: boolean;
}

export interface UserTaskNode extends FlowNodeBase {
  type: 'userTask';
  candidateGroups: string[];
  candidateUsers: string[];
  /** A FEEL expression (leading `=` optional) or a plain user id. */
  assignee?: string;
  /** ISO 8601 duration (or a FEEL expression yielding one) from creation to due. */
  dueIn?: string;
  formKey?: string;
  /** Cost of the role doing this work, per hour, for cost-per-case. */
  costPerHour?: number;
}

export interface ServiceTaskNode extends FlowNodeBase {
  type: 'serviceTask';
  /** External-task topic workers fetch by. */
  topic: string;
  /** Attempts a worker may fail before an incident is raised. */
  retries: number;
}

export interface ExclusiveGatewayNode extends FlowNodeBase {
  type: 'exclusiveGateway';
  defaultFlowId?: string;
}

export interface ParallelGatewayNode extends FlowNodeBase {
  type: 'parallelGateway';
}

export interface TimerDefinition {
  /** ISO 8601 duration, e.g. `PT2H`. */
  timeDuration: string;
}

export interface IntermediateTimerCatchEventNode extends FlowNodeBase {
  type: 'intermediateCatchEvent';
  timer: TimerDefinition;
}

export interface BoundaryTimerEventNode extends FlowNodeBase {
  type: 'boundaryEvent';
  attachedToId: string;
  /** Interrupting (true) cancels the activity it is attached to. */
  cancelActivity: boolean;
  timer: TimerDefinition;
}

export type FlowNode =
  | StartEventNode
  | EndEventNode
  | UserTaskNode
  | ServiceTaskNode
  | ExclusiveGatewayNode
  | ParallelGatewayNode
  | IntermediateTimerCatchEventNode
  | BoundaryTimerEventNode;

export type FlowNodeType = FlowNode['type'];

export interface SequenceFlow {
  id: string;
  name?: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition (leading `=` stripped); absent means unconditional. */
  condition?: string;
}

export interface Lane {
  id: string;
  name?: string;
  flowNodeIds: string[];
}

export interface ProcessGraph {
  /** The process id in the XML: the key versions are grouped by. */
  key: string;
  name?: string;
  /** The none start event instances begin at. */
  startEventId: string;
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  lanes: Lane[];
}
