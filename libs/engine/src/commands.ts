import { fireBoundaryTimer } from './behaviors/boundary-timer-event.js';
import { fireCatchTimer } from './behaviors/intermediate-timer-catch-event.js';
import { completeExternalTask, lockExternalTask } from './behaviors/service-task.js';
import { claimTask, completeTask } from './behaviors/user-task.js';
import type { Execution } from './execution.js';
import type { Command, FireTimerCommand } from './model.js';

type CommandHandlers = { [C in Command as C['type']]: (execution: Execution, command: C) => void };

const handlers: CommandHandlers = { claimTask, completeTask, lockExternalTask, completeExternalTask, fireTimer };

export function applyCommand(execution: Execution, command: Command): void {
  // The mapped type pairs each command type with its handler; indexing by a union loses that pairing.
  (handlers[command.type] as (execution: Execution, command: Command) => void)(execution, command);
}

function fireTimer(execution: Execution, { timerId }: FireTimerCommand): void {
  const timer = execution.takeTimer(timerId);
  const node = execution.node(timer.elementId);
  if (node.type === 'boundaryEvent') fireBoundaryTimer(execution, node, timer);
  else fireCatchTimer(execution, timer);
}
