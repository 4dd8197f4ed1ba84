import { DomainError } from '#core';
import { armEventGatewayBranches } from '../behaviors/event-based-gateway.js';
import { armEventSubProcesses } from '../events/event-sub-process.js';
import type { Execution } from '../execution.js';
import type { EngineResult } from '../model/commands.js';
import type { MigratedActivity } from '../model/effects.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { EnginePorts } from '../model/ports.js';
import type { InstanceState, Subscription, Timer } from '../model/state.js';
import { migrateCompensable } from '../scope/compensable.js';
import { isInnerInstance } from '../scope/lifecycle.js';
import { arm, armBoundaryEvents, closeWaits, schedule } from '../scope/waits.js';
import { run } from '../token-flow.js';
import { operator } from './instance-operations.js';
import { checkMigrationMapping, nodeIn, sameKind, targetOf, waitDefinitionOf, type ElementMapping, type MigrationProblem, type MigrationVersions } from './migration-mapping.js';
import { planMigration, type MigrationPlan } from './migration-plan.js';

/** The versions (the source is the one the instance runs on), the mapping, and who asks and why. */
export interface MigrationRequest extends Omit<MigrationVersions, 'sourceProcessVersionId'> {
  /** Source element id -> target element id; unnamed elements keep their id. */
  mapping?: ElementMapping;
  actor?: string;
  reason?: string;
}

export type MigrationOutcome =
  | { result: EngineResult }
  /** Nothing changed: the mapping is wrong (MIGRATION_MAPPING_INVALID) or an active element has nowhere to go (MIGRATION_ELEMENT_UNMAPPED). */
  | { problems: MigrationProblem[]; code: typeof ENGINE_ERRORS.migrationMappingInvalid | typeof ENGINE_ERRORS.migrationElementUnmapped };

/**
 * Moves a running (or suspended) instance to another version of its process. Every activity
 * instance keeps its id, state, claim and timestamps and goes to the element the mapping names
 * (by default the one with its own id), which must be of its kind and in the scope its scope goes
 * to; each leaves a `migrated` step. Timers keep their due time; waits of boundary events, event
 * sub-process starts and event-based gateway branches the target dropped are canceled, and those
 * it added are opened. Arrivals at joins wait at the target's join. When anything cannot be placed
 * the answer is the list of problems, each naming its element, and the state is untouched.
 */
export function migrateInstance(state: InstanceState, request: MigrationRequest, ports: EnginePorts): MigrationOutcome {
  if (state.status !== 'active' && state.status !== 'suspended') {
    throw new DomainError(ENGINE_ERRORS.instanceNotActive, `Instance '${state.id}' has ended (${state.status}).`, { instanceId: state.id, status: state.status });
  }
  const mapping = request.mapping ?? {};
  const mappingProblems = checkMigrationMapping({ ...request, sourceProcessVersionId: state.processVersionId }, mapping);
  if (mappingProblems.length > 0) return { problems: mappingProblems, code: ENGINE_ERRORS.migrationMappingInvalid };
  const planned = planMigration(state, request.source, request.target, mapping);
  if ('problems' in planned) return { problems: planned.problems, code: ENGINE_ERRORS.migrationElementUnmapped };
  return {
    result: run(
      request.target,
      ports,
      () => state,
      (execution) => apply(execution, planned.plan, request, mapping),
    ),
  };
}

/** The domain error a refused migration answers with, its problems in the details. */
export function migrationRefused(instanceId: string, { problems, code }: Extract<MigrationOutcome, { problems: MigrationProblem[] }>): DomainError {
  const listed = problems.map(({ message }) => message).join(' ');
  return new DomainError(code, `Instance ${instanceId} cannot migrate: ${listed}`, { instanceId, problems });
}

function apply(execution: Execution, plan: MigrationPlan, request: MigrationRequest, mapping: ElementMapping): void {
  const { state } = execution;
  const fromProcessVersionId = state.processVersionId;
  state.processVersionId = request.targetProcessVersionId;
  const activities: MigratedActivity[] = [];
  for (const activity of state.activities) {
    const node = execution.node(plan.activities.get(activity.id)?.to ?? activity.elementId);
    activity.elementId = node.id;
    execution.step('migrated', activity.id, node, { elementType: activity.elementType, ...(request.actor !== undefined && { actor: request.actor }) });
    activities.push({ id: activity.id, elementId: node.id, ...(node.name !== undefined && { name: node.name }), ...(node.laneId !== undefined && { laneId: node.laneId }) });
  }
  state.joins = plan.joins.get(state.id) ?? {};
  for (const activity of state.activities) if (activity.joins) activity.joins = plan.joins.get(activity.id) ?? {};
  migrateCompensable(execution, (elementId) => targetOf(mapping, elementId));
  execution.effect({
    kind: 'instanceMigrated',
    fromProcessVersionId,
    toProcessVersionId: request.targetProcessVersionId,
    elementIds: plan.elementIds,
    activities,
    ...operator(request),
    at: execution.at,
  });
  for (const wait of [...state.timers, ...state.subscriptions]) moveWait(execution, wait, plan);
  openAddedWaits(execution, plan, request, mapping);
}

