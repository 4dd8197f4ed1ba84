import { describe, expect, it } from '@jest/globals';
import { boundaryEvent, endEvent, eventSubProcess, flow, onEscalation, startEvent, subProcess, throwEvent, userTask, type ModelSpec, type NodeSpec } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** Inside `case`: s -> triage -> raise (escalation throw) -> resolve -> e. */
const throwing: ModelSpec = {
  nodes: [startEvent('s'), userTask('triage'), throwEvent('raise', onEscalation('VIP')), userTask('resolve'), endEvent('e')],
  flows: [flow('i1', 's', 'triage'), flow('i2', 'triage', 'raise'), flow('i3', 'raise', 'resolve'), flow('i4', 'resolve', 'e')],
};

/** start -> case -> done; the boundary events on case lead to `manager`. */
const escalating = (boundaries: NodeSpec[], inner: ModelSpec = throwing) => ({
  nodes: [startEvent('start'), subProcess('case', inner), ...boundaries, userTask('manager'), userTask('done'), endEvent('end'), endEvent('end2')],
  flows: [
    flow('f1', 'start', 'case'),
    flow('f2', 'case', 'done'),
    flow('f3', 'done', 'end'),
    ...boundaries.map((b, i) => flow(`b${i}`, b.id, 'manager')),
    flow('f4', 'manager', 'end2'),
  ],
});

describe('escalation events', () => {
  it('a non-interrupting escalation boundary event starts a path beside the scope, and the thrower goes on', async () => {
    // given
    const sut = await Scenario.of(escalating([boundaryEvent('onVip', 'case', onEscalation('VIP'), false)]));
    sut.start();

    // when
    const { state, steps } = sut.complete('triage');

    // then
    expect(trail(steps)).toEqual(['triage:started', 'triage:completed', 'raise:ready', 'raise:completed', 'onVip:ready', 'onVip:completed', 'resolve:ready', 'manager:ready']);
    expect(waitingAt(state)).toEqual(['case', 'resolve', 'manager']);
  });

  it("an interrupting escalation boundary event cancels the scope, and the thrower's token with it", async () => {
    // given
    const sut = await Scenario.of(escalating([boundaryEvent('onVip', 'case', onEscalation('VIP'))]));
    sut.start();

    // when
    const { state, steps } = sut.complete('triage');

    // then
    expect(trail(steps)).toEqual(['triage:started', 'triage:completed', 'raise:ready', 'raise:completed', 'case:canceled', 'onVip:ready', 'onVip:completed', 'manager:ready']);
    expect(waitingAt(state)).toEqual(['manager']);
  });

  it('an escalation end event is caught by a catch-all escalation boundary event', async () => {
    // given
    const sut = await Scenario.of(
      escalating([boundaryEvent('onAny', 'case', onEscalation())], {
        nodes: [startEvent('s'), userTask('triage'), endEvent('raise', onEscalation('VIP'))],
        flows: [flow('i1', 's', 'triage'), flow('i2', 'triage', 'raise')],
      }),
    );
    sut.start();

    // when
    const { state, steps } = sut.complete('triage');

    // then
    expect(trail(steps)).toEqual(['triage:started', 'triage:completed', 'raise:ready', 'raise:completed', 'case:canceled', 'onAny:ready', 'onAny:completed', 'manager:ready']);
    expect(waitingAt(state)).toEqual(['manager']);
  });

  it('is ignored by a catch with another code; uncaught, the instance goes on and an effect reports it', async () => {
    // given
    const sut = await Scenario.of(escalating([boundaryEvent('onOther', 'case', onEscalation('OTHER'))]));
    sut.start();

    // when
    const { state, effects } = sut.complete('triage');

    // then
    expect(effectsOf(effects, 'escalationUncaught')).toEqual([{ kind: 'escalationUncaught', escalationCode: 'VIP', elementId: 'raise', at: '2026-03-02T09:00:00.000Z' }]);
    expect(waitingAt(state)).toEqual(['case', 'resolve']);
  });

  it("caught by an interrupting event sub-process of the thrower's own scope, ends the thrower's token there", async () => {
    // given the escalation handled by an interrupting event sub-process inside `case` (the boundary event is for another code)
    const takeover = eventSubProcess('takeover', {
      nodes: [startEvent('vipStart', onEscalation('VIP')), userTask('managerHandles'), endEvent('te')],
      flows: [flow('t1', 'vipStart', 'managerHandles'), flow('t2', 'managerHandles', 'te')],
    });
    const sut = await Scenario.of(escalating([boundaryEvent('onOther', 'case', onEscalation('OTHER'))], { nodes: [...throwing.nodes, takeover], flows: throwing.flows }));
    sut.start();

    // when
    const { state, steps } = sut.complete('triage');

    // then `resolve`, after the throw event, is never reached
    expect(trail(steps)).toEqual([
      'triage:started',
      'triage:completed',
      'raise:ready',
      'raise:completed',
      'takeover:ready',
      'takeover:started',
      'vipStart:ready',
      'vipStart:completed',
      'managerHandles:ready',
    ]);
    expect(waitingAt(state)).toEqual(['case', 'takeover', 'managerHandles']);
  });

  it("caught by a non-interrupting event sub-process, lets the thrower's token go on", async () => {
    // given
    const notify = eventSubProcess('notify', {
      nodes: [startEvent('vipStart', onEscalation('VIP'), false), userTask('informManager'), endEvent('ne')],
      flows: [flow('t1', 'vipStart', 'informManager'), flow('t2', 'informManager', 'ne')],
    });
    const sut = await Scenario.of(escalating([boundaryEvent('onOther', 'case', onEscalation('OTHER'))], { nodes: [...throwing.nodes, notify], flows: throwing.flows }));
    sut.start();

    // when
    const { state } = sut.complete('triage');

    // then
    expect(waitingAt(state)).toEqual(['case', 'notify', 'resolve', 'informManager']);
  });
});
