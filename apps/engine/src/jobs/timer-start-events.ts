import type { ProcessGraph, TimerEventDefinition } from '#bpmn';

export interface TimerStartEvent {
  elementId: string;
  definition: TimerEventDefinition;
}

/** The process-level timer start events of a graph: each is a job of its version, not of an instance. A documentation-only version has none that fire. */
export const timerStartEvents = (graph: ProcessGraph): TimerStartEvent[] =>
  (graph.executable === false ? [] : graph.startEventIds).flatMap((elementId) => {
    const node = graph.nodes[elementId];
    const definition = node && 'eventDefinition' in node ? node.eventDefinition : undefined;
    return definition?.type === 'timer' ? [{ elementId, definition }] : [];
  });
