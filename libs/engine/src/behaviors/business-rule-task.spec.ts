import { describe, expect, it } from '@jest/globals';
import { DECISION_ERRORS } from '../dmn/decision-errors.js';
import { decisionLookupOf } from '../dmn/decision-lookup.js';
import { decisionTable } from '../dmn/testing/decision-table.js';
import { businessRuleTask, endEvent, flow, startEvent, userTask, withIoMapping, type NodeSpec } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** Queue and priority by category and tier; UNIQUE, so overlapping rules fail the evaluation. */
const routing = {
  ...decisionTable({
    inputs: ['category', 'tier'],
    outputs: ['queue', 'priority'],
    rules: [
      ['"complaint"', '"gold"', '"experts"', '1'],
      ['"complaint"', 'not("gold")', '"second-line"', '2'],
      ['not("complaint")', '-', '"first-line"', '3'],
    ],
  }),
  id: 'routing',
  name: 'Routing',
};

/** Only the overlap matters: both rules match any input. */
const overlapping = {
  ...decisionTable({
    inputs: ['x'],
    outputs: ['y'],
    rules: [
      ['-', '1'],
      ['-', '2'],
    ],
  }),
  id: 'overlapping',
};

/** start -> the business-rule task -> a user task (so the instance waits and shows its variables) -> end. */
const model = (task: NodeSpec) => ({
  nodes: [startEvent('start'), task, userTask('handle'), endEvent('end')],
  flows: [flow('f1', 'start', task.id), flow('f2', task.id, 'handle'), flow('f3', 'handle', 'end')],
});

const scenario = async (task: NodeSpec) => {
  const sut = await Scenario.of(model(task));
  sut.decisions = decisionLookupOf([routing, overlapping]);
  return sut;
};

describe('businessRuleTask', () => {
  it('evaluates the decision with the instance variables and writes the result variable, completing at once', async () => {
    // given a task calling the routing decision into `route`
    const sut = await scenario(businessRuleTask('route', 'routing', 'route'));

    // when a gold complaint starts
    const { steps } = sut.start({ category: 'complaint', tier: 'gold' });

    // then the task passed without waiting and the result is a context of both outputs
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'route:ready', 'route:completed', 'handle:ready']);
    expect(sut.state.variables.route).toEqual({ queue: 'experts', priority: 1 });
    expect(waitingAt(sut.state)).toEqual(['handle']);
  });

  it('feeds the decision through input mappings and hands the result back through output mappings', async () => {
    // given inputs renaming the case's variables and an output taking only the queue
    const task = withIoMapping(businessRuleTask('route', 'routing', 'route'), {
      inputs: { category: 'request.kind', tier: 'customer.tier' },
      outputs: { queue: 'route.queue' },
    });
    const sut = await scenario(task);

    // when the case starts with nested data
    sut.start({ request: { kind: 'complaint' }, customer: { tier: 'standard' } });

    // then only the mapped output reaches the instance; the locals and the raw result stay at the task
    expect(sut.state.variables).toEqual({ request: { kind: 'complaint' }, customer: { tier: 'standard' }, queue: 'second-line' });
  });

  it('finds the decision by a FEEL reference evaluated at the task', async () => {
    // given a decision reference computed from a variable
    const sut = await scenario(businessRuleTask('route', '= table', 'route'));

    // when the case names the routing table
    sut.start({ table: 'routing', category: 'inquiry' });

    // then
    expect(sut.state.variables.route).toEqual({ queue: 'first-line', priority: 3 });
  });

  it('discards the result when the task has no result variable', async () => {
    // given a task without a result variable
    const sut = await scenario(businessRuleTask('route', 'routing'));

    // when the case starts
    sut.start({ category: 'inquiry' });

    // then it still passes, and no variable is written
    expect(sut.state.variables).toEqual({ category: 'inquiry' });
    expect(waitingAt(sut.state)).toEqual(['handle']);
  });

  it('refuses the command with DECISION_NOT_FOUND naming the task when the decision is not deployed', async () => {
    // given a task calling a decision nobody deployed, reached by completing a task
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('intake'), businessRuleTask('price', 'pricing', 'price'), endEvent('end')],
      flows: [flow('f1', 'start', 'intake'), flow('f2', 'intake', 'price'), flow('f3', 'price', 'end')],
    });
    sut.decisions = decisionLookupOf([routing]);
    sut.start();
    const before = sut.state;

    // when the intake is completed
    const completion = () => sut.complete('intake');

    // then the command fails and the instance still waits at the intake
    expect(completion).toThrow(domainError(DECISION_ERRORS.decisionNotFound, { elementId: 'price', decisionId: 'pricing' }));
    expect(sut.state).toBe(before);
    expect(waitingAt(sut.state)).toEqual(['intake']);
  });

  it('fails with DECISION_NOT_FOUND when the engine was given no decisions at all', async () => {
    // given no decision lookup
    const sut = await Scenario.of(model(businessRuleTask('route', 'routing', 'route')));

    // when the case starts; then
    expect(() => sut.start({ category: 'inquiry' })).toThrow(domainError(DECISION_ERRORS.decisionNotFound, { elementId: 'route' }));
  });

  it('refuses the command with DECISION_FAILED naming the task, the decision and the rules when the decision fails', async () => {
    // given a UNIQUE decision whose rules overlap
    const sut = await scenario(businessRuleTask('decide', 'overlapping', 'y'));

    // when the case starts; then
    expect(() => sut.start({ x: 1 })).toThrow(domainError(DECISION_ERRORS.decisionFailed, { elementId: 'decide', decisionId: 'overlapping', ruleIds: ['r1', 'r2'] }));
    expect(() => sut.start({ x: 1 })).toThrow(/^Business-rule task 'decide': Decision 'Decision' \(overlapping\) failed: rules 'r1', 'r2' all match/);
  });

  it("is an external task of its type when Camunda 8's zeebe:taskDefinition implements it, and goes on with the worker's variables", async () => {
    // given a business-rule task handed to a job worker
    const sut = await scenario({ tag: 'businessRuleTask', id: 'route', attributes: {}, body: '', extensions: '<zeebe:taskDefinition type="route-case" retries="4" />' });

    // when a case starts, and the worker completes the job
    const { effects } = sut.start({ category: 'complaint' });
    const created = effectsOf(effects, 'externalTaskCreated')[0]?.externalTask;
    const { state } = sut.completeExternal('route', 'w1', { route: { queue: 'experts' } });

    // then the job had the task definition's type and retries, and the case went on
    expect(created).toMatchObject({ elementId: 'route', topic: 'route-case', retries: 4 });
    expect(state.variables.route).toEqual({ queue: 'experts' });
    expect(waitingAt(state)).toEqual(['handle']);
  });
});
