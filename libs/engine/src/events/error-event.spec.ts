import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { boundaryEvent, endEvent, exclusiveGateway, flow, onError, startEvent, subProcess, userTask, type ModelSpec, type NodeSpec } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** Inside `check`: work, then an exclusive gateway throws the error `code` (from a variable) or ends normally. */
const failing: ModelSpec = {
  nodes: [startEvent('s'), userTask('work'), exclusiveGateway('ok', 'fine'), endEvent('fail', onError('NO_STOCK')), endEvent('fail2', onError('NO_CREDIT')), endEvent('e')],
  flows: [
    flow('i1', 's', 'work'),
    flow('i2', 'work', 'ok'),
    flow('stock', 'ok', 'fail', 'outcome = "stock"'),
    flow('credit', 'ok', 'fail2', 'outcome = "credit"'),
    flow('fine', 'ok', 'e'),
  ],
};

/** start -> check [failing] -> done, with the given boundary events on check leading to `handled`. */
const guarded = (boundaries: NodeSpec[], inner: ModelSpec = failing) => ({
  nodes: [startEvent('start'), subProcess('check', inner), ...boundaries, userTask('done'), userTask('handled'), endEvent('end'), endEvent('end2')],
  flows: [
    flow('f1', 'start', 'check'),
    flow('f2', 'check', 'done'),
    flow('f3', 'done', 'end'),
    ...boundaries.map((boundary, index) => flow(`b${index}`, boundary.id, 'handled')),
    flow('f4', 'handled', 'end2'),
  ],
});

describe('error events', () => {
  it('an error end event is caught by the error boundary event with its code, which cancels the sub-process', async () => {
    // given
    const sut = await Scenario.of(guarded([boundaryEvent('onStock', 'check', onError('NO_STOCK'))]));
    sut.start();
    const check = sut.waiting('check');

    // when
    const { state, steps } = sut.complete('work', { outcome: 'stock' });

    // then
    expect(trail(steps)).toEqual([
      'work:started',
      'work:completed',
      'ok:ready',
      'ok:completed',
      'fail:ready',
      'fail:completed',
      'check:canceled',
      'onStock:ready',
      'onStock:completed',
      'handled:ready',
    ]);
    expect(steps[7].previousActivityInstanceId).toBe(check.id);
    expect(waitingAt(state)).toEqual(['handled']);
  });

  it('a catch-all boundary event (no code) catches any error, but a catch with the code wins over it', async () => {
    // given a specific and a catch-all error boundary event
    const boundaries = [boundaryEvent('anyError', 'check', onError()), boundaryEvent('onCredit', 'check', onError('NO_CREDIT'))];
    const sut = await Scenario.of(guarded(boundaries));
    sut.start();

    // when the credit error and, in another case, the stock error are thrown
    const credit = trail(sut.complete('work', { outcome: 'credit' }).steps);
    const other = await Scenario.of(guarded(boundaries));
    other.start();
    const stock = trail(other.complete('work', { outcome: 'stock' }).steps);

    // then
    expect(credit).toContain('onCredit:completed');
    expect(credit).not.toContain('anyError:ready');
    expect(stock).toContain('anyError:completed');
  });

  it('propagates outwards, scope by scope, to the nearest matching catch', async () => {
    // given the failing sub-process nested in `outer`; only the boundary event on `outer` has the code
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        subProcess('outer', {
          nodes: [startEvent('s0'), subProcess('inner', failing), boundaryEvent('wrongCode', 'inner', onError('OTHER')), endEvent('e0'), endEvent('e1')],
          flows: [flow('o1', 's0', 'inner'), flow('o2', 'inner', 'e0'), flow('o3', 'wrongCode', 'e1')],
        }),
        boundaryEvent('onStock', 'outer', onError('NO_STOCK')),
        userTask('handled'),
        endEvent('end'),
        endEvent('end2'),
      ],
      flows: [flow('f1', 'start', 'outer'), flow('f2', 'outer', 'end'), flow('b0', 'onStock', 'handled'), flow('f4', 'handled', 'end2')],
    });
    sut.start();

    // when
    const { state, steps } = sut.complete('work', { outcome: 'stock' });

    // then
    expect(trail(steps)).toEqual([
      'work:started',
      'work:completed',
      'ok:ready',
      'ok:completed',
      'fail:ready',
      'fail:completed',
      'inner:canceled',
      'outer:canceled',
      'onStock:ready',
      'onStock:completed',
      'handled:ready',
    ]);
    expect(waitingAt(state)).toEqual(['handled']);
  });

  it('cancels every other token inside the interrupted scope', async () => {
    // given a parallel task beside the failing path
    const sut = await Scenario.of(
      guarded([boundaryEvent('onStock', 'check', onError('NO_STOCK'))], {
        nodes: [...failing.nodes, userTask('beside'), endEvent('e9')],
        flows: [...failing.flows, flow('i9', 's', 'beside'), flow('i10', 'beside', 'e9')],
      }),
    );
    sut.start();
    const beside = sut.waiting('beside');

    // when
    const { effects } = sut.complete('work', { outcome: 'stock' });

    // then
    expect(effects).toContainEqual({ kind: 'taskClosed', id: beside.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' });
    expect(effectsOf(effects, 'instanceEnded')).toEqual([]);
  });

  it('refuses the command with ERROR_NOT_CAUGHT naming the element and code when nothing catches it, changing nothing', async () => {
    // given a boundary event for another code only
    const sut = await Scenario.of(guarded([boundaryEvent('onCredit', 'check', onError('NO_CREDIT'))]));
    sut.start();
    const before = sut.state;

    // when
    const complete = () => sut.complete('work', { outcome: 'stock' });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.errorNotCaught, { elementId: 'fail', errorCode: 'NO_STOCK' }));
    expect(sut.state).toBe(before);
  });
});
