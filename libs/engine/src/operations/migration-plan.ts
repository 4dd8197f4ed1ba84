import type { FlowNode, ProcessGraph } from '#bpmn';
import type { ActivityInstance, InstanceState, Subscription, Timer } from '../model/state.js';
import { kindOf, nodeIn, sameKind, targetOf, waitDefinitionOf, type ElementMapping, type MigrationProblem, type MigrationRule } from './migration-mapping.js';

/** What becomes of one timer or subscription: it stays, it is closed, or it is closed and opened at another element. */
export type WaitFate = { action: 'keep' } | { action: 'cancel' } | { action: 'move'; elementId: string };

/** Where a wait must be found in the target version, and whether the target may simply have dropped it. */
interface WaitPlace {
  fits(to: FlowNode): boolean;
  expected: string;
  removable: boolean;
}

/** Where everything an instance holds goes in the target version. */
export interface MigrationPlan {
  /** Activity instance id -> its element in the source and in the target version. */
  activities: Map<string, { from: string; to: string }>;
  /** Timer or subscription id -> its fate. */
  waits: Map<string, WaitFate>;
  /** The arrivals waiting at joins, in target ids, per scope (the instance id for the process level). */
  joins: Map<string, Record<string, string[]>>;
  /** Source element -> target element, for every element holding a token or a wait that stays. */
  elementIds: Record<string, string>;
}

/**
 * Decides where each active element goes (activities, scopes, multi-instance bodies, waits, joins),
 * or collects every reason it cannot: an element without a counterpart of its kind in the
 * corresponding scope. Nothing is changed here; `migrateInstance` applies the plan.
 */
export function planMigration(
  state: InstanceState,
  source: ProcessGraph,
  target: ProcessGraph,
  mapping: ElementMapping,
): { plan: MigrationPlan } | { problems: MigrationProblem[] } {
  const planner = new Planner(state, source, target, mapping);
  return planner.problems.length > 0 ? { problems: planner.problems } : { plan: planner.plan };
}

class Planner {
  readonly problems: MigrationProblem[] = [];
  readonly plan: MigrationPlan = { activities: new Map(), waits: new Map(), joins: new Map(), elementIds: {} };

  constructor(
    private readonly state: InstanceState,
    private readonly source: ProcessGraph,
    private readonly target: ProcessGraph,
    private readonly mapping: ElementMapping,
  ) {
    for (const activity of state.activities) this.planActivity(activity);
    for (const wait of [...state.timers, ...(state.subscriptions ?? [])]) this.planWait(wait);
    this.planJoins(state.id, undefined, state.joins);
    for (const activity of state.activities) if (activity.joins) this.planJoins(activity.id, activity, activity.joins);
  }

  private planActivity(activity: ActivityInstance): void {
    const { elementId } = activity;
    const from = this.sourceNode(elementId);
    const targetId = targetOf(this.mapping, elementId);
    const to = nodeIn(this.target, targetId);
    const problem = (rule: MigrationRule, message: string) => this.problem({ elementId, ...(to && { targetElementId: targetId }), activityInstanceId: activity.id, rule, message });
    if (!to) {
      return problem('element-unmapped', `Active ${kindOf(from)} '${elementId}' has no element '${targetId}' in the target version; map it to a ${kindOf(from)} there.`);
    }
    if (!sameKind(from, to)) {
      return problem('element-kind', `Active ${kindOf(from)} '${elementId}' cannot become ${kindOf(to)} '${targetId}': it maps only to a ${kindOf(from)}.`);
    }
    const scope = activity.scopeId === undefined ? undefined : this.activity(activity.scopeId);
    const innerInstance = scope?.elementType === 'multiInstanceBody' && scope.elementId === elementId && activity.elementType !== 'multiInstanceBody';
    // An inner instance goes wherever its multi-instance body goes; everything else must stay in the scope its scope becomes.
    if (!innerInstance) {
      const expectedParent = scope === undefined ? undefined : targetOf(this.mapping, scope.elementId);
      if (to.parentId !== expectedParent) {
        return problem(
          'element-scope',
          `Active '${elementId}' runs ${inScope(scope?.elementId)}, so it must stay ${inScope(expectedParent)} in the target version; '${targetId}' sits ${inScope(to.parentId)}.`,
        );
      }
      const wasMultiInstance = activity.elementType === 'multiInstanceBody';
      const sequential = (node: FlowNode) => ('loop' in node && node.loop?.type === 'multiInstance' ? node.loop.isSequential : undefined);
      if (sequential(to) !== (wasMultiInstance ? sequential(from) : undefined)) {
        return problem(
          'multi-instance',
          `Active '${elementId}' runs ${marker(wasMultiInstance ? sequential(from) : undefined)}, but '${targetId}' is ${marker(sequential(to))} in the target version.`,
        );
      }
    }
    this.plan.activities.set(activity.id, { from: elementId, to: targetId });
    this.plan.elementIds[elementId] = targetId;
  }

