import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { boundaryTimer, endEvent, exclusiveGateway, flow, inclusiveGateway, startEvent, userTask } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { Scenario, trail, waitingAt } from '../testing/scenario.js';

/** intake -> split -> (refund if amount > 0) | (apology if angry) | (note, default) -> join -> close */
const orderIssue = {
  nodes: [
    startEvent('start'),
    userTask('intake'),
    inclusiveGateway('split', 'toNote'),
    userTask('refund'),
    userTask('apology'),
    userTask('note'),
    inclusiveGateway('join'),
    userTask('close'),
    endEvent('end'),
  ],
  flows: [
    flow('f1', 'start', 'intake'),
    flow('f2', 'intake', 'split'),
    flow('toRefund', 'split', 'refund', 'amount > 0'),
    flow('toApology', 'split', 'apology', 'angry = true'),
    flow('toNote', 'split', 'note'),
    flow('fromRefund', 'refund', 'join'),
    flow('fromApology', 'apology', 'join'),
    flow('fromNote', 'note', 'join'),
    flow('f3', 'join', 'close'),
    flow('f4', 'close', 'end'),
  ],
};

describe('inclusiveGateway', () => {
  it('forks on every flow whose condition holds', async () => {
    // given
    const sut = await Scenario.of(orderIssue);
    sut.start();

    // when
    const { state } = sut.complete('intake', { amount: 20, angry: true });

    // then
    expect(waitingAt(state)).toEqual(['refund', 'apology']);
  });

  it('takes the default flow when no condition holds', async () => {
    // given
    const sut = await Scenario.of(orderIssue);
    sut.start();

    // when
    const { state } = sut.complete('intake', { amount: 0, angry: false });

    // then
    expect(waitingAt(state)).toEqual(['note']);
  });

  it('joins only the branches that were taken: it fires when the last of them arrives', async () => {
    // given two of three branches taken
    const sut = await Scenario.of(orderIssue);
    sut.start();
    sut.complete('intake', { amount: 20, angry: true });
    const first = sut.complete('refund');
    expect(trail(first.steps)).toEqual(['refund:started', 'refund:completed']);
    expect(first.state.joins).toEqual({ join: ['fromRefund'] });

    // when
    const { state, steps } = sut.complete('apology');

    // then
    expect(trail(steps)).toEqual(['apology:started', 'apology:completed', 'join:ready', 'join:completed', 'close:ready']);
    expect(state.joins).toEqual({});
  });

  it('fires at once when only one branch was taken', async () => {
    // given
    const sut = await Scenario.of(orderIssue);
    sut.start();
    sut.complete('intake', { amount: 20, angry: false });

    // when
    const { state } = sut.complete('refund');

    // then
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('fires when a branch that could still arrive ends elsewhere instead', async () => {
    // given the apology branch may end at `noApology` instead of reaching the join
    const sut = await Scenario.of({
      ...orderIssue,
      nodes: [...orderIssue.nodes.filter(({ id }) => id !== 'apology'), userTask('apology'), exclusiveGateway('sent', 'toJoin'), endEvent('noApology')],
      flows: [
        ...orderIssue.flows.filter(({ id }) => id !== 'fromApology'),
        flow('f5', 'apology', 'sent'),
        flow('toJoin', 'sent', 'join'),
        flow('skip', 'sent', 'noApology', 'declined = true'),
      ],
    });
    sut.start();
    sut.complete('intake', { amount: 20, angry: true });
    sut.complete('refund');

    // when
    const { state, steps } = sut.complete('apology', { declined: true });

    // then
    expect(trail(steps)).toContain('noApology:completed');
    expect(trail(steps).slice(-3)).toEqual(['join:ready', 'join:completed', 'close:ready']);
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('waits for a branch whose token could still come by a boundary event', async () => {
    // given apology has an interrupting timer whose path also leads to the join
    const sut = await Scenario.of({
      nodes: [...orderIssue.nodes, boundaryTimer('late', 'apology', 'PT1H'), userTask('callBack')],
      flows: [...orderIssue.flows, flow('f6', 'late', 'callBack'), flow('f7', 'callBack', 'join')],
    });
    sut.start();
    sut.complete('intake', { amount: 20, angry: true });
    sut.complete('refund');

    // when
    const { state } = sut.fire('late');

    // then the join still waits for the call back
    expect(waitingAt(state)).toEqual(['callBack']);
    expect(waitingAt(sut.complete('callBack').state)).toEqual(['close']);
  });

  it('fails with GATEWAY_NO_MATCH when nothing holds and there is no default', async () => {
    // given
    const sut = await Scenario.of({
      nodes: orderIssue.nodes.map((node) => (node.id === 'split' ? inclusiveGateway('split') : node)),
      flows: orderIssue.flows.map((f) => (f.id === 'toNote' ? { ...f, condition: 'note = true' } : f)),
    });
    sut.start();

    // when
    const complete = () => sut.complete('intake', { amount: 0 });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.gatewayNoMatch, { elementId: 'split' }));
  });
});
