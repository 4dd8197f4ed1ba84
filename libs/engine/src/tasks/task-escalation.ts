import { isFeel, type BoundaryEventNode, type Lane, type ProcessGraph, type UserTaskNode } from '#bpmn';
import { DomainError } from '#core';
import { triggerBoundaryEvent } from '../events/trigger.js';
import { findCatch } from '../events/catch-search.js';
import type { Execution } from '../execution.js';
import { evaluateFeel, feelText } from '../feel/feel.js';
import type { EscalateTaskCommand } from '../model/commands.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { ActivityInstance } from '../model/state.js';
import { variablesAt } from '../scope/variables.js';
import { announce, heldBy, holdingOf, release, step, stopWork } from './task-lifecycle.js';
import { deadline } from './task-sla.js';

/** Where an escalation went, as `escalated` steps record it in `detail.target`. */
export type EscalationTarget =
  { kind: 'boundaryEvent'; elementId: string; interrupting: boolean } | { kind: 'group'; groups: string[]; via: 'escalateTo' | 'lane'; laneId?: string };

/**
 * Escalates a task with a reason: the model says where it goes, checked in this order:
 * 1. an escalation boundary event on the task catching the reason code (by code, else a catch-all):
 *    an interrupting one cancels the task, a non-interrupting one keeps it with its holder (paused
 *    if it was being worked);
 * 2. `tandem:escalateTo` on the task (a group id, or FEEL yielding one): the task is re-queued there;
 * 3. the next lane of the lane set holding groups (see `laneGroups`): re-queued there.
 * A re-queued task stays the same activity instance: `escalated`, then `unclaimed` if someone held
 * it, so its queue time starts again in the new queue. No target: TASK_NOT_ESCALATABLE.
 */
export function escalateTask(execution: Execution, { activityInstanceId, actor, reasonCode, comment }: EscalateTaskCommand): void {
  const task = heldBy(execution, activityInstanceId, actor);
  const node = execution.node(task.elementId) as UserTaskNode;
  const boundary = escalationBoundaryOf(execution, task, reasonCode);
  const target = boundary ? boundaryTarget(boundary) : groupTarget(execution, task, node);
  if (!target) {
    throw new DomainError(
      ENGINE_ERRORS.taskNotEscalatable,
      `Task '${node.name ?? node.id}' (${task.id}) has nowhere to escalate to: no escalation boundary event, tandem:escalateTo or next lane with groups.`,
      { activityInstanceId: task.id, elementId: node.id },
    );
  }
  // A re-queued task takes its new tier's SLA (a boundary event's task has its own dueIn already).
  const due = target.kind === 'group' ? tierDeadline(execution, task, target) : undefined;
  step(execution, task, 'escalated', actor, { reasonCode, ...(comment !== undefined && { comment }), target, ...(due && { due }) });
  if (boundary) {
    // The escalation ended the work; a task kept by a non-interrupting catch waits, held, to be started again.
    if (!boundary.cancelActivity && task.state === 'started') {
      stopWork(execution, task, task.assignee);
      announce(execution, task);
    }
    triggerBoundaryEvent(execution, boundary, task.id);
    return;
  }
  if (target.kind !== 'group') return;
  // `escalated` itself ended the work: the holder lets go without a pause of its own.
  if (task.state === 'started') task.state = 'claimed';
  if (task.state !== 'ready') release(execution, task, { by: actor, escalated: true });
  const holding = holdingOf(task);
  delete holding.owner;
  holding.candidateGroups = target.groups;
  holding.candidateUsers = [];
  if (target.laneId !== undefined) holding.laneId = target.laneId;
  if (due) holding.clocks = [...holding.clocks.filter(({ clock }) => clock !== 'due'), { id: execution.newId(), clock: 'due', dueAt: due.to }];
  announce(execution, task, { ...(due && { dueAt: due.to }) });
}

/**
 * The due date a task escalated to a tier gets from that tier's SLA: the `tandem:dueIn` of the
 * tier's own user tasks (the first that has one, in the lane's order), counted from the escalation.
 * The tier is the target lane, or for an escalateTo group the lane whose groups include it.
 * Undefined when the tier sets none, or it would not move the date.
 */
