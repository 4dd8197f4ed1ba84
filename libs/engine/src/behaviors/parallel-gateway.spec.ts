import { describe, expect, it } from '@jest/globals';
import { endEvent, flow, parallelGateway, serviceTask, startEvent, userTask } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** start -> fork -> (check | fetch) -> join -> reply -> end */
const forkAndJoin = {
  nodes: [startEvent('start'), parallelGateway('fork'), userTask('check'), serviceTask('fetch', 'crm'), parallelGateway('join'), userTask('reply'), endEvent('end')],
  flows: [
    flow('f1', 'start', 'fork'),
    flow('toCheck', 'fork', 'check'),
    flow('toFetch', 'fork', 'fetch'),
    flow('fromCheck', 'check', 'join'),
    flow('fromFetch', 'fetch', 'join'),
    flow('f2', 'join', 'reply'),
    flow('f3', 'reply', 'end'),
  ],
};

describe('parallelGateway', () => {
  it('forks a token down every outgoing flow', async () => {
    // given
    const sut = await Scenario.of(forkAndJoin);

    // when
    const { state, steps } = sut.start();

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'fork:ready', 'fork:completed', 'check:ready', 'fetch:ready']);
    expect(steps[4].previousActivityInstanceId).toBe(steps[2].activityInstanceId);
    expect(steps[5].previousActivityInstanceId).toBe(steps[2].activityInstanceId);
    expect(waitingAt(state)).toEqual(['check', 'fetch']);
  });

  it('records the first arrival at a join without firing it', async () => {
    // given
    const sut = await Scenario.of(forkAndJoin);
    sut.start();

    // when
    const { state, steps } = sut.complete('check');

    // then
    expect(trail(steps)).toEqual(['check:started', 'check:completed']);
    expect(state.joins).toEqual({ join: ['fromCheck'] });
    expect(waitingAt(state)).toEqual(['fetch']);
  });

  it('fires the join once every incoming flow has arrived, consuming the arrivals', async () => {
    // given
    const sut = await Scenario.of(forkAndJoin);
    sut.start();
    sut.complete('check');
    const fetch = sut.waiting('fetch');

    // when
    const { state, steps } = sut.completeExternal('fetch', 'worker-1');

    // then
    expect(trail(steps)).toEqual(['fetch:started', 'fetch:completed', 'join:ready', 'join:completed', 'reply:ready']);
    expect(steps[2].previousActivityInstanceId).toBe(fetch.id);
    expect(state.joins).toEqual({});
    expect(waitingAt(state)).toEqual(['reply']);
  });

  it('keeps the instance active while an arrival waits at a join', async () => {
    // given a fork whose second branch ends before the join
    const sut = await Scenario.of({
      nodes: [startEvent('start'), parallelGateway('fork'), userTask('a'), userTask('b'), parallelGateway('join'), endEvent('end'), endEvent('early')],
      flows: [
        flow('f1', 'start', 'fork'),
        flow('toA', 'fork', 'a'),
        flow('toB', 'fork', 'b'),
        flow('fromA', 'a', 'join'),
        flow('fromB', 'b', 'early'),
        flow('fromStart', 'fork', 'join'),
        flow('f2', 'join', 'end'),
      ],
    });
    sut.start();
    sut.complete('b');

    // when
    const { state, effects } = sut.complete('a');

    // then
    expect(state.status).toBe('completed');
    expect(effectsOf(effects, 'instanceEnded')).toHaveLength(1);
  });
});
