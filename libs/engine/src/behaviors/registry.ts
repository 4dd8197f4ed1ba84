import type { FlowNode } from '#bpmn';
import type { BehaviorRegistry, FlowNodeBehavior } from './behavior.js';
import { boundaryTimerEvent } from './boundary-timer-event.js';
import { endEvent } from './end-event.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { intermediateTimerCatchEvent } from './intermediate-timer-catch-event.js';
import { parallelGateway } from './parallel-gateway.js';
import { serviceTask } from './service-task.js';
import { startEvent } from './start-event.js';
import { userTask } from './user-task.js';

const behaviors: BehaviorRegistry = {
  startEvent,
  endEvent,
  userTask,
  serviceTask,
  exclusiveGateway,
  parallelGateway,
  intermediateCatchEvent: intermediateTimerCatchEvent,
  boundaryEvent: boundaryTimerEvent,
};

// The registry's mapped type pairs each node type with its behavior; indexing by a union loses that pairing.
export const behaviorOf = (node: FlowNode): FlowNodeBehavior => behaviors[node.type] as FlowNodeBehavior;

export const workItemOf = (type: FlowNode['type']) => behaviors[type].workItem;
