import type { ProcessGraph } from '#bpmn';
import type { CaseRecord, StepEvent } from '#analytics';
import { DomainError, isDomainError } from '#core';
import {
  execute,
  isEscalatable,
  startInstance,
  type Command,
  type DecisionLookup,
  type Effect,
  type EngineResult,
  type EnginePorts,
  type IdGenerator,
  type InstanceState,
} from '#engine';
import { BRANCH_VARIABLE, branchPlan, drawBranches, type BranchPlan } from './branch-decisions.js';
import { ArrivalProcess, DAY_MS, MINUTE_MS, nextShiftStart } from './calendar.js';
import { sample } from './distributions.js';
import { storedStepEvent } from './stored-step-event.js';
import { MinQueue } from './min-queue.js';
import type { Distribution, SimulationParameters } from './parameters.js';
import { poolOf } from './pool-routing.js';
import { PoolState, type Agent } from './pool-state.js';
import { randomStreams, type RandomStreams } from './random-streams.js';
import { runIds } from './run-ids.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';
import { drawVariables } from './start-variables.js';
import { summarize, type SimulationSummary } from './summary.js';
import { requireValidParameters } from './validate-parameters.js';

/*
 * DESIGN: a discrete-event loop around the engine core, not a second interpreter.
 *
 * The engine decides WHAT happens (every token move, gateway, timer, boundary event, escalation
 * target and step event is the engine's own, from `startInstance` and `execute`); the loop decides
 * WHEN and WHO: it keeps a future event list in virtual time (arrivals, service ends, due timers,
 * task clocks, external task completions, messages, shift starts), points the engine's clock at
 * the event's instant and sends the command a live app would send then. The effects of each result
 * (tasks created or re-queued, timers scheduled, work items closed, instances ended) are read the
 * way the app reads them, to queue tasks in pools and schedule what comes next.
 */

export interface SimulationInput {
  graph: ProcessGraph;
  /** The version the cases run on, as their records name it. */
  processVersionId: string;
  parameters: SimulationParameters;
  /** Ids of instances, activity instances and steps; default: uuid-shaped ids from the seed and a counter. */
  ids?: IdGenerator;
  /** The deployed decisions the process's business-rule tasks evaluate. */
  decisions?: DecisionLookup;
}

export interface SimulationResult {
  /** The step ledger, in the order the engine wrote it, as `libs/analytics` reads it. */
  steps: StepEvent[];
  /** Every case started, in start order; a case still running at the end has no end. */
  cases: CaseRecord[];
  summary: SimulationSummary;
}

/** Activities one simulated case may run before the run stops as a runaway. */
export const MAX_ACTIVITIES_PER_CASE = 500;

/** What an external worker's and a message's duration default to: no time at all. */
const INSTANT: Distribution = { kind: 'fixed', value: 0 };
/** The reason code of simulated escalations. */
const ESCALATION_REASON = 'simulated';

type SimulationEvent =
  | { kind: 'arrival' }
  | { kind: 'shiftStart'; pool: PoolState }
  | { kind: 'serviceEnd'; instanceId: string; activityInstanceId: string; agent: Agent; ticket: number }
  | { kind: 'timer'; instanceId: string; timerId: string }
  | { kind: 'clock'; instanceId: string; activityInstanceId: string; clockId: string }
  | ({ kind: 'externalStart' | 'externalEnd' } & ExternalWork)
  | { kind: 'message'; instanceId: string; subscriptionId: string };

/** An external task a simulated worker (one per topic) locks and completes. */
interface ExternalWork {
  instanceId: string;
  activityInstanceId: string;
  elementId: string;
  workerId: string;
}

/** Where a user task is: waiting in a pool (with the ticket its queue entry holds) or with an agent. */
interface TaskTrack {
  instanceId: string;
  ticket: number;
  priority: number;
  pool: PoolState | null;
  queuedAt: number;
  agent: Agent | null;
}

export function simulate(input: SimulationInput): SimulationResult {
  requireValidParameters(input.parameters, input.graph);
  return new SimulationRun(input).run();
}

