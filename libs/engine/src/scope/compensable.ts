import { isActivity, type BoundaryEventNode, type FlowNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { ActivityInstance, CompensableInstance } from '../model/state.js';

/** The compensation boundary event of an activity, if it has one. */
export const compensationBoundaryOf = (execution: Execution, node: FlowNode): BoundaryEventNode | undefined =>
  node.boundaryEventIds
    .map((id) => execution.node(id))
    .find((boundary): boundary is BoundaryEventNode => boundary.type === 'boundaryEvent' && boundary.eventDefinition.type === 'compensate');

/** The compensation handler of an activity: the one its compensation boundary event links. */
function compensationHandlerOf(execution: Execution, node: FlowNode): string | undefined {
  const definition = compensationBoundaryOf(execution, node)?.eventDefinition;
  return definition?.type === 'compensate' ? definition.handlerId : undefined;
}

/**
 * An activity instance completed: remember it for compensation if it has a handler (a multi-instance
 * activity's belongs to its body, which completes once for all items) or holds records itself (a scope).
 */
export function recordCompensable(execution: Execution, activity: ActivityInstance, node: FlowNode, innerInstance: boolean): void {
  // Only activities are compensated: a compensation event's own instance (its handlers ran inside it) is not.
  if (!isActivity(node)) return;
  const records = execution.state.compensable ?? [];
  const handlerId = innerInstance ? undefined : compensationHandlerOf(execution, node);
  if (handlerId === undefined && !records.some(({ scopeId }) => scopeId === activity.id)) return;
  execution.state.compensable = [
    ...records,
    { id: activity.id, elementId: activity.elementId, ...(activity.scopeId !== undefined && { scopeId: activity.scopeId }), ...(handlerId !== undefined && { handlerId }) },
  ];
}

/** The records inside a scope, and inside each completed scope among them, recursively. */
function within(records: CompensableInstance[], scopeId: string | undefined, which: (record: CompensableInstance) => boolean = () => true): CompensableInstance[] {
  return records.filter((record) => record.scopeId === scopeId && which(record)).flatMap((record) => [record, ...within(records, record.id)]);
}

/** A scope was canceled: what completed inside it is not compensated any more. */
export function forgetCompensable(execution: Execution, scopeId: string): void {
  const records = execution.state.compensable;
  if (!records?.length) return;
  const forgotten = new Set(within(records, scopeId));
  execution.state.compensable = records.filter((record) => !forgotten.has(record));
}

/**
 * Takes the records a compensation in a scope triggers (all, or those of one activity) with everything
 * inside them, latest completed first and each scope before its content; they are not compensated again.
 */
export function takeCompensable(execution: Execution, scopeId: string | undefined, activityRef?: string): CompensableInstance[] {
  const records = execution.state.compensable ?? [];
  const latestFirst = [...records].reverse();
  const taken = within(latestFirst, scopeId, (record) => activityRef === undefined || record.elementId === activityRef);
  execution.state.compensable = records.filter((record) => !taken.includes(record));
  return taken;
}

/**
 * The instance moved to another version (the execution's graph): each record names its element
 * there and that element's handler; one whose element the target lacks is dropped with its content.
 */
export function migrateCompensable(execution: Execution, targetIdOf: (elementId: string) => string): void {
  const records = execution.state.compensable;
  if (!records?.length) return;
  const gone = new Set(records.filter((record) => !execution.graph.nodes[targetIdOf(record.elementId)]).flatMap((record) => [record, ...within(records, record.id)]));
  execution.state.compensable = records
    .filter((record) => !gone.has(record))
    .map(({ id, elementId, scopeId }) => {
      const node = execution.node(targetIdOf(elementId));
      const handlerId = compensationHandlerOf(execution, node);
      return { id, elementId: node.id, ...(scopeId !== undefined && { scopeId }), ...(handlerId !== undefined && { handlerId }) };
    });
}
