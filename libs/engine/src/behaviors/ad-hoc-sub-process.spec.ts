import { describe, expect, it } from '@jest/globals';
import { adHocSubProcess, boundaryTimer, endEvent, flow, scriptTask, startEvent, userTask, withIoMapping, type ModelSpec, type NodeSpec } from '../testing/bpmn-xml.js';
import { Scenario, trail, waitingAt } from '../testing/scenario.js';

/** Inside the ad-hoc sub-process: call, email, visit, and the chain call -> log. */
const inner: ModelSpec = {
  nodes: [userTask('call'), userTask('log'), userTask('email'), userTask('visit')],
  flows: [flow('i1', 'call', 'log')],
};

/** start -> contact (the ad-hoc sub-process) -> close -> end */
const around = (contact: NodeSpec): ModelSpec => ({
  nodes: [startEvent('start'), contact, userTask('close'), endEvent('end')],
  flows: [flow('f1', 'start', 'contact'), flow('f2', 'contact', 'close'), flow('f3', 'close', 'end')],
});

const model = (settings: Parameters<typeof adHocSubProcess>[2], contents: ModelSpec = inner): ModelSpec => around(adHocSubProcess('contact', contents, settings));

describe('ad-hoc sub-process', () => {
  it('activates on entry the inner elements its active elements collection names, after its input mappings', async () => {
    // given
    const sut = await Scenario.of(around(withIoMapping(adHocSubProcess('contact', inner, { activeElements: '= channels' }), { inputs: { channels: '= preferred' } })));

    // when
    const { state, steps } = sut.start({ preferred: ['email', 'call'] });

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'contact:ready', 'contact:started', 'email:ready', 'call:ready']);
    expect(waitingAt(state)).toEqual(['contact', 'email', 'call']);
  });

  it('completes once every activated element and what follows it inside has completed; its token moves on', async () => {
    // given
    const sut = await Scenario.of(model({ activeElements: '= ["call", "email"]' }));
    sut.start();
    sut.complete('email');
    const afterCall = sut.complete('call');

    // when
    const { state, steps } = sut.complete('log');

    // then
    expect(waitingAt(afterCall.state)).toEqual(['contact', 'log']);
    expect(trail(steps)).toEqual(['log:started', 'log:completed', 'contact:completed', 'close:ready']);
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('checks its completion condition only when a path inside ends, not when a token moves on inside', async () => {
    // given
    const sut = await Scenario.of(model({ activeElements: '= ["call"]', completionCondition: '= reached' }));
    sut.start();
    const movedOn = sut.complete('call', { reached: true });

    // when
    const { state, steps } = sut.complete('log');

    // then
    expect(waitingAt(movedOn.state)).toEqual(['contact', 'log']);
    expect(trail(steps)).toEqual(['log:started', 'log:completed', 'contact:completed', 'close:ready']);
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('cancels the remaining inner instances when the completion condition holds', async () => {
    // given
    const sut = await Scenario.of(model({ activeElements: '= ["call", "email", "visit"]', completionCondition: '= reached' }));
    sut.start();

    // when
    const { state, steps } = sut.complete('email', { reached: true });

    // then
    expect(trail(steps)).toEqual(['email:started', 'email:completed', 'call:canceled', 'visit:canceled', 'contact:completed', 'close:ready']);
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('with cancelRemainingInstances false, waits for the inner instances still active once the condition holds', async () => {
    // given
    const sut = await Scenario.of(model({ activeElements: '= ["email", "visit"]', completionCondition: '= reached', cancelRemainingInstances: false }));
    sut.start();
    const met = sut.complete('email', { reached: true });

    // when
    const { state } = sut.complete('visit');

    // then
    expect(waitingAt(met.state)).toEqual(['contact', 'visit']);
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('keeps waiting when every activated element completed but the completion condition does not hold', async () => {
    // given
    const sut = await Scenario.of(model({ activeElements: '= ["email"]', completionCondition: '= reached' }));
    sut.start();

    // when
    const { state } = sut.complete('email', { reached: false });

    // then
    expect(waitingAt(state)).toEqual(['contact']);
  });

  it('activates nothing for an empty collection and waits, until a boundary event ends it', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), adHocSubProcess('contact', inner, { activeElements: '= []' }), boundaryTimer('giveUp', 'contact', 'P1D'), endEvent('end'), endEvent('end2')],
      flows: [flow('f1', 'start', 'contact'), flow('f2', 'contact', 'end'), flow('f3', 'giveUp', 'end2')],
    });
    const started = sut.start();
    sut.clock.advance('P1D');

    // when
    const { state } = sut.fire('giveUp');

    // then
    expect(waitingAt(started.state)).toEqual(['contact']);
    expect(state.status).toBe('completed');
  });

  it('completes at once when the elements it activates complete at once', async () => {
    // given
    const sut = await Scenario.of(
      model({ activeElements: '= ["score", "tag"]' }, { nodes: [scriptTask('score', '= 1', 'score'), scriptTask('tag', '= "vip"', 'tag')], flows: [] }),
    );

    // when
    const { state } = sut.start();

    // then
    expect(waitingAt(state)).toEqual(['close']);
    expect(state.variables).toEqual({ score: 1, tag: 'vip' });
  });

  it.each([
    ['= "call"', 'not a list of element ids'],
    ['= ["call", "log"]', "names 'log', not among the elements it can activate (call, email, visit)"],
  ])('refuses a collection %s that does not name elements it can activate', async (activeElements, reason) => {
    // given
    const sut = await Scenario.of(model({ activeElements }));

    // when / then
    expect(() => sut.start()).toThrow(
      expect.objectContaining({ code: 'EXPRESSION_FAILED', message: expect.stringContaining(reason), details: expect.objectContaining({ elementId: 'contact' }) }),
    );
  });
});