class SimulationRun {
  private now: number;
  private readonly arrivalsEnd: number;
  private readonly end: number;
  private readonly window: { from: number; to: number };
  private readonly ports: EnginePorts;
  private readonly random: RandomStreams;
  private readonly plan: BranchPlan;
  private readonly arrivals: ArrivalProcess;
  private readonly pools: PoolState[];
  private readonly events = new MinQueue<SimulationEvent>();
  private readonly instances = new Map<string, InstanceState>();
  private readonly tasks = new Map<string, TaskTrack>();
  private readonly dirtyPools = new Set<PoolState>();
  private readonly steps: StepEvent[] = [];
  private readonly cases: CaseRecord[] = [];
  /** Per case, how often each element became ready: the runaway guard's count. */
  private readonly activityCounts = new Map<string, Map<string, number>>();
  private arrivalsDone = false;
  private open = 0;

  constructor(private readonly input: SimulationInput) {
    const { parameters } = input;
    const start = Date.parse(parameters.start);
    this.now = start;
    this.arrivalsEnd = start + parameters.horizon.days * DAY_MS;
    this.end = this.arrivalsEnd + (parameters.horizon.drainDays ?? 0) * DAY_MS;
    this.window = { from: start + (parameters.horizon.warmUpDays ?? 0) * DAY_MS, to: this.arrivalsEnd };
    this.random = randomStreams(parameters.seed);
    this.ports = {
      clock: { now: () => new Date(this.now) },
      ids: input.ids ?? runIds(parameters.seed),
      ...(input.decisions !== undefined && { decisions: input.decisions }),
    };
    this.plan = branchPlan(input.graph, parameters.branches);
    this.arrivals = new ArrivalProcess(parameters.arrivals, this.random.arrivals);
    this.pools = parameters.pools.map((spec) => new PoolState(spec, this.window));
  }

  run(): SimulationResult {
    this.scheduleArrival(this.now);
    for (const pool of this.pools) this.scheduleShift(pool);
    for (let next = this.events.pop(); next !== undefined && next.key <= this.end; next = this.events.pop()) {
      if (this.arrivalsDone && this.open === 0) break;
      this.now = next.key;
      this.handle(next.item);
      this.dispatch();
    }
    const cases = this.cases.map((record) => this.finalRecord(record));
    const pools = this.pools.map((pool) => pool.figures());
    return { steps: this.steps, cases, summary: summarize({ graph: this.input.graph, steps: this.steps, cases, window: this.window, pools }) };
  }

  /** Events fall on whole milliseconds: the engine's clock and the ledger have no finer time. */
  private schedule(at: number, event: SimulationEvent): void {
    this.events.push(Math.round(at), event);
  }

  private handle(event: SimulationEvent): void {
    switch (event.kind) {
      case 'arrival':
        return this.arrive();
      case 'shiftStart':
        this.dirtyPools.add(event.pool);
        return this.scheduleShift(event.pool);
      case 'serviceEnd':
        return this.endService(event);
      case 'timer':
        if (this.stateOf(event.instanceId)?.timers.some(({ id }) => id === event.timerId)) {
          this.command(event.instanceId, { type: 'fireTimer', timerId: event.timerId }, true);
        }
        return;
      case 'clock': {
        const task = this.activityOf(event.instanceId, event.activityInstanceId);
        if (task?.holding?.clocks.some(({ id }) => id === event.clockId)) {
          this.command(event.instanceId, { type: 'breachTaskClock', activityInstanceId: event.activityInstanceId, clockId: event.clockId }, false);
        }
        return;
      }
      case 'externalStart':
        return this.startExternal(event);
      case 'externalEnd':
        if (this.activityOf(event.instanceId, event.activityInstanceId)) {
          this.command(event.instanceId, { type: 'completeExternalTask', activityInstanceId: event.activityInstanceId, workerId: event.workerId }, true);
        }
        return;
      case 'message':
        if (this.stateOf(event.instanceId)?.subscriptions.some(({ id }) => id === event.subscriptionId)) {
          this.command(event.instanceId, { type: 'correlateMessage', subscriptionId: event.subscriptionId }, true);
        }
        return;
    }
  }

  // Arrivals

  private scheduleArrival(after: number): void {
    const at = this.arrivals.next(after, this.arrivalsEnd);
    if (at === undefined) this.arrivalsDone = true;
    else this.schedule(at, { kind: 'arrival' });
  }