  /**
   * A boundary event, event sub-process start or event-based gateway branch goes where the element
   * it belongs to goes, if the target has one of its kind there; otherwise the target dropped it
   * and its wait is canceled (unless the mapping names it: then it must fit). The wait of a catch
   * event or receive task itself moves with its activity, which was checked already.
   */
  private planWait(wait: Timer | Subscription): void {
    const node = this.sourceNode(wait.elementId);
    const holder = wait.activityInstanceId === this.state.id ? undefined : this.activity(wait.activityInstanceId);
    const holderTarget = holder && this.plan.activities.get(holder.id)?.to;
    // The holder cannot move: that problem is reported already.
    if (holder && holderTarget === undefined) return;
    const targetId = targetOf(this.mapping, wait.elementId);
    const to = nodeIn(this.target, targetId);
    const place = this.placeOf(node, holder, holderTarget);
    if (!to || !sameKind(node, to) || !place.fits(to)) {
      if (place.removable && !Object.hasOwn(this.mapping, wait.elementId)) {
        this.plan.waits.set(wait.id, { action: 'cancel' });
        return;
      }
      this.problem({
        elementId: wait.elementId,
        targetElementId: targetId,
        ...(holder && { activityInstanceId: holder.id }),
        rule: 'wait-unmapped',
        message: `The ${kindOf(node)} '${wait.elementId}' maps to '${targetId}', which is not ${place.expected} in the target version.`,
      });
      return;
    }
    // A timer keeps its due time even where the target's definition differs: its clock started when it was scheduled.
    const redefined = !('dueAt' in wait) && JSON.stringify(waitDefinitionOf(node)) !== JSON.stringify(waitDefinitionOf(to));
    this.plan.waits.set(wait.id, targetId === wait.elementId && !redefined ? { action: 'keep' } : { action: 'move', elementId: targetId });
    this.plan.elementIds[wait.elementId] = targetId;
  }

  /** Where a wait of `node` must be found in the target version, for a holder going to `holderTarget`. */
  private placeOf(node: FlowNode, holder: ActivityInstance | undefined, holderTarget: string | undefined): WaitPlace {
    if (node.type === 'boundaryEvent') {
      return {
        fits: (to) => to.type === 'boundaryEvent' && to.attachedToId === holderTarget,
        expected: `a ${kindOf(node)} attached to '${holderTarget}'`,
        removable: true,
      };
    }
    if (node.type === 'startEvent') {
      return {
        fits: (to) => {
          const eventSubProcess = to.parentId === undefined ? undefined : nodeIn(this.target, to.parentId);
          return eventSubProcess?.type === 'subProcess' && eventSubProcess.triggeredByEvent && eventSubProcess.parentId === holderTarget;
        },
        expected: `the ${kindOf(node)} of an event sub-process ${inScope(holderTarget)}`,
        removable: true,
      };
    }
    if (holder && holder.elementId !== node.id) {
      return {
        fits: (to) => Object.values(this.target.flows).some((flow) => flow.sourceId === holderTarget && flow.targetId === to.id),
        expected: `a ${kindOf(node)} after event-based gateway '${holderTarget}'`,
        removable: true,
      };
    }
    return { fits: () => true, expected: `a ${kindOf(node)}`, removable: false };
  }

