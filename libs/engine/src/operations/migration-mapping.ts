import { isWaitDefinition, type FlowNode, type ProcessGraph, type WaitDefinition } from '#bpmn';

/**
 * Which element of the target version each element of the source version becomes: flow nodes to
 * flow nodes, sequence flows to sequence flows (for arrivals waiting at a join). An element the
 * mapping does not name maps to the element with its own id.
 */
export type ElementMapping = Readonly<Record<string, string>>;

export type MigrationRule =
  /** The mapping names an element the source version does not have. */
  | 'mapping-source-unknown'
  /** The mapping names an element the target version does not have. */
  | 'mapping-target-unknown'
  /** An element maps to one of another kind (a user task to a service task, a flow node to a sequence flow). */
  | 'element-kind'
  /** The target version belongs to another process, or is the version the instance already runs on. */
  | 'process-version'
  /** An active element has no element to go to in the target version. */
  | 'element-unmapped'
  /** An active element would land in another scope (sub-process) than its scope maps to. */
  | 'element-scope'
  /** An active element would gain or lose its multi-instance marker, or change sequential/parallel. */
  | 'multi-instance'
  /** A mapped wait (boundary event, event-based gateway branch, event sub-process start) does not fit where its holder goes. */
  | 'wait-unmapped'
  /** A token waiting at a join has no join (or no incoming flow of it) to wait at in the target version. */
  | 'join-unmapped';

/** Why a migration cannot go ahead, naming the element it is about (as deploy problems do). */
export interface MigrationProblem {
  /** The source element (the process key for a problem with the versions themselves). */
  elementId: string;
  /** The target element it maps to, when there is one. */
  targetElementId?: string;
  /** The activity instance holding the element, for a problem of the instance's state. */
  activityInstanceId?: string;
  rule: MigrationRule;
  message: string;
}

/** The two versions of a migration. */
export interface MigrationVersions {
  source: ProcessGraph;
  sourceProcessVersionId: string;
  target: ProcessGraph;
  targetProcessVersionId: string;
}

/** The element of the target version a source element goes to. */
export const targetOf = (mapping: ElementMapping, elementId: string): string => (Object.hasOwn(mapping, elementId) ? mapping[elementId] : elementId);

/**
 * The problems of a mapping on its own, before any instance is looked at: both versions of one
 * process, every id it names exists on its side, and every pair is of one kind. A batch checks
 * this once; every instance's migration checks it again.
 */
export function checkMigrationMapping(versions: MigrationVersions, mapping: ElementMapping): MigrationProblem[] {
  const { source, target, sourceProcessVersionId, targetProcessVersionId } = versions;
  const problems: MigrationProblem[] = [];
  if (source.key !== target.key) {
    problems.push({
      elementId: source.key,
      rule: 'process-version',
      message: `The target version runs process '${target.key}', not '${source.key}': an instance moves only between versions of its own process.`,
    });
  } else if (sourceProcessVersionId === targetProcessVersionId) {
    problems.push({ elementId: source.key, rule: 'process-version', message: `The instance already runs on version ${targetProcessVersionId}.` });
  }
  for (const [sourceId, targetId] of Object.entries(mapping)) {
    const from = elementIn(source, sourceId);
    const to = elementIn(target, targetId);
    const pair = { elementId: sourceId, targetElementId: targetId };
    if (from === undefined) {
      problems.push({ ...pair, rule: 'mapping-source-unknown', message: `The mapping names '${sourceId}', which the source version does not have.` });
    } else if (to === undefined) {
      problems.push({ ...pair, rule: 'mapping-target-unknown', message: `The mapping sends '${sourceId}' to '${targetId}', which the target version does not have.` });
    } else if (from === 'sequenceFlow' || to === 'sequenceFlow' ? from !== to : !sameKind(from, to)) {
      problems.push({
        ...pair,
        rule: 'element-kind',
        message: `The mapping sends ${kindOf(from)} '${sourceId}' to ${kindOf(to)} '${targetId}': an element maps only to one of its own kind.`,
      });
    }
  }
  return problems;
}

/** The flow node with that id, `sequenceFlow` for a sequence flow, undefined for an id the graph lacks. */
function elementIn(graph: ProcessGraph, elementId: string): FlowNode | 'sequenceFlow' | undefined {
  if (Object.hasOwn(graph.nodes, elementId)) return graph.nodes[elementId];
  return Object.hasOwn(graph.flows, elementId) ? 'sequenceFlow' : undefined;
}

/** The flow node with that id in the graph, if it has one (ids come from outside: no prototype keys). */
export const nodeIn = (graph: ProcessGraph, elementId: string): FlowNode | undefined => (Object.hasOwn(graph.nodes, elementId) ? graph.nodes[elementId] : undefined);

/** What a timer, message or signal wait of the node waits for: its event definition, a receive task's message. */
export function waitDefinitionOf(node: FlowNode): WaitDefinition | undefined {
  const definition = node.type === 'receiveTask' ? node.message : 'eventDefinition' in node ? node.eventDefinition : undefined;
  return isWaitDefinition(definition) ? definition : undefined;
}

/**
 * Whether a token or wait of one node can carry on at the other: the same element type, the same
 * event trigger (a timer catch stays a timer catch), an event sub-process stays one, and a start
 * event keeps interrupting or not.
 */
export function sameKind(from: FlowNode, to: FlowNode): boolean {
  if (from.type !== to.type || eventTypeOf(from) !== eventTypeOf(to)) return false;
  if (from.type === 'subProcess' && to.type === 'subProcess') return from.triggeredByEvent === to.triggeredByEvent;
  if (from.type === 'startEvent' && to.type === 'startEvent') return from.interrupting === to.interrupting;
  return true;
}

/** A node's kind in words, for problem messages: `userTask`, `timer intermediateCatchEvent`, `event subProcess`. */
export function kindOf(node: FlowNode | 'sequenceFlow'): string {
  if (node === 'sequenceFlow') return node;
  if (node.type === 'subProcess' && node.triggeredByEvent) return 'event subProcess';
  const eventType = eventTypeOf(node);
  return eventType === undefined ? node.type : `${eventType} ${node.type}`;
}

const eventTypeOf = (node: FlowNode): string | undefined => ('eventDefinition' in node ? node.eventDefinition?.type : undefined);
