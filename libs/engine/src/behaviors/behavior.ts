import type { FlowNode, FlowNodeType } from '#bpmn';
import type { Execution, Token } from '../execution.js';
import type { WorkItemClosed } from '../model/effects.js';

/** The execution semantics of one BPMN element type. */
export interface FlowNodeBehavior<N extends FlowNode = FlowNode> {
  /** A token arrives at the node: pass it on at once, or make it wait. */
  enter(node: N, token: Token, execution: Execution): void;
  /** For a waiting node with a work item outside the instance: the effect that closes it. */
  workItem?(node: N): WorkItemClosed['kind'] | undefined;
}

export type BehaviorRegistry = { [T in FlowNodeType]: FlowNodeBehavior<Extract<FlowNode, { type: T }>> };