  private arrive(): void {
    const { parameters, processVersionId } = this.input;
    const instanceId = this.ports.ids.next();
    const variables = drawVariables(parameters.variables ?? {}, this.random.variables);
    const customers = parameters.arrivals.customers;
    const businessKey = customers === undefined ? undefined : `customer-${1 + Math.floor(this.random.variables.next() * customers)}`;
    const branches = drawBranches(this.plan, this.random.branches);
    if (branches !== undefined) variables[BRANCH_VARIABLE] = branches;
    this.cases.push({ instanceId, processVersionId, businessKey: businessKey ?? null, status: 'active', startedAt: this.now, endedAt: null, variables: {} });
    this.open += 1;
    const result = this.engine(instanceId, () =>
      startInstance(this.plan.graph, { type: 'start', instanceId, processVersionId, ...(businessKey !== undefined && { businessKey }), variables }, this.ports),
    );
    this.apply(instanceId, result);
    this.scheduleArrival(this.now);
  }

  // Agents

  private scheduleShift(pool: PoolState): void {
    const at = nextShiftStart(pool.spec.hours, this.now);
    if (at !== undefined) this.schedule(at, { kind: 'shiftStart', pool });
  }

  /** Every pool that gained work or an idle agent hands queued tasks to idle agents on duty. */
  private dispatch(): void {
    while (this.dirtyPools.size > 0) {
      const [pool] = this.dirtyPools;
      this.dirtyPools.delete(pool);
      while (pool.canDispatch(this.now)) {
        const queued = pool.takeNext(({ activityInstanceId, ticket }) => {
          const track = this.tasks.get(activityInstanceId);
          return track !== undefined && track.ticket === ticket && track.pool === pool && track.agent === null;
        });
        if (queued === undefined) break;
        this.startService(pool, queued.activityInstanceId);
      }
    }
  }

  private startService(pool: PoolState, activityInstanceId: string): void {
    const track = this.tasks.get(activityInstanceId)!;
    const agent = pool.assign(activityInstanceId, track.queuedAt, this.now);
    track.agent = agent;
    const task = this.activityOf(track.instanceId, activityInstanceId)!;
    // A task the model assigns to someone is worked in that person's name.
    const actor = task.assignee ?? agent.name;
    this.command(track.instanceId, { type: 'claimTask', activityInstanceId, actor, start: true }, false);
    this.scheduleServiceEnd({ kind: 'serviceEnd', instanceId: track.instanceId, activityInstanceId, agent, ticket: track.ticket }, task.elementId);
  }

  private scheduleServiceEnd(event: SimulationEvent & { kind: 'serviceEnd' }, elementId: string): void {
    const minutes = sample(this.durationOf(elementId), this.random.durations);
    this.schedule(this.now + minutes * MINUTE_MS, event);
  }

  private endService(event: SimulationEvent & { kind: 'serviceEnd' }): void {
    const { instanceId, activityInstanceId, agent, ticket } = event;
    const track = this.tasks.get(activityInstanceId);
    // The task was canceled (a boundary event, the instance ended) or re-queued while worked on.
    if (track === undefined || track.agent !== agent || track.ticket !== ticket) return;
    const task = this.activityOf(instanceId, activityInstanceId)!;
    const actor = task.assignee ?? agent.name;
    const escalation = this.input.parameters.escalations?.[task.elementId] ?? 0;
    // A task already at the last lane with groups has nowhere further to go: the agent completes it.
    const escalatable = escalation > 0 && isEscalatable(this.plan.graph, task.elementId, task.holding?.laneId ?? null);
    if (escalatable && this.random.escalations.next() < escalation) {
      this.command(instanceId, { type: 'escalateTask', activityInstanceId, actor, reasonCode: ESCALATION_REASON }, true);
      // A non-interrupting escalation catch leaves the task with its holder: the agent carries on.
      const kept = this.activityOf(instanceId, activityInstanceId);
      if (kept !== undefined && kept.assignee === actor && this.tasks.get(activityInstanceId)?.agent === agent) {
        this.command(instanceId, { type: 'startTask', activityInstanceId, actor }, false);
        this.scheduleServiceEnd(event, task.elementId);
      }
      return;
    }
    this.command(instanceId, { type: 'completeTask', activityInstanceId, actor }, true);
  }

