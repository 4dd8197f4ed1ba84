import type { ProcessGraph } from '#bpmn';
import type { EngineResult, EnginePorts, StartCommand } from './model.js';
import { run } from './token-flow.js';

/** Creates an instance and runs it from the none start event until every token waits. */
export function startInstance(graph: ProcessGraph, command: StartCommand, ports: EnginePorts): EngineResult {
  return run(
    graph,
    ports,
    (at) => ({
      id: command.instanceId,
      processKey: graph.key,
      processVersionId: command.processVersionId,
      ...(command.businessKey !== undefined && { businessKey: command.businessKey }),
      status: 'active',
      startedAt: at,
      variables: { ...command.variables },
      activities: [],
      timers: [],
      joins: {},
    }),
    (execution) => execution.spawn({ elementId: graph.startEventId }),
  );
}
