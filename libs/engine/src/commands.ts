import { completeCallActivity } from './behaviors/call-activity.js';
import { completeExternalTask, lockExternalTask } from './behaviors/service-task.js';
import { throwErrorAt, throwEscalationAt } from './behaviors/throw-at-activity.js';
import { correlateMessage, fireTimer, receiveSignal } from './events/wait-commands.js';
import type { Execution } from './execution.js';
import type { Command } from './model/commands.js';
import { cancelInstance, setVariables, suspendInstance } from './operations/instance-operations.js';
import { escalateTask } from './tasks/task-escalation.js';
import { assignTask, claimTask, completeTask, delegateTask, pauseTask, startTask, unclaimTask } from './tasks/task-lifecycle.js';
import { breachTaskClock } from './tasks/task-sla.js';

type CommandHandlers = { [C in Command as C['type']]: (execution: Execution, command: C) => void };

const handlers: CommandHandlers = {
  claimTask,
  completeTask,
  startTask,
  pauseTask,
  unclaimTask,
  assignTask,
  delegateTask,
  escalateTask,
  breachTaskClock,
  lockExternalTask,
  completeExternalTask,
  fireTimer,
  correlateMessage,
  receiveSignal,
  completeCallActivity,
  cancelInstance,
  suspendInstance,
  resumeInstance: suspendInstance,
  setVariables,
  throwError: throwErrorAt,
  throwEscalation: throwEscalationAt,
};

export function applyCommand(execution: Execution, command: Command): void {
  // The mapped type pairs each command type with its handler; indexing by a union loses that pairing.
  (handlers[command.type] as (execution: Execution, command: Command) => void)(execution, command);
}