  /** Tokens waiting at a join wait at its target join, each on the target flow its source flow maps to. */
  private planJoins(holderId: string, scope: ActivityInstance | undefined, joins: Record<string, string[]>): void {
    const scopeTarget = scope && this.plan.activities.get(scope.id)?.to;
    if (scope && scopeTarget === undefined) return;
    const planned: Record<string, string[]> = {};
    for (const [gatewayId, arrived] of Object.entries(joins)) {
      if (arrived.length === 0) continue;
      const from = this.sourceNode(gatewayId);
      const targetId = targetOf(this.mapping, gatewayId);
      const to = nodeIn(this.target, targetId);
      if (!to || !sameKind(from, to) || to.parentId !== scopeTarget) {
        this.problem({
          elementId: gatewayId,
          targetElementId: targetId,
          rule: 'join-unmapped',
          message: `${arrived.length} token(s) wait at ${kindOf(from)} '${gatewayId}'; '${targetId}' is not a ${kindOf(from)} ${inScope(scopeTarget)} in the target version.`,
        });
        continue;
      }
      const flows = arrived.map((flowId) => this.joinFlow(gatewayId, flowId, targetId));
      if (flows.every((flow): flow is string => flow !== undefined)) planned[targetId] = [...(planned[targetId] ?? []), ...flows];
      this.plan.elementIds[gatewayId] = targetId;
    }
    this.plan.joins.set(holderId, planned);
  }

  /** The target join's incoming flow for a token that arrived by `flowId`: mapped, the same id, or the one from where its source goes. */
  private joinFlow(gatewayId: string, flowId: string, targetGatewayId: string): string | undefined {
    const enters = (id: string) => Object.hasOwn(this.target.flows, id) && this.target.flows[id].targetId === targetGatewayId;
    const mapped = targetOf(this.mapping, flowId);
    if (enters(mapped)) return mapped;
    if (!Object.hasOwn(this.mapping, flowId)) {
      const sourceTarget = targetOf(this.mapping, this.source.flows[flowId]?.sourceId ?? '');
      const candidates = Object.values(this.target.flows).filter((flow) => flow.sourceId === sourceTarget && flow.targetId === targetGatewayId);
      if (candidates.length === 1) return candidates[0].id;
    }
    const incoming = nodeIn(this.target, targetGatewayId)?.incoming ?? [];
    this.problem({
      elementId: flowId,
      targetElementId: mapped,
      rule: 'join-unmapped',
      message: `A token arrived at '${gatewayId}' by sequence flow '${flowId}'; map that flow to one of the incoming flows of '${targetGatewayId}' (${incoming.join(', ')}).`,
    });
    return undefined;
  }

  private sourceNode(elementId: string): FlowNode {
    const node = nodeIn(this.source, elementId);
    // Not a domain error: a state naming nodes its own version lacks is a bug, not bad input.
    if (!node) throw new Error(`Process '${this.source.key}' has no flow node '${elementId}' its instance '${this.state.id}' holds.`);
    return node;
  }

  private activity(activityInstanceId: string): ActivityInstance {
    const activity = this.state.activities.find(({ id }) => id === activityInstanceId);
    if (!activity) throw new Error(`Instance '${this.state.id}' has no activity instance '${activityInstanceId}' its waits refer to.`);
    return activity;
  }

  private problem(problem: MigrationProblem): void {
    this.problems.push(problem);
  }
}

const inScope = (scopeElementId: string | undefined) => (scopeElementId === undefined ? 'at the process level' : `in '${scopeElementId}'`);

const marker = (sequential: boolean | undefined) =>
  sequential === undefined ? 'without a multi-instance marker' : `as a ${sequential ? 'sequential' : 'parallel'} multi-instance activity`;