function tierDeadline(execution: Execution, task: ActivityInstance, target: Extract<EscalationTarget, { kind: 'group' }>): { from: string | null; to: string } | undefined {
  const { graph } = execution;
  const lane = graph.lanes.find(({ id }) => id === target.laneId) ?? graph.lanes.find((candidate) => laneGroups(graph, candidate).some((group) => target.groups.includes(group)));
  const timed = lane?.flowNodeIds.map((id) => graph.nodes[id]).find((node): node is UserTaskNode => node?.type === 'userTask' && node.dueIn !== undefined);
  if (!timed) return undefined;
  const to = deadline(timed.dueIn, execution.at, timed, variablesAt(execution, task.id));
  const from = task.holding?.clocks.find(({ clock }) => clock === 'due')?.dueAt ?? null;
  return to === undefined || to === from ? undefined : { from, to };
}

/** Whether the model gives the task somewhere to escalate to (an escalateTo expression counts, whatever it yields). */
export function isEscalatable(graph: ProcessGraph, elementId: string, laneId: string | null): boolean {
  const node = graph.nodes[elementId];
  if (node?.type !== 'userTask') return false;
  const hasBoundary = node.boundaryEventIds.some((id) => graph.nodes[id]?.type === 'boundaryEvent' && (graph.nodes[id] as BoundaryEventNode).eventDefinition.type === 'escalation');
  return hasBoundary || node.escalateTo !== undefined || nextLane(graph, laneId ?? node.laneId) !== undefined;
}

/**
 * Where escalating the task would send it, when the model fixes that beforehand: a fixed
 * `tandem:escalateTo` group or the next lane with groups. Undefined when an escalation boundary
 * event or an escalateTo expression decides at the time (or there is nowhere to go).
 */
export function plannedEscalationTarget(graph: ProcessGraph, elementId: string, laneId: string | null): { groups: string[]; lane?: Lane } | undefined {
  const node = graph.nodes[elementId];
  if (node?.type !== 'userTask') return undefined;
  const hasBoundary = node.boundaryEventIds.some((id) => graph.nodes[id]?.type === 'boundaryEvent' && (graph.nodes[id] as BoundaryEventNode).eventDefinition.type === 'escalation');
  if (hasBoundary) return undefined;
  if (node.escalateTo !== undefined) return isFeel(node.escalateTo) || node.escalateTo.trim() === '' ? undefined : { groups: [node.escalateTo.trim()] };
  const lane = nextLane(graph, laneId ?? node.laneId);
  return lane && { groups: laneGroups(graph, lane), lane };
}

/**
 * The groups that work a lane: `tandem:candidateGroups` on the lane, else the candidate groups of
 * the user tasks in it (the reference processes name their tiers on the tasks). A lane with
 * neither (an automated "System" lane) has none and is skipped by escalation.
 */
export function laneGroups(graph: ProcessGraph, lane: Lane): string[] {
  if (lane.candidateGroups !== undefined) return lane.candidateGroups;
  const groups = lane.flowNodeIds.flatMap((id) => {
    const node = graph.nodes[id];
    return node?.type === 'userTask' ? node.candidateGroups : [];
  });
  return [...new Set(groups)];
}

function escalationBoundaryOf(execution: Execution, task: ActivityInstance, reasonCode: string): BoundaryEventNode | undefined {
  const caught = findCatch(execution, { activity: task, scopeId: task.scopeId }, { type: 'escalation', code: reasonCode });
  return caught?.kind === 'boundaryEvent' && caught.host.id === task.id ? caught.boundary : undefined;
}

const boundaryTarget = (boundary: BoundaryEventNode): EscalationTarget => ({
  kind: 'boundaryEvent',
  elementId: boundary.id,
  interrupting: boundary.cancelActivity,
});

function groupTarget(execution: Execution, task: ActivityInstance, node: UserTaskNode): EscalationTarget | undefined {
  if (node.escalateTo !== undefined) {
    const group = isFeel(node.escalateTo) ? feelText(evaluateFeel(node.escalateTo, variablesAt(execution, task.id), node.id), node.id, node.escalateTo) : node.escalateTo.trim();
    if (group !== undefined && group !== '') return { kind: 'group', groups: [group], via: 'escalateTo' };
  }
  const lane = nextLane(execution.graph, task.holding?.laneId ?? node.laneId);
  return lane && { kind: 'group', groups: laneGroups(execution.graph, lane), via: 'lane', laneId: lane.id };
}

/** The first lane after this one (in the lane set's order) that has groups working it. */
function nextLane(graph: ProcessGraph, laneId: string | undefined): Lane | undefined {
  const index = graph.lanes.findIndex(({ id }) => id === laneId);
  if (index < 0) return undefined;
  return graph.lanes.slice(index + 1).find((lane) => laneGroups(graph, lane).length > 0);
}
