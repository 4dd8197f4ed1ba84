import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { armEventSubProcesses } from './events/event-sub-process.js';
import type { EngineResult, StartCommand } from './model/commands.js';
import { ENGINE_ERRORS } from './model/errors.js';
import type { EnginePorts } from './model/ports.js';
import { handBack } from './scope/io-mapping.js';
import { run } from './token-flow.js';

/**
 * Creates an instance and runs it from a start event until every token waits: the none start
 * event, or the process-level message, signal or timer start event the app names (it has already
 * fired; its variables are the command's, through its output mappings if it has any). The
 * process's event sub-processes start listening first.
 */
export function startInstance(graph: ProcessGraph, command: StartCommand, ports: EnginePorts): EngineResult {
  const startEventId = command.startEventId ?? graph.startEventId;
  if (startEventId === undefined || !graph.startEventIds.includes(startEventId)) {
    throw new DomainError(
      ENGINE_ERRORS.startEventNotFound,
      startEventId === undefined
        ? `Process '${graph.key}' has no none start event; start it at one of ${graph.startEventIds.join(', ')}.`
        : `Process '${graph.key}' has no start event '${startEventId}' at the process level.`,
      { processKey: graph.key, startEventId },
    );
  }
  // A triggered start event's output mappings decide which of the trigger's variables the instance gets.
  const start = graph.nodes[startEventId];
  const mapsTrigger = start.type === 'startEvent' && (start.ioMapping?.outputs.length ?? 0) > 0;
  return run(
    graph,
    ports,
    (at) => ({
      id: command.instanceId,
      processKey: graph.key,
      processVersionId: command.processVersionId,
      ...(command.businessKey !== undefined && { businessKey: command.businessKey }),
      ...(command.parent !== undefined && { parent: { ...command.parent } }),
      status: 'active',
      startedAt: at,
      variables: mapsTrigger ? {} : { ...command.variables },
      activities: [],
      timers: [],
      subscriptions: [],
      joins: {},
    }),
    (execution) => {
      if (mapsTrigger) handBack(execution, start, undefined, {}, command.variables);
      armEventSubProcesses(execution, graph.eventSubProcessIds, command.instanceId);
      execution.spawn({ elementId: startEventId });
    },
  );
}
