import { describe, expect, it } from '@jest/globals';
import { boundaryEvent, catchEvent, endEvent, eventSubProcess, flow, onCondition, parallelGateway, startEvent, userTask, type NodeSpec } from '../testing/bpmn-xml.js';
import { Scenario, trail, waitingAt } from '../testing/scenario.js';

/** start -> fork -> [work -> end1] and [waitFor (conditional catch) -> after -> end2] */
const catching = {
  nodes: [
    startEvent('start'),
    parallelGateway('fork'),
    userTask('work'),
    catchEvent('waitFor', onCondition('= approved = true')),
    userTask('after'),
    endEvent('end1'),
    endEvent('end2'),
  ],
  flows: [
    flow('f1', 'start', 'fork'),
    flow('f2', 'fork', 'work'),
    flow('f3', 'work', 'end1'),
    flow('f4', 'fork', 'waitFor'),
    flow('f5', 'waitFor', 'after'),
    flow('f6', 'after', 'end2'),
  ],
};

/** start -> case -> end, with the given boundary event on case leading to `react`; `update` beside it sets variables. */
const guarded = (boundary: NodeSpec) => ({
  nodes: [startEvent('start'), parallelGateway('fork'), userTask('case'), userTask('update'), boundary, userTask('react'), endEvent('end1'), endEvent('end2'), endEvent('end3')],
  flows: [
    flow('f1', 'start', 'fork'),
    flow('f2', 'fork', 'case'),
    flow('f3', 'case', 'end1'),
    flow('f4', 'fork', 'update'),
    flow('f5', 'update', 'end2'),
    flow('f6', boundary.id, 'react'),
    flow('f7', 'react', 'end3'),
  ],
});

describe('conditional events', () => {
  it('a catch event whose condition is true when the token arrives passes at once', async () => {
    // given
    const sut = await Scenario.of(catching);

    // when
    const { state } = sut.start({ approved: true });

    // then
    expect(waitingAt(state).sort()).toEqual(['after', 'work']);
  });

  it("a catch event waits until a command's variables make its condition true", async () => {
    // given
    const sut = await Scenario.of(catching);
    sut.start({ approved: false });
    expect(waitingAt(sut.state).sort()).toEqual(['waitFor', 'work']);

    // when
    const { state, steps } = sut.complete('work', { approved: true });

    // then
    expect(trail(steps)).toEqual(['work:started', 'work:completed', 'end1:ready', 'end1:completed', 'waitFor:completed', 'after:ready']);
    expect(waitingAt(state)).toEqual(['after']);
    expect(state.subscriptions).toEqual([]);
  });

  it('an interrupting boundary event cancels its activity when the condition turns true', async () => {
    // given
    const sut = await Scenario.of(guarded(boundaryEvent('overLimit', 'case', onCondition('= amount > 1000'))));
    sut.start({ amount: 10 });

    // when
    const { state, steps } = sut.complete('update', { amount: 5000 });

    // then
    expect(trail(steps)).toContain('case:canceled');
    expect(waitingAt(state)).toEqual(['react']);
  });

  it('a non-interrupting boundary event fires when the condition turns true, and again only after it was false in between', async () => {
    // given a case whose update task can be completed several times (a loop over it)
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        parallelGateway('fork'),
        userTask('case'),
        userTask('update'),
        boundaryEvent('vip', 'case', onCondition('= tier = "gold"'), false),
        userTask('react'),
        endEvent('end1'),
        endEvent('end3'),
      ],
      flows: [
        flow('f1', 'start', 'fork'),
        flow('f2', 'fork', 'case'),
        flow('f3', 'case', 'end1'),
        flow('f4', 'fork', 'update'),
        flow('f5', 'update', 'update'),
        flow('f6', 'vip', 'react'),
        flow('f7', 'react', 'end3'),
      ],
    });
    sut.start({ tier: 'silver' });

    // when the tier becomes gold, is set to gold again, drops, and becomes gold again
    const reactions = ['gold', 'gold', 'silver', 'gold'].map((tier) => {
      sut.complete('update', { tier });
      return sut.waitingAll('react').length;
    });

    // then it fired on the first and the last change only
    expect(reactions).toEqual([1, 1, 1, 2]);
    expect(waitingAt(sut.state)).toContain('case');
  });

  it('an interrupting event sub-process starts when its condition turns true, canceling the rest of the process', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        parallelGateway('fork'),
        userTask('case'),
        userTask('update'),
        endEvent('end1'),
        endEvent('end2'),
        eventSubProcess('takeOver', {
          nodes: [startEvent('risky', onCondition('= risk >= 0.9')), userTask('manager'), endEvent('te')],
          flows: [flow('t1', 'risky', 'manager'), flow('t2', 'manager', 'te')],
        }),
      ],
      flows: [flow('f1', 'start', 'fork'), flow('f2', 'fork', 'case'), flow('f3', 'case', 'end1'), flow('f4', 'fork', 'update'), flow('f5', 'update', 'end2')],
    });
    sut.start({ risk: 0.2 });

    // when
    const { state } = sut.complete('update', { risk: 0.95 });

    // then
    expect(waitingAt(state)).toEqual(['takeOver', 'manager']);
  });

  it('a non-interrupting event sub-process runs beside the process when its condition turns true', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        userTask('case'),
        endEvent('end1'),
        eventSubProcess('notify', {
          nodes: [startEvent('late', onCondition('= reminders > 2'), false), userTask('call'), endEvent('ne')],
          flows: [flow('n1', 'late', 'call'), flow('n2', 'call', 'ne')],
        }),
      ],
      flows: [flow('f1', 'start', 'case'), flow('f2', 'case', 'end1')],
    });
    sut.start({ reminders: 0 });

    // when an operator sets the variable
    const { state } = sut.execute({ type: 'setVariables', variables: { reminders: 3 } });

    // then
    expect(waitingAt(state).sort()).toEqual(['call', 'case', 'notify']);
  });

  it('is not evaluated while the instance is suspended; resuming evaluates it', async () => {
    // given
    const sut = await Scenario.of(guarded(boundaryEvent('overLimit', 'case', onCondition('= amount > 1000'))));
    sut.start({ amount: 10 });
    sut.execute({ type: 'suspendInstance' });

    // when an operator changes the amount while it is suspended, then resumes it
    const whileSuspended = sut.execute({ type: 'setVariables', variables: { amount: 5000 } });
    const resumed = sut.execute({ type: 'resumeInstance' });

    // then
    expect(waitingAt(whileSuspended.state).sort()).toEqual(['case', 'update']);
    expect(waitingAt(resumed.state).sort()).toEqual(['react', 'update']);
  });

  it('a boundary event whose condition is true when its activity starts waiting fires at once', async () => {
    // given
    const sut = await Scenario.of(guarded(boundaryEvent('overLimit', 'case', onCondition('= amount > 1000'))));

    // when
    const { state, steps } = sut.start({ amount: 5000 });

    // then
    expect(trail(steps)).toEqual(expect.arrayContaining(['case:ready', 'case:canceled', 'overLimit:completed', 'react:ready']));
    expect(waitingAt(state).sort()).toEqual(['react', 'update']);
  });
});
