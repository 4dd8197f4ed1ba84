import { loadBpmn, type ProcessGraph } from '#bpmn';
import { execute } from '../execute.js';
import type { Command, EngineResult } from '../model/commands.js';
import type { Effect } from '../model/effects.js';
import type { DecisionLookup, EnginePorts } from '../model/ports.js';
import type { ActivityInstance, InstanceState, ParentLink, Subscription, Timer, Variables } from '../model/state.js';
import type { StepEvent } from '../model/steps.js';
import { startInstance } from '../start-instance.js';
import { bpmnXml, type ModelSpec } from './bpmn-xml.js';
import { CounterIds } from './counter-ids.js';
import { FakeClock } from './fake-clock.js';

/** Compiles a test model; a model with validation errors fails the test with the problem list. */
export async function compile(model: ModelSpec | string): Promise<ProcessGraph> {
  const { processes, problems } = await loadBpmn(typeof model === 'string' ? model : bpmnXml(model));
  if (processes.length !== 1) {
    const errors = problems.filter(({ severity }) => severity === 'error');
    throw new Error(`The test model does not compile: ${JSON.stringify(errors, null, 2)}`);
  }
  return processes[0];
}

/**
 * Runs one instance of a test model command by command, keeping the latest state, with a fake
 * clock the test advances by hand and counter ids. Shortcuts address waiting work by element id.
 */
export class Scenario {
  readonly clock = new FakeClock();
  readonly ids = new CounterIds();
  /** The deployed decisions business-rule tasks find; none unless the test deploys some. */
  decisions: DecisionLookup | undefined;
  private current: InstanceState | undefined;

  private constructor(readonly graph: ProcessGraph) {}

  static async of(model: ModelSpec | string): Promise<Scenario> {
    return new Scenario(await compile(model));
  }

  static forGraph(graph: ProcessGraph): Scenario {
    return new Scenario(graph);
  }

  get state(): InstanceState {
    if (!this.current) throw new Error('The scenario has not started an instance yet.');
    return this.current;
  }

  get ports(): EnginePorts {
    return { clock: this.clock, ids: this.ids, ...(this.decisions && { decisions: this.decisions }) };
  }

  start(variables?: Variables, businessKey?: string, startEventId?: string): EngineResult {
    const command = { type: 'start', instanceId: 'instance-1', processVersionId: 'version-1', businessKey, variables, startEventId } as const;
    return this.keep(startInstance(this.graph, command, this.ports));
  }

  /** Starts the instance at the element instead of at a start event (a case moved in). */
  startBefore(elementId: string, variables?: Variables, businessKey?: string): EngineResult {
    const command = { type: 'start', instanceId: 'instance-1', processVersionId: 'version-1', businessKey, variables, startBefore: elementId } as const;
    return this.keep(startInstance(this.graph, command, this.ports));
  }

  /** Starts the instance as the child a call activity started (its parent link set). */
  startCalled(parent: ParentLink, variables?: Variables): EngineResult {
    return this.keep(startInstance(this.graph, { type: 'start', instanceId: 'instance-1', processVersionId: 'version-1', variables, parent }, this.ports));
  }

  execute(command: Command): EngineResult {
    return this.keep(execute(this.graph, this.state, command, this.ports));
  }

  /** The one activity instance waiting at the element. */
  waiting(elementId: string): ActivityInstance {
    const found = this.state.activities.filter((activity) => activity.elementId === elementId);
    if (found.length !== 1) throw new Error(`Expected one activity waiting at '${elementId}', found ${found.length}.`);
    return found[0];
  }

  /** Every activity instance waiting at the element (multi-instance inner instances, a body and its items). */
  waitingAll(elementId: string): ActivityInstance[] {
    return this.state.activities.filter((activity) => activity.elementId === elementId);
  }

  /** The one open subscription of the catching element. */
  subscription(elementId: string): Subscription {
    const found = this.state.subscriptions.filter((subscription) => subscription.elementId === elementId);
    if (found.length !== 1) throw new Error(`Expected one subscription of '${elementId}', found ${found.length}.`);
    return found[0];
  }

  /** The one scheduled timer of the timer event. */
  timer(elementId: string): Timer {
    const found = this.state.timers.filter((timer) => timer.elementId === elementId);
    if (found.length !== 1) throw new Error(`Expected one timer of '${elementId}', found ${found.length}.`);
    return found[0];
  }

  claim(elementId: string, actor: string): EngineResult {
    return this.execute({ type: 'claimTask', activityInstanceId: this.waiting(elementId).id, actor });
  }

  complete(elementId: string, variables?: Variables, actor?: string): EngineResult {
    return this.execute({ type: 'completeTask', activityInstanceId: this.waiting(elementId).id, actor, variables });
  }

  lock(elementId: string, workerId: string): EngineResult {
    return this.execute({ type: 'lockExternalTask', activityInstanceId: this.waiting(elementId).id, workerId });
  }

  completeExternal(elementId: string, workerId: string, variables?: Variables): EngineResult {
    return this.execute({ type: 'completeExternalTask', activityInstanceId: this.waiting(elementId).id, workerId, variables });
  }

  fire(elementId: string): EngineResult {
    return this.execute({ type: 'fireTimer', timerId: this.timer(elementId).id });
  }

  correlate(elementId: string, variables?: Variables): EngineResult {
    return this.execute({ type: 'correlateMessage', subscriptionId: this.subscription(elementId).id, variables });
  }

  signal(signalName: string, variables?: Variables): EngineResult {
    return this.execute({ type: 'receiveSignal', signalName, variables });
  }

  completeCall(elementId: string, variables?: Variables): EngineResult {
    return this.execute({ type: 'completeCallActivity', activityInstanceId: this.waiting(elementId).id, variables });
  }

  /** The kept state is frozen, so an engine that mutated its input state would throw on the next command. */
  private keep(result: EngineResult): EngineResult {
    this.current = deepFreeze(result.state);
    return result;
  }
}

/** Steps as `elementId:type`, the sequence tests assert on. */
export const trail = (steps: StepEvent[]): string[] => steps.map(({ elementId, type }) => `${elementId}:${type}`);

/** The element ids where tokens wait. */
export const waitingAt = (state: InstanceState): string[] => state.activities.map(({ elementId }) => elementId);

/** The effects of one kind, narrowed. */
export const effectsOf = <K extends Effect['kind']>(effects: Effect[], kind: K): Extract<Effect, { kind: K }>[] =>
  effects.filter((effect): effect is Extract<Effect, { kind: K }> => effect.kind === kind);

/** Freezes a state all the way down, so any mutation by the engine throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
