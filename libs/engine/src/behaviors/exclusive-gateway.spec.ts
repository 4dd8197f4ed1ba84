import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { endEvent, exclusiveGateway, flow, startEvent, userTask } from '../testing/bpmn-xml.js';
import { compile, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** intake -> decide -> small | large | manual (default, optional) */
const decision = (withDefault = true) => ({
  nodes: [
    startEvent('start'),
    userTask('intake'),
    exclusiveGateway('decide', withDefault ? 'toManual' : undefined),
    userTask('small'),
    userTask('large'),
    ...(withDefault ? [userTask('manual')] : []),
    endEvent('end'),
  ],
  flows: [
    flow('f1', 'start', 'intake'),
    flow('f2', 'intake', 'decide'),
    flow('toSmall', 'decide', 'small', 'amount < 100'),
    flow('toLarge', 'decide', 'large', '=amount >= 50'),
    ...(withDefault ? [flow('toManual', 'decide', 'manual')] : []),
    flow('f3', 'small', 'end'),
    flow('f4', 'large', 'end'),
    ...(withDefault ? [flow('f5', 'manual', 'end')] : []),
  ],
});

describe('exclusiveGateway', () => {
  it('takes the first flow whose condition is true, in document order', async () => {
    // given
    const sut = await Scenario.of(decision());
    sut.start();
    const intake = sut.waiting('intake');

    // when
    const { state, steps } = sut.complete('intake', { amount: 70 });

    // then
    expect(trail(steps)).toEqual(['intake:started', 'intake:completed', 'decide:ready', 'decide:completed', 'small:ready']);
    expect(steps[2].previousActivityInstanceId).toBe(intake.id);
    expect(steps[4].previousActivityInstanceId).toBe(steps[2].activityInstanceId);
    expect(waitingAt(state)).toEqual(['small']);
  });

  it('skips a false condition', async () => {
    // given
    const sut = await Scenario.of(decision());
    sut.start();

    // when
    const { state } = sut.complete('intake', { amount: 500 });

    // then
    expect(waitingAt(state)).toEqual(['large']);
  });

  it('takes the default flow when no condition is true, treating a missing variable as not true', async () => {
    // given
    const sut = await Scenario.of(decision());
    sut.start();

    // when
    const { state } = sut.complete('intake', { note: 'no amount given' });

    // then
    expect(waitingAt(state)).toEqual(['manual']);
  });

  it('fails with GATEWAY_NO_MATCH naming the gateway when nothing matches and there is no default', async () => {
    // given
    const sut = await Scenario.of(decision(false));
    sut.start();
    const before = sut.state;

    // when
    const complete = () => sut.complete('intake', { note: 'no amount given' });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.gatewayNoMatch, { elementId: 'decide' }));
    expect(sut.state).toBe(before);
  });

  it('fails with EXPRESSION_FAILED naming the flow when a condition cannot be evaluated', async () => {
    // given
    const sut = await Scenario.of({
      ...decision(),
      flows: decision().flows.map((f) => (f.id === 'toSmall' ? { ...f, condition: 'date(received) < date("2026-01-01")' } : f)),
    });
    sut.start();

    // when
    const complete = () => sut.complete('intake', { received: 'last tuesday' });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'toSmall' }));
  });

  it('fails with EXPRESSION_FAILED naming the flow when a condition does not parse', async () => {
    // given a stored graph whose condition escaped deploy-time validation
    const graph = await compile(decision());
    graph.flows.toSmall.condition = 'amount <';
    const sut = Scenario.forGraph(graph);
    sut.start();

    // when
    const complete = () => sut.complete('intake', { amount: 1 });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'toSmall' }));
  });

  it('passes a token straight through with a single unconditional outgoing flow', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), exclusiveGateway('merge'), userTask('task'), endEvent('end')],
      flows: [flow('f1', 'start', 'merge'), flow('f2', 'merge', 'task'), flow('f3', 'task', 'end')],
    });

    // when
    const { steps } = sut.start();

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'merge:ready', 'merge:completed', 'task:ready']);
  });
});
