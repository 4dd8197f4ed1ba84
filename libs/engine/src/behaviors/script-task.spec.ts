import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { endEvent, flow, scriptTask, startEvent, userTask, type NodeSpec } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail } from '../testing/scenario.js';

/** start -> the script -> next -> end */
const scripted = (script: NodeSpec) => ({
  nodes: [startEvent('start'), script, userTask('next'), endEvent('end')],
  flows: [flow('f1', 'start', script.id), flow('f2', script.id, 'next'), flow('f3', 'next', 'end')],
});

describe('scriptTask', () => {
  it('runs inside the step that reaches it: ready and completed at the same instant', async () => {
    // given
    const sut = await Scenario.of(scripted(scriptTask('total', 'price * 2', 'doubled')));

    // when
    const { steps } = sut.start({ price: 21 });

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'total:ready', 'total:completed', 'next:ready']);
    expect(new Set(steps.map(({ at }) => at)).size).toBe(1);
    expect(sut.state.variables).toEqual({ price: 21, doubled: 42 });
  });

  it('stores FEEL dates and durations as ISO text', async () => {
    // given
    const sut = await Scenario.of(scripted(scriptTask('due', 'date(requested) + duration("P2D")', 'dueOn')));

    // when
    const { state } = sut.start({ requested: '2026-03-02' });

    // then
    expect(state.variables.dueOn).toBe('2026-03-04');
  });

  it("yields null for a variable that does not exist: FEEL's missing data is not an error", async () => {
    // given
    const sut = await Scenario.of(scripted(scriptTask('copy', 'customer.email', 'email')));

    // when
    const { state } = sut.start({ customer: {} });

    // then
    expect(state.variables).toEqual({ customer: {}, email: null });
  });

  it('evaluates a script without a result variable, keeping nothing of its value (a failure still stops it)', async () => {
    // given
    const model = scripted(scriptTask('check', 'price * quantity'));
    const sut = await Scenario.of(model);
    const failing = await Scenario.of(model);

    // when
    const { state } = sut.start({ price: 5, quantity: 2 });
    const fail = () => failing.start({ price: 5, quantity: 'two' });

    // then
    expect(state.variables).toEqual({ price: 5, quantity: 2 });
    expect(fail).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'check' }));
  });

  it('fails with EXPRESSION_FAILED naming the task and its expression when the FEEL fails', async () => {
    // given
    const sut = await Scenario.of(scripted(scriptTask('total', 'price * quantity', 'total')));

    // when
    const start = () => sut.start({ price: 10, quantity: 'two' });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'total', expression: 'price * quantity' }));
  });

  describe("Camunda 8's zeebe:script and job worker script tasks", () => {
    it('evaluates zeebe:script and stores its value in resultVariable', async () => {
      // given
      const sut = await Scenario.of(scripted({ ...scriptTask('total', ''), body: '', extensions: '<zeebe:script expression="=price * quantity" resultVariable="amount" />' }));

      // when
      const { state } = sut.start({ price: 21, quantity: 2 });

      // then
      expect(state.variables).toEqual({ price: 21, quantity: 2, amount: 42 });
    });

    it('makes a script task with zeebe:taskDefinition an external task that waits for its worker', async () => {
      // given
      const sut = await Scenario.of(scripted({ ...scriptTask('total', ''), body: '', extensions: '<zeebe:taskDefinition type="compute-total" retries="2" />' }));

      // when
      const { effects, steps } = sut.start({ price: 21 });

      // then
      expect(effectsOf(effects, 'externalTaskCreated')[0]?.externalTask).toMatchObject({ elementId: 'total', topic: 'compute-total', retries: 2 });
      expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'total:ready']);
    });

    it("completes the job with the worker's variables and goes on", async () => {
      // given
      const sut = await Scenario.of(scripted({ ...scriptTask('total', ''), body: '', extensions: '<zeebe:taskDefinition type="compute-total" />' }));
      sut.start({ price: 21 });

      // when
      const { state } = sut.execute({ type: 'completeExternalTask', activityInstanceId: sut.waiting('total').id, workerId: 'w1', variables: { amount: 42 } });

      // then
      expect(state.variables).toEqual({ price: 21, amount: 42 });
      expect(sut.waiting('next')).toMatchObject({ elementId: 'next' });
    });
  });
});
