import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { endEvent, flow, scriptTask, startEvent, task, userTask, withStandardLoop, type NodeSpec } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { Scenario, trail } from '../testing/scenario.js';

const looping = (activity: NodeSpec) => ({
  nodes: [startEvent('start'), activity, endEvent('end')],
  flows: [flow('f1', 'start', activity.id), flow('f2', activity.id, 'end')],
});

describe('standard loop', () => {
  it('gives each iteration its loopCounter, which the loop condition can test', async () => {
    // given a loop that runs three times on its counter alone
    const sut = await Scenario.of(looping(withStandardLoop(userTask('call'), { condition: '= loopCounter < 3' })));
    sut.start();

    // when
    const counters: (number | undefined)[] = [];
    while (sut.state.status === 'active') {
      counters.push(sut.waiting('call').loopCounter);
      sut.complete('call');
    }

    // then
    expect(counters).toEqual([1, 2, 3]);
    expect(sut.state.variables).toEqual({});
  });

  it('chains its iterations: each one is ready right after the previous one, which it names as its predecessor', async () => {
    // given
    const sut = await Scenario.of(looping(withStandardLoop(userTask('call'), { condition: '= loopCounter < 2' })));
    sut.start();
    const first = sut.waiting('call');

    // when
    const { steps } = sut.complete('call');

    // then
    expect(trail(steps)).toEqual(['call:started', 'call:completed', 'call:ready']);
    expect(steps[2].previousActivityInstanceId).toBe(first.id);
    expect(sut.waiting('call').id).not.toBe(first.id);
  });

  it('runs once when it has no loop condition', async () => {
    // given
    const sut = await Scenario.of(looping(withStandardLoop(userTask('call'), {})));
    sut.start();

    // when
    const { state } = sut.complete('call');

    // then
    expect(state.status).toBe('completed');
  });

  it('refuses the completing command when the loop condition fails (EXPRESSION_FAILED), naming the activity', async () => {
    // given
    const sut = await Scenario.of(looping(withStandardLoop(userTask('call'), { condition: '= attempts + 1 < 3' })));
    sut.start();
    const before = sut.state;

    // when
    const complete = () => sut.complete('call', { attempts: 'one' });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'call', expression: 'attempts + 1 < 3' }));
    expect(sut.state).toBe(before);
  });

  it('stops at loopMaximum with testBefore too', async () => {
    // given an instant activity whose condition always holds
    const sut = await Scenario.of(looping(withStandardLoop(scriptTask('tick', 'loopCounter', 'last'), { condition: '= true', testBefore: true, maximum: 4 })));

    // when
    const { state } = sut.start();

    // then
    expect(state).toMatchObject({ status: 'completed', variables: { last: 4 } });
  });

  it('fails with LOOP_LIMIT_EXCEEDED when instant iterations never stop and there is no loopMaximum', async () => {
    // given
    const sut = await Scenario.of(looping(withStandardLoop(task('tick'), { condition: '= true' })));

    // when
    const start = () => sut.start();

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.loopLimitExceeded, { elementId: 'tick' }));
  });
});
