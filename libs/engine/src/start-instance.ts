import { isActivity, type FlowNode, type ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { armEventSubProcesses } from './events/event-sub-process.js';
import type { EngineResult, StartCommand } from './model/commands.js';
import { ENGINE_ERRORS } from './model/errors.js';
import type { EnginePorts } from './model/ports.js';
import type { InstanceState } from './model/state.js';
import { handBack } from './scope/io-mapping.js';
import { run } from './token-flow.js';

/**
 * Creates an instance and runs it from a start event until every token waits: the none start
 * event, or the process-level message, signal or timer start event the app names (it has already
 * fired; its variables are the command's, through its output mappings if it has any). The
 * process's event sub-processes start listening first.
 */
export function startInstance(graph: ProcessGraph, command: StartCommand, ports: EnginePorts): EngineResult {
  if (command.startBefore !== undefined) return startBefore(graph, command, command.startBefore, ports);
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
  const mapsTrigger = start.type === 'startEvent' && start.eventDefinition !== undefined && (start.ioMapping?.outputs.length ?? 0) > 0;
  return run(graph, ports, newState(graph, command, mapsTrigger), (execution) => {
    if (mapsTrigger) handBack(execution, start, undefined, {}, command.variables);
    armEventSubProcesses(execution, graph.eventSubProcessIds, command.instanceId);
    execution.spawn({ elementId: startEventId });
  });
}

/**
 * Starts a case at a process-level activity or catch event, as if a token had just arrived there
 * (the element's own behavior: its task, wait or boundary events), with the command's variables.
 * The element's ready step carries `movedIn: 'startBefore'`: the case did not run the steps before
 * it here, so analytics can tell it from a case that did.
 */
function startBefore(graph: ProcessGraph, command: StartCommand, elementId: string, ports: EnginePorts): EngineResult {
  const node = Object.hasOwn(graph.nodes, elementId) ? graph.nodes[elementId] : undefined;
  const refusal = node === undefined ? `Process '${graph.key}' has no element '${elementId}'` : startBeforeRefusal(graph, node);
  if (refusal !== undefined) {
    throw new DomainError(ENGINE_ERRORS.startBeforeInvalid, `startBefore: ${refusal}.`, {
      field: 'startBefore',
      elementId,
      ...(node && { elementType: node.type }),
    });
  }
  const result = run(graph, ports, newState(graph, command, false), (execution) => {
    armEventSubProcesses(execution, graph.eventSubProcessIds, command.instanceId);
    execution.spawn({ elementId });
  });
  const ready = result.steps.find((step) => step.elementId === elementId && step.type === 'ready');
  if (ready) ready.detail = { ...ready.detail, movedIn: 'startBefore' };
  return result;
}

/** Why a token cannot be placed at the node when a case starts; undefined when it can. */
function startBeforeRefusal(graph: ProcessGraph, node: FlowNode): string | undefined {
  const what = `'${node.id}' (${node.type})`;
  if (node.parentId !== undefined) return `${what} sits inside sub-process '${node.parentId}'; start before the sub-process or an element at the process level`;
  if (graph.eventSubProcessIds.includes(node.id)) return `${what} is an event sub-process; its trigger starts it`;
  if (isActivity(node) && node.isForCompensation) return `${what} is a compensation handler; only a compensation throw runs it`;
  if (isActivity(node)) return undefined;
  if (node.type === 'intermediateCatchEvent' && node.eventDefinition.type !== 'link') return undefined;
  return `${what} is no activity or catch event a case can wait at`;
}

const newState =
  (graph: ProcessGraph, command: StartCommand, mapsTrigger: boolean) =>
  (at: string): InstanceState => ({
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
  });
