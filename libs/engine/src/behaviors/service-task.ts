import type { ExternalTaskSettings, FlowNode, ServiceTaskNode } from '#bpmn';
import { throwError } from '../events/error-event.js';
import { evaluateFeel } from '../feel/feel.js';
import type { Execution, Token } from '../execution.js';
import { wrongType } from '../execution.js';
import type { CompleteExternalTaskCommand, LockExternalTaskCommand } from '../model/commands.js';
import type { ActivityInstance } from '../model/state.js';
import { activate, complete } from '../scope/lifecycle.js';
import { variablesAt } from '../scope/variables.js';
import type { FlowNodeBehavior } from './behavior.js';

/** A service task is an external task: it waits until a worker fetched by topic completes it. */
export const serviceTask: FlowNodeBehavior<ServiceTaskNode> = {
  workItem: () => 'externalTaskClosed',
  enter(node, token, execution) {
    activateExternalTask(execution, node, token, node);
  },
};

/** The token waits for an outside worker: service and send tasks, message throw and end events. */
export function activateExternalTask(execution: Execution, node: FlowNode, token: Token, { topic, retries }: ExternalTaskSettings): void {
  activate(execution, node, token, {
    created: ({ id }) => ({
      kind: 'externalTaskCreated',
      externalTask: { id, elementId: node.id, topic, retries, createdAt: execution.at },
    }),
  });
}

/** The first lock marks the work as started; a re-lock (e.g. after the lock expired) changes nothing. */
export function lockExternalTask(execution: Execution, { activityInstanceId, workerId }: LockExternalTaskCommand): void {
  const externalTask = externalTaskOf(execution, activityInstanceId);
  if (externalTask.state === 'ready') startExternalTask(execution, externalTask, workerId);
}

export function completeExternalTask(execution: Execution, { activityInstanceId, workerId, variables }: CompleteExternalTaskCommand): void {
  const externalTask = externalTaskOf(execution, activityInstanceId);
  const raised = raisedError(execution, externalTask, variables);
  if (externalTask.state === 'ready') startExternalTask(execution, externalTask, workerId);
  if (raised === undefined) complete(execution, externalTask, variables, workerId);
  else throwError(execution, { elementId: externalTask.elementId, activity: externalTask, scopeId: externalTask.scopeId }, raised, variables);
}

/** The BPMN error the worker's answer raises (Camunda 7's camunda:errorEventDefinition): the first whose FEEL holds. */
function raisedError(execution: Execution, externalTask: ActivityInstance, variables: CompleteExternalTaskCommand['variables']): string | undefined {
  const node = execution.node(externalTask.elementId);
  if (node.type !== 'serviceTask' || node.errorEventDefinitions === undefined) return undefined;
  const visible = variablesAt(execution, externalTask.id, variables);
  return node.errorEventDefinitions.find(({ expression }) => evaluateFeel(expression, visible, node.id) === true)?.errorCode;
}

/** The waiting activity instance, required to be an external task. */
export function externalTaskOf(execution: Execution, activityInstanceId: string): ActivityInstance {
  const activity = execution.activity(activityInstanceId);
  const isExternal = activity.elementType !== 'multiInstanceBody' && execution.hooks.workItemOf(execution.node(activity.elementId)) === 'externalTaskClosed';
  if (!isExternal) throw wrongType(activity, 'external task');
  return activity;
}

/** The worker's work on the external task has started (its first lock, or its answer without one). */
export function startExternalTask(execution: Execution, externalTask: ActivityInstance, workerId: string): void {
  externalTask.state = 'started';
  externalTask.assignee = workerId;
  externalTask.startedAt = execution.at;
  execution.step('started', externalTask.id, execution.node(externalTask.elementId), { actor: workerId });
}
