import { describe, expect, it } from '@jest/globals';
import { boundaryEvent, callActivity, endEvent, flow, onError, startEvent, subProcess, userTask } from './testing/bpmn-xml.js';
import { Scenario } from './testing/scenario.js';
import { catchesErrorAt } from './error-catch.js';

/** A call activity inside a sub-process whose boundary event catches NO_STOCK only. */
const model = {
  nodes: [
    startEvent('start'),
    subProcess('order', { nodes: [startEvent('s'), callActivity('call', 'child'), endEvent('e')], flows: [flow('i1', 's', 'call'), flow('i2', 'call', 'e')] }),
    boundaryEvent('noStock', 'order', onError('NO_STOCK')),
    userTask('backorder'),
    endEvent('end'),
    endEvent('end2'),
  ],
  flows: [flow('f1', 'start', 'order'), flow('f2', 'order', 'end'), flow('f3', 'noStock', 'backorder'), flow('f4', 'backorder', 'end2')],
};

describe('catchesErrorAt', () => {
  it('answers whether an error thrown at the activity would be caught around it, changing nothing', async () => {
    // given
    const scenario = await Scenario.of(model);
    const { state } = scenario.start();
    const call = scenario.waiting('call');

    // when
    const caught = catchesErrorAt(scenario.graph, state, call.id, 'NO_STOCK');
    const other = catchesErrorAt(scenario.graph, state, call.id, 'NO_CREDIT');
    const gone = catchesErrorAt(scenario.graph, state, 'no-such-activity', 'NO_STOCK');

    // then
    expect({ caught, other, gone }).toEqual({ caught: true, other: false, gone: undefined });
    expect(scenario.state).toBe(state);
  });
});
