import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { boundaryTimer, endEvent, flow, startEvent, userTask, withIoMapping, withMultiInstance, type MultiInstanceSpec, type NodeSpec } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { Scenario, trail, waitingAt } from '../testing/scenario.js';

/** start -> approve (multi-instance with the given settings) -> end, optionally with more nodes attached. */
const approving = (settings: MultiInstanceSpec, extra: { task?: (spec: NodeSpec) => NodeSpec; nodes?: NodeSpec[] } = {}) => ({
  nodes: [startEvent('start'), withMultiInstance((extra.task ?? ((spec) => spec))(userTask('approve')), settings), endEvent('end'), ...(extra.nodes ?? [])],
  flows: [flow('f1', 'start', 'approve'), flow('f2', 'approve', 'end'), ...(extra.nodes ?? []).map((node, index) => flow(`x${index}`, node.id, 'end'))],
});

const items = (sut: Scenario) => sut.waitingAll('approve').filter(({ elementType }) => elementType === 'userTask');

describe('multi-instance activity', () => {
  it('fails with EXPRESSION_FAILED naming the activity when the input collection is not a list, starting nothing', async () => {
    // given
    const sut = await Scenario.of(approving({ inputCollection: '= lineItems', inputElement: 'item' }));

    // when
    const start = () => sut.start({ lineItems: 'A, B' });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'approve', expression: 'lineItems' }));
  });

  it('fails with EXPRESSION_FAILED when the loop cardinality is not a whole number', async () => {
    // given
    const sut = await Scenario.of(approving({ loopCardinality: '= copies' }));

    // when
    const start = () => sut.start({ copies: 2.5 });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'approve', expression: 'copies' }));
  });

  it('gives the completion condition the output collection gathered so far, over an instance variable of the same name', async () => {
    // given a stale `votes` on the instance that would end the activity at once
    const sut = await Scenario.of(
      approving({
        inputCollection: '= reviewers',
        inputElement: 'reviewer',
        outputCollection: 'votes',
        outputElement: '= yes',
        completionCondition: '= count(votes[item = true]) >= 2',
      }),
    );
    sut.start({ reviewers: ['ann', 'bob', 'cy'], votes: [true, true, true] });
    const [ann, bob] = items(sut);

    // when
    const first = sut.execute({ type: 'completeTask', activityInstanceId: ann.id, variables: { yes: true } });
    const second = sut.execute({ type: 'completeTask', activityInstanceId: bob.id, variables: { yes: true } });

    // then the first yes was not enough, the second was; the open third instance is canceled
    expect(waitingAt(first.state)).toEqual(['approve', 'approve', 'approve']);
    expect(trail(second.steps)).toEqual(['approve:started', 'approve:completed', 'approve:canceled', 'approve:completed', 'end:ready', 'end:completed']);
    expect(second.state.variables.votes).toEqual([true, true, null]);
  });

  it('counts numberOfInstances, numberOfActiveInstances and numberOfCompletedInstances for the output element and condition', async () => {
    // given each instance records how many were still active when it completed
    const sut = await Scenario.of(
      approving({ inputCollection: '= [1, 2, 3]', outputCollection: 'counts', outputElement: '= [numberOfInstances, numberOfActiveInstances, numberOfCompletedInstances]' }),
    );
    sut.start();

    // when the items complete in reverse order
    for (const inner of items(sut).reverse()) sut.execute({ type: 'completeTask', activityInstanceId: inner.id });

    // then the outputs sit in item order
    expect(sut.state.variables.counts).toEqual([
      [3, 0, 3],
      [3, 1, 2],
      [3, 2, 1],
    ]);
  });

  it('keeps the item and loopCounter local to each inner instance: they never reach the instance', async () => {
    // given
    const sut = await Scenario.of(approving({ sequential: true, inputCollection: '= lineItems', inputElement: 'item' }));
    sut.start({ lineItems: ['A', 'B'] });

    // when
    const seen = [items(sut)[0].variables];
    sut.execute({ type: 'completeTask', activityInstanceId: items(sut)[0].id });
    seen.push(items(sut)[0].variables);
    sut.execute({ type: 'completeTask', activityInstanceId: items(sut)[0].id });

    // then
    expect(seen).toEqual([
      { item: 'A', loopCounter: 1 },
      { item: 'B', loopCounter: 2 },
    ]);
    expect(sut.state).toMatchObject({ status: 'completed', variables: { lineItems: ['A', 'B'] } });
    expect(sut.state.variables).not.toHaveProperty('item');
  });

  it('applies its input mappings to every inner instance, which can read its item', async () => {
    // given
    const sut = await Scenario.of(
      approving({ inputCollection: '= lineItems', inputElement: 'item' }, { task: (task) => withIoMapping(task, { inputs: { sku: '= item.sku', position: '= loopCounter' } }) }),
    );

    // when
    sut.start({ lineItems: [{ sku: 'A-1' }, { sku: 'B-2' }] });

    // then
    expect(items(sut).map(({ variables }) => variables)).toEqual([
      { item: { sku: 'A-1' }, loopCounter: 1, sku: 'A-1', position: 1 },
      { item: { sku: 'B-2' }, loopCounter: 2, sku: 'B-2', position: 2 },
    ]);
  });

  it('refuses a completing command whose output element fails (EXPRESSION_FAILED), changing nothing', async () => {
    // given
    const sut = await Scenario.of(approving({ inputCollection: '= [1, 2]', outputCollection: 'totals', outputElement: '= amount * 2' }));
    sut.start();
    const before = sut.state;

    // when
    const complete = () => sut.execute({ type: 'completeTask', activityInstanceId: items(sut)[0].id, variables: { amount: 'ten' } });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'approve', expression: 'amount * 2' }));
    expect(sut.state).toBe(before);
  });

  it('holds a non-interrupting boundary timer on its body: firing it leaves every inner instance waiting', async () => {
    // given
    const sut = await Scenario.of(approving({ inputCollection: '= [1, 2]' }, { nodes: [boundaryTimer('remind', 'approve', 'PT1H', false)] }));
    sut.start();

    // when
    const { state, steps } = sut.fire('remind');

    // then
    expect(trail(steps)).toEqual(['remind:ready', 'remind:completed', 'end:ready', 'end:completed']);
    expect(state.activities.map(({ elementType }) => elementType)).toEqual(['multiInstanceBody', 'userTask', 'userTask']);
  });
});