  private durationOf(elementId: string): Distribution {
    const given = this.input.parameters.durations?.[elementId];
    if (given !== undefined) return given;
    const node = this.input.graph.nodes[elementId];
    const minutes = node.type === 'userTask' ? node.lean.standardMinutes : undefined;
    // The designer's estimate as a skewed distribution around it; validation made sure a user task has one.
    return minutes === undefined || minutes <= 0 ? INSTANT : { kind: 'logNormal', mean: minutes, sd: minutes / 2 };
  }

  // Queues

  private queueTask(instanceId: string, activityInstanceId: string, groups: readonly string[], laneId: string | null | undefined, priority?: number): void {
    const state = poolOf(this.pools, groups, laneId);
    if (state === undefined) {
      throw new DomainError(SIMULATION_ERRORS.noPool, `No pool works the groups ${groups.join(', ') || 'none'} (lane ${laneId ?? 'none'}) a task was queued for.`, {
        instanceId,
        activityInstanceId,
        groups,
        laneId,
      });
    }
    const previous = this.tasks.get(activityInstanceId);
    if (previous !== undefined) this.leave(previous);
    const track: TaskTrack = {
      instanceId,
      ticket: (previous?.ticket ?? 0) + 1,
      priority: priority ?? previous?.priority ?? 0,
      pool: state,
      queuedAt: this.now,
      agent: null,
    };
    this.tasks.set(activityInstanceId, track);
    state.enqueue({ activityInstanceId, ticket: track.ticket }, track.priority, this.now);
    this.dirtyPools.add(state);
  }

  /** The task leaves its queue, or its agent is free again. */
  private leave(track: TaskTrack): void {
    if (track.pool === null) return;
    if (track.agent !== null) track.pool.release(track.agent, this.now);
    else track.pool.withdraw(this.now);
    this.dirtyPools.add(track.pool);
    track.agent = null;
    track.pool = null;
  }

  // External work

  /** A worker fetches and locks the external task at once, and completes it after its duration. */
  private startExternal(event: ExternalWork): void {
    const { instanceId, activityInstanceId, elementId, workerId } = event;
    if (!this.activityOf(instanceId, activityInstanceId)) return;
    this.command(instanceId, { type: 'lockExternalTask', activityInstanceId, workerId }, false);
    const minutes = sample(this.durationOf(elementId), this.random.durations);
    this.schedule(this.now + minutes * MINUTE_MS, { ...event, kind: 'externalEnd' });
  }

  // The engine

  /**
   * Sends a command; one that may move tokens past a planned gateway carries fresh branch draws:
   * in a completion's own variables when the activity hands them all back (no output mappings),
   * else set on the instance just before.
   */
  private command(instanceId: string, command: Command, movesTokens: boolean): void {
    const branches = movesTokens ? drawBranches(this.plan, this.random.branches) : undefined;
    let sent = command;
    if (branches !== undefined && (command.type === 'completeTask' || command.type === 'completeExternalTask') && this.handsBackVariables(instanceId, command)) {
      sent = { ...command, variables: { ...command.variables, [BRANCH_VARIABLE]: branches } };
    } else if (branches !== undefined) {
      const set: Command = { type: 'setVariables', variables: { [BRANCH_VARIABLE]: branches }, actor: 'simulation' };
      this.apply(
        instanceId,
        this.engine(instanceId, () => execute(this.plan.graph, this.stateOf(instanceId)!, set, this.ports), set),
      );
    }
    this.apply(
      instanceId,
      this.engine(instanceId, () => execute(this.plan.graph, this.stateOf(instanceId)!, sent, this.ports), sent),
    );
  }

  private handsBackVariables(instanceId: string, command: { activityInstanceId: string }): boolean {
    const activity = this.activityOf(instanceId, command.activityInstanceId);
    const node = activity === undefined ? undefined : this.plan.graph.nodes[activity.elementId];
    if (node === undefined) return false;
    return !('ioMapping' in node) || (node.ioMapping?.outputs.length ?? 0) === 0;
  }

  private engine(instanceId: string, call: () => EngineResult, command?: Command): EngineResult {
    try {
      return call();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      throw new DomainError(SIMULATION_ERRORS.engineRefused, `The engine refused ${command?.type ?? 'start'} on simulated case ${instanceId}: ${error.message}`, {
        instanceId,
        command: command?.type ?? 'start',
        code: error.code,
        ...error.details,
      });
    }
  }