/** A wait the target dropped closes; one whose element changed closes and opens again there, a timer with its due time. */
function moveWait(execution: Execution, wait: Timer | Subscription, plan: MigrationPlan): void {
  const fate = plan.waits.get(wait.id);
  if (!fate || fate.action === 'keep') return;
  closeWaits(execution, wait.activityInstanceId, (elementId) => elementId === wait.elementId);
  if (fate.action === 'cancel') return;
  if ('dueAt' in wait) {
    schedule(execution, fate.elementId, wait.activityInstanceId, { dueAt: wait.dueAt, ...(wait.repeat && { repeat: wait.repeat }) });
    return;
  }
  const definition = waitDefinitionOf(execution.node(fate.elementId));
  if (!definition) throw new Error(`Element '${fate.elementId}' has no wait to open.`);
  const evaluateIn = wait.activityInstanceId === execution.state.id ? undefined : wait.activityInstanceId;
  arm(execution, definition, { elementId: fate.elementId, holderId: wait.activityInstanceId, evaluateIn });
}

/**
 * Opens the waits the target version adds where tokens already wait: boundary events no source
 * boundary event maps to, new branches of an event-based gateway, new event sub-process starts of
 * a scope (unless an interrupting event sub-process already runs there). A wait whose source
 * counterpart has closed (a reminder that already fired) stays closed.
 */
function openAddedWaits(execution: Execution, plan: MigrationPlan, request: MigrationRequest, mapping: ElementMapping): void {
  const { state } = execution;
  const { source } = request;
  // A target wait with a source counterpart of its kind continues that one's life (open or spent); the others are new.
  const added = (holderId: string, sourceIds: string[]) => {
    const counterparts = new Set(
      sourceIds.flatMap((id) => {
        const to = nodeIn(request.target, targetOf(mapping, id));
        return to && sameKind(source.nodes[id], to) ? [to.id] : [];
      }),
    );
    return (elementId: string) => !counterparts.has(elementId) && !holdsWait(state, holderId, elementId);
  };
  const sourceNode = (activityInstanceId: string) => source.nodes[plan.activities.get(activityInstanceId)?.from ?? ''];
  const startsOf = (eventSubProcessIds: string[]) => eventSubProcessIds.map((id) => source.nodes[id]).flatMap((node) => (node?.type === 'subProcess' ? [node.startEventId] : []));
  const interrupted = (scopeId: string | undefined) =>
    state.activities.some((activity) => {
      const node = activity.scopeId === scopeId ? sourceNode(activity.id) : undefined;
      const start = node?.type === 'subProcess' && node.triggeredByEvent ? source.nodes[node.startEventId] : undefined;
      return start?.type === 'startEvent' && start.interrupting;
    });

  for (const activity of [...state.activities]) {
    const from = sourceNode(activity.id);
    const to = execution.node(activity.elementId);
    if (!isInnerInstance(execution, activity)) armBoundaryEvents(execution, to, activity.id, added(activity.id, from.boundaryEventIds));
    if (to.type === 'eventBasedGateway') {
      armEventGatewayBranches(
        execution,
        to,
        activity.id,
        added(
          activity.id,
          from.outgoing.map((flowId) => source.flows[flowId].targetId),
        ),
      );
    }
    if (to.type === 'subProcess' && from.type === 'subProcess' && activity.elementType === 'subProcess' && !interrupted(activity.id)) {
      armEventSubProcesses(execution, to.eventSubProcessIds, activity.id, added(activity.id, startsOf(from.eventSubProcessIds)));
    }
  }
  if (!interrupted(undefined)) {
    armEventSubProcesses(execution, request.target.eventSubProcessIds, state.id, added(state.id, startsOf(source.eventSubProcessIds)));
  }
}

const holdsWait = (state: InstanceState, holderId: string, elementId: string): boolean =>
  [...state.timers, ...state.subscriptions].some((wait) => wait.activityInstanceId === holderId && wait.elementId === elementId);
