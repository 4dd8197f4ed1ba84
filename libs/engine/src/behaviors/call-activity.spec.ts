import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { callActivity, endEvent, flow, startEvent, subProcess, userTask, withIoMapping, type NodeSpec } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** start -> the call activity -> done -> end */
const calling = (activity: NodeSpec) => ({
  nodes: [startEvent('start'), activity, userTask('done'), endEvent('end')],
  flows: [flow('f1', 'start', activity.id), flow('f2', activity.id, 'done'), flow('f3', 'done', 'end')],
});

describe('callActivity', () => {
  it('is at work from the start: ready then started, while the child runs', async () => {
    // given
    const sut = await Scenario.of(calling(callActivity('handle', 'complaint')));

    // when
    const { steps, state } = sut.start();

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'handle:ready', 'handle:started']);
    expect(sut.waiting('handle')).toMatchObject({ elementType: 'callActivity', state: 'started' });
    expect(state.status).toBe('active');
  });

  it('evaluates a FEEL called element where it sits, its input mappings included', async () => {
    // given
    const sut = await Scenario.of(calling(withIoMapping(callActivity('handle', '= "complaint-" + channel'), { inputs: { channel: '= lower case(source)' } })));

    // when
    const { effects } = sut.start({ source: 'PHONE' });

    // then
    expect(effectsOf(effects, 'callActivityStarted')[0]).toMatchObject({ processKey: 'complaint-phone', variables: { source: 'PHONE', channel: 'phone' } });
  });

  it('fails with EXPRESSION_FAILED naming the activity when its business key expression yields no text', async () => {
    // given
    const sut = await Scenario.of(calling(callActivity('handle', 'complaint', { 'tandem:businessKey': '= orderId' })));

    // when
    const start = () => sut.start({ orderId: 42 });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'handle', expression: 'orderId' }));
  });

  it('passes no business key down when the instance has none and the activity names none', async () => {
    // given
    const sut = await Scenario.of(calling(callActivity('handle', 'complaint')));

    // when
    const { effects } = sut.start();

    // then
    expect(effectsOf(effects, 'callActivityStarted')[0]).not.toHaveProperty('businessKey');
  });

  it("writes the child's variables back to the scope that has them, the rest to the instance", async () => {
    // given the call activity inside a sub-process that holds `status` locally
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        withIoMapping(
          subProcess('case', {
            nodes: [startEvent('s'), callActivity('handle', 'complaint'), userTask('review'), endEvent('e')],
            flows: [flow('i1', 's', 'handle'), flow('i2', 'handle', 'review'), flow('i3', 'review', 'e')],
          }),
          { inputs: { status: '= "open"' } },
        ),
        endEvent('end'),
      ],
      flows: [flow('f1', 'start', 'case'), flow('f2', 'case', 'end')],
    });
    sut.start();

    // when
    const { state } = sut.completeCall('handle', { status: 'resolved', resolution: 'refund' });

    // then
    expect(sut.waiting('case').variables).toEqual({ status: 'resolved' });
    expect(state.variables).toEqual({ resolution: 'refund' });
  });

  describe("Camunda 8's zeebe:calledElement", () => {
    /** The call activity as Camunda Modeler writes it for Camunda 8. */
    const zeebeCall = (settings: string): NodeSpec => ({ ...callActivity('handle', ''), attributes: {}, extensions: `<zeebe:calledElement ${settings} />` });

    it('starts the process named by processId, evaluated as FEEL after =, with every visible variable by default', async () => {
      // given
      const sut = await Scenario.of(calling(zeebeCall('processId="= &quot;complaint-&quot; + channel"')));

      // when
      const { effects } = sut.start({ channel: 'phone', customer: 'ada' });

      // then
      expect(effectsOf(effects, 'callActivityStarted')[0]).toMatchObject({ processKey: 'complaint-phone', variables: { channel: 'phone', customer: 'ada' } });
    });

    it('hands every variable of the child back by default', async () => {
      // given
      const sut = await Scenario.of(calling(zeebeCall('processId="complaint"')));
      sut.start();

      // when
      const { state } = sut.completeCall('handle', { resolution: 'refund', internalNote: 'checked' });

      // then
      expect(state.variables).toEqual({ resolution: 'refund', internalNote: 'checked' });
    });

    it('hands nothing back when propagateAllChildVariables is false and the activity has no output mappings', async () => {
      // given
      const sut = await Scenario.of(calling(zeebeCall('processId="complaint" propagateAllChildVariables="false"')));
      sut.start({ customer: 'ada' });

      // when
      const { state } = sut.completeCall('handle', { resolution: 'refund', internalNote: 'checked' });

      // then
      expect(state.variables).toEqual({ customer: 'ada' });
      expect(waitingAt(state)).toEqual(['done']);
    });

    it.each([['true'], ['false']])('hands back only what the output mappings map when propagateAllChildVariables is %s, as Camunda 8 does', async (propagate) => {
      // given
      const sut = await Scenario.of(calling(withIoMapping(zeebeCall(`processId="complaint" propagateAllChildVariables="${propagate}"`), { outputs: { outcome: '= resolution' } })));
      sut.start();

      // when
      const { state } = sut.completeCall('handle', { resolution: 'refund', internalNote: 'checked' });

      // then
      expect(state.variables).toEqual({ outcome: 'refund' });
    });

    it('passes only the input mappings down when propagateAllParentVariables is false', async () => {
      // given
      const sut = await Scenario.of(calling(withIoMapping(zeebeCall('processId="complaint" propagateAllParentVariables="false"'), { inputs: { who: '= customer' } })));

      // when
      const { effects } = sut.start({ customer: 'ada', secret: 'x' });

      // then
      expect(effectsOf(effects, 'callActivityStarted')[0]).toMatchObject({ processKey: 'complaint', variables: { who: 'ada' } });
      expect(effectsOf(effects, 'callActivityStarted')[0]?.variables).not.toHaveProperty('secret');
    });
  });

  it('refuses completeCallActivity for an activity that is not a call activity (ACTIVITY_WRONG_TYPE)', async () => {
    // given
    const sut = await Scenario.of(calling(callActivity('handle', 'complaint')));
    sut.start();
    sut.completeCall('handle');

    // when
    const completeTaskAsCall = () => sut.execute({ type: 'completeCallActivity', activityInstanceId: sut.waiting('done').id });

    // then
    expect(completeTaskAsCall).toThrow(domainError(ENGINE_ERRORS.activityWrongType, { elementId: 'done', expected: 'callActivity' }));
  });

  it('refuses a second completeCallActivity for the same child (ACTIVITY_NOT_ACTIVE)', async () => {
    // given
    const sut = await Scenario.of(calling(callActivity('handle', 'complaint')));
    sut.start();
    const handle = sut.waiting('handle');
    sut.completeCall('handle');

    // when
    const again = () => sut.execute({ type: 'completeCallActivity', activityInstanceId: handle.id });

    // then
    expect(again).toThrow(domainError(ENGINE_ERRORS.activityNotActive, { activityInstanceId: handle.id }));
  });

  it('closes as canceled when the instance is canceled, so the app cancels the child', async () => {
    // given
    const sut = await Scenario.of(calling(callActivity('handle', 'complaint')));
    sut.start();
    const handle = sut.waiting('handle');

    // when
    const { effects, state } = sut.execute({ type: 'cancelInstance' });

    // then
    expect(effectsOf(effects, 'callActivityClosed')).toEqual([{ kind: 'callActivityClosed', id: handle.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' }]);
    expect(waitingAt(state)).toEqual([]);
  });
});