  /** Keeps the new state and the steps, and reacts to the effects as the live app does. */
  private apply(instanceId: string, result: EngineResult): void {
    this.instances.set(instanceId, result.state);
    for (const step of result.steps) this.steps.push(storedStepEvent(step, this.now));
    this.countActivities(instanceId, result);
    for (const effect of result.effects) this.react(instanceId, effect, result.state);
  }

  /** Stops a run whose case loops for ever, naming the case and the element it keeps coming back to. */
  private countActivities(instanceId: string, result: EngineResult): void {
    const ready = result.steps.filter((step) => step.type === 'ready');
    if (ready.length === 0) return;
    const counts = this.activityCounts.get(instanceId) ?? new Map<string, number>();
    this.activityCounts.set(instanceId, counts);
    for (const step of ready) counts.set(step.elementId, (counts.get(step.elementId) ?? 0) + 1);
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    if (total <= MAX_ACTIVITIES_PER_CASE) return;
    const [elementId, times] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    throw new DomainError(
      SIMULATION_ERRORS.runawayCase,
      `Simulated case ${instanceId} ran more than ${MAX_ACTIVITIES_PER_CASE} activities (${elementId} ${times} times): it loops; give branch shares for the gateway that sends it back (parameters.branches)`,
      { instanceId, elementId, times, field: 'parameters.branches' },
    );
  }

  private react(instanceId: string, effect: Effect, state: InstanceState): void {
    switch (effect.kind) {
      case 'taskCreated': {
        const { task } = effect;
        this.queueTask(instanceId, task.id, task.candidateGroups, task.laneId, task.priority);
        const activity = state.activities.find(({ id }) => id === task.id);
        for (const clock of activity?.holding?.clocks ?? []) {
          this.schedule(Date.parse(clock.dueAt), { kind: 'clock', instanceId, activityInstanceId: task.id, clockId: clock.id });
        }
        return;
      }
      case 'taskUpdated':
        // Escalated or given back: it waits again, in the queue of whoever it is offered to now.
        if (effect.state === 'ready') this.queueTask(instanceId, effect.taskId, effect.candidateGroups, effect.laneId);
        return;
      case 'taskClosed': {
        const track = this.tasks.get(effect.id);
        if (track !== undefined) this.leave(track);
        this.tasks.delete(effect.id);
        return;
      }
      case 'externalTaskCreated':
        this.schedule(this.now, {
          kind: 'externalStart',
          instanceId,
          activityInstanceId: effect.externalTask.id,
          elementId: effect.externalTask.elementId,
          workerId: `worker-${effect.externalTask.topic}`,
        });
        return;
      case 'timerScheduled':
        this.schedule(Math.max(this.now, Date.parse(effect.timer.dueAt)), { kind: 'timer', instanceId, timerId: effect.timer.id });
        return;
      case 'subscriptionOpened': {
        const { subscription } = effect;
        const duration = this.input.parameters.durations?.[subscription.elementId];
        // A message arrives after its element's duration; without one it never comes (as in a live system nobody sends it).
        if (subscription.eventType !== 'message' || duration === undefined) return;
        const at = this.now + sample(duration, this.random.durations) * MINUTE_MS;
        this.schedule(at, { kind: 'message', instanceId, subscriptionId: subscription.id });
        return;
      }
      case 'instanceEnded':
        this.open -= 1;
        return;
      default:
        return;
    }
  }

  private stateOf(instanceId: string): InstanceState | undefined {
    const state = this.instances.get(instanceId);
    return state?.status === 'active' ? state : undefined;
  }

  private activityOf(instanceId: string, activityInstanceId: string) {
    return this.stateOf(instanceId)?.activities.find(({ id }) => id === activityInstanceId);
  }

  /** The case as it stands at the end of the run, without the simulator's own branch variable. */
  private finalRecord(record: CaseRecord): CaseRecord {
    const state = this.instances.get(record.instanceId);
    if (state === undefined) return record;
    const { [BRANCH_VARIABLE]: _drawn, ...variables } = state.variables;
    return { ...record, status: state.status, endedAt: state.endedAt === undefined ? null : Date.parse(state.endedAt), variables };
  }
}
