import { describe, expect, it } from '@jest/globals';
import { catchEvent, endEvent, flow, onLink, startEvent, subProcess, throwEvent, userTask } from '../testing/bpmn-xml.js';
import { compile, Scenario, trail, waitingAt } from '../testing/scenario.js';

describe('link events', () => {
  it('a link throw event jumps to the link catch event of the same name', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), throwEvent('toPage2', onLink('page2')), catchEvent('fromPage1', onLink('page2')), userTask('task'), endEvent('end')],
      flows: [flow('f1', 'start', 'toPage2'), flow('f2', 'fromPage1', 'task'), flow('f3', 'task', 'end')],
    });

    // when
    const { state, steps } = sut.start();

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'toPage2:ready', 'toPage2:completed', 'fromPage1:ready', 'fromPage1:completed', 'task:ready']);
    expect(steps[4].previousActivityInstanceId).toBe(steps[2].activityInstanceId);
    expect(waitingAt(state)).toEqual(['task']);
  });

  it('stays inside its sub-process', async () => {
    // given the same link name at the process level and inside a sub-process
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        subProcess('sub', {
          nodes: [startEvent('s'), throwEvent('jump', onLink('next')), catchEvent('land', onLink('next')), userTask('inner'), endEvent('e')],
          flows: [flow('i1', 's', 'jump'), flow('i2', 'land', 'inner'), flow('i3', 'inner', 'e')],
        }),
        catchEvent('outerLand', onLink('next')),
        userTask('outer'),
        endEvent('end'),
        endEvent('end2'),
      ],
      flows: [flow('f1', 'start', 'sub'), flow('f2', 'sub', 'end'), flow('f3', 'outerLand', 'outer'), flow('f4', 'outer', 'end2')],
    });

    // when
    const { state } = sut.start();

    // then
    expect(waitingAt(state)).toEqual(['sub', 'inner']);
  });

  it('is refused at deploy when no catch event of that name is in the scope', async () => {
    // given
    const model = {
      nodes: [startEvent('start'), throwEvent('toNowhere', onLink('nowhere')), catchEvent('land', onLink('elsewhere')), endEvent('end')],
      flows: [flow('f1', 'start', 'toNowhere'), flow('f2', 'land', 'end')],
    };

    // when
    const compiling = compile(model);

    // then
    await expect(compiling).rejects.toThrow(/"rule": "link-event"/);
  });
});
