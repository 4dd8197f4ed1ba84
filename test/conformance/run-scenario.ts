import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadBpmn, type ProcessGraph } from '#bpmn';
import { nextTick, planTimer, type ActivityInstance, type Command, type Effect, type EngineResult, type StepEvent, type Timer } from '#engine';
import { compile, Scenario } from '../../libs/engine/src/testing/scenario.js';
import type { ConformanceScenario, Expectation, RefusedScenario, StartSpec, Step } from './conformance-scenario.js';

const modelXml = (model: string): string => readFileSync(new URL(`./models/${model}.bpmn`, import.meta.url), 'utf8');

/** Runs a scenario step by step against the pure engine, checking its expectations on the way and at the end. */
export async function runScenario(scenario: ConformanceScenario): Promise<void> {
  const graph = await compile(modelXml(scenario.model));
  const run = new Run(Scenario.forGraph(graph));
  run.start(scenario.start ?? {});
  for (const step of scenario.steps ?? []) run.apply(step);
  run.check(scenario.then);
}

/** Validates a model the engine must refuse and checks each expected problem names its element. */
export async function runRefused(scenario: RefusedScenario): Promise<void> {
  const { processes, problems } = await loadBpmn(modelXml(scenario.model));
  const errors = problems.filter(({ severity }) => severity === 'error').map(({ elementId, rule }) => ({ elementId, rule }));
  expect(processes).toEqual([]);
  expect(errors).toEqual(expect.arrayContaining(scenario.refused));
}

class Run {
  private readonly steps: StepEvent[] = [];
  private readonly effects: Effect[] = [];

  constructor(private readonly sut: Scenario) {}

  start({ variables, businessKey, startEventId, timer, called }: StartSpec): void {
    if (timer) {
      const dues = timerStartDues(this.sut.graph, startEventId ?? '', this.sut.clock.now().toISOString(), timer.due.length + 1);
      expect(dues.slice(0, timer.due.length)).toEqual(timer.due);
      expect(dues.length > timer.due.length).toBe(timer.endless === true);
    }
    if (called) this.record(this.sut.startCalled({ instanceId: 'parent-1', activityInstanceId: 'call-1' }, variables));
    else this.record(this.sut.start(variables, businessKey, startEventId));
  }

  apply(step: Step): void {
    if (step.do === 'advance') {
      this.sut.clock.advance(step.by);
      return;
    }
    if (step.do === 'check') {
      this.check(step.expect);
      return;
    }
    const command = this.command(step);
    if (step.fails === undefined) {
      this.record(this.sut.execute(command));
      return;
    }
    const before = this.sut.state;
    expect(() => this.sut.execute(command)).toThrow(expect.objectContaining({ code: step.fails }));
    expect(this.sut.state).toBe(before);
  }

  check(expected: Expectation): void {
    const { state } = this.sut;
    const label = (elementId: string, type: string) => (type === 'multiInstanceBody' ? `${elementId} (body)` : elementId);
    const path = this.steps.filter(({ type }) => type === 'ready').map(({ elementId, elementType }) => label(elementId, elementType));
    const sorted = (ids: string[]) => [...ids].sort();
    if (expected.path) expect(path).toEqual(expected.path);
    if (expected.pathInAnyOrder) expect(sorted(path)).toEqual(sorted(expected.pathInAnyOrder));
    if (expected.canceled) expect(this.steps.filter(({ type }) => type === 'canceled').map(({ elementId }) => elementId)).toEqual(expected.canceled);
    if (expected.waiting) expect(sorted(state.activities.map(({ elementId, elementType }) => label(elementId, elementType)))).toEqual(sorted(expected.waiting));
    if (expected.status) expect(state.status).toBe(expected.status);
    if (expected.variables) expect(state.variables).toEqual(expected.variables);
    if (expected.timers) expect(state.timers.map(({ elementId, dueAt }) => ({ elementId, dueAt }))).toEqual(expected.timers);
    if (expected.subscriptions) {
      const open = state.subscriptions.map(({ elementId, eventType, name, correlationKey }) => ({
        elementId,
        eventType,
        name,
        ...(correlationKey !== undefined && { correlationKey }),
      }));
      expect(open).toEqual(expected.subscriptions);
    }
    for (const effect of expected.effects ?? []) expect(this.effects).toContainEqual(partially(effect));
  }

  private record(result: EngineResult): void {
    this.steps.push(...result.steps);
    this.effects.push(...result.effects);
  }

  private command(step: Exclude<Step, { do: 'advance' | 'check' }>): Command {
    switch (step.do) {
      case 'complete':
        return { type: 'completeTask', activityInstanceId: this.target(step.element, step.item).id, variables: step.variables, actor: step.actor };
      case 'claim':
        return { type: 'claimTask', activityInstanceId: this.target(step.element, step.item).id, actor: step.actor };
      case 'completeExternal':
        return { type: 'completeExternalTask', activityInstanceId: this.target(step.element, step.item).id, workerId: 'worker-1', variables: step.variables };
      case 'completeCall':
        return { type: 'completeCallActivity', activityInstanceId: this.target(step.element, step.item).id, variables: step.variables };
      case 'throwError': {
        const { errorCode, variables, sequence } = step;
        return { type: 'throwError', activityInstanceId: this.target(step.element, step.item).id, errorCode, workerId: 'worker-1', variables, sequence };
      }
      case 'throwEscalation':
        return { type: 'throwEscalation', activityInstanceId: this.target(step.element, step.item).id, escalationCode: step.escalationCode, sequence: step.sequence };
      case 'setVariables':
        return { type: 'setVariables', variables: step.variables };
      case 'fire':
        return { type: 'fireTimer', timerId: this.sut.timer(step.element).id };
      case 'correlate':
        return { type: 'correlateMessage', subscriptionId: this.sut.subscription(step.element).id, variables: step.variables };
      case 'signal':
        return { type: 'receiveSignal', signalName: step.name, variables: step.variables };
    }
  }

  /** The one waiting activity instance of the element (not a multi-instance body), or the inner instance of that item. */
  private target(elementId: string, item: number | undefined): ActivityInstance {
    const found = this.sut.state.activities.filter(
      (activity) => activity.elementId === elementId && activity.elementType !== 'multiInstanceBody' && (item === undefined || activity.loopCounter === item),
    );
    if (found.length !== 1) throw new Error(`Expected one activity instance waiting at '${elementId}'${item === undefined ? '' : ` for item ${item}`}, found ${found.length}.`);
    return found[0];
  }
}

/** The instants the app would schedule a process-level timer start event at: its plan, then each next tick. */
function timerStartDues(graph: ProcessGraph, startEventId: string, at: string, count: number): string[] {
  const start = graph.nodes[startEventId];
  if (start?.type !== 'startEvent' || start.eventDefinition?.type !== 'timer') throw new Error(`'${startEventId}' is not a timer start event.`);
  const dues: string[] = [];
  let timer: Pick<Timer, 'dueAt' | 'repeat' | 'elementId'> | undefined = { ...planTimer(start.eventDefinition, at, startEventId), elementId: startEventId };
  while (timer && dues.length < count) {
    dues.push(timer.dueAt);
    const next = nextTick(timer);
    timer = next && { ...next, elementId: startEventId };
  }
  return dues;
}

/** Matches objects by the properties given, at every depth, arrays element by element; variables (handed to a child or a signal) exactly. */
function partially(expected: unknown): unknown {
  if (Array.isArray(expected)) return expected.map(partially);
  if (expected !== null && typeof expected === 'object') {
    return expect.objectContaining(Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, key === 'variables' ? value : partially(value)])));
  }
  return expected;
}
