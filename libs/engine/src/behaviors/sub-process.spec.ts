import { describe, expect, it } from '@jest/globals';
import { boundaryTimer, endEvent, flow, parallelGateway, startEvent, subProcess, terminateEndEvent, timerCatchEvent, userTask, withIoMapping } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** start -> tier2 [ s -> diagnose -> e ] -> close -> end, with a 4h interrupting and 1h non-interrupting timer on tier2. */
const tier2 = (inner = { nodes: [startEvent('s'), userTask('diagnose'), endEvent('e')], flows: [flow('i1', 's', 'diagnose'), flow('i2', 'diagnose', 'e')] }) => ({
  nodes: [
    startEvent('start'),
    subProcess('tier2', inner),
    boundaryTimer('sla', 'tier2', 'PT4H'),
    boundaryTimer('nudge', 'tier2', 'PT1H', false),
    userTask('close'),
    userTask('escalate'),
    userTask('remind'),
    endEvent('end'),
    endEvent('escalated'),
    endEvent('reminded'),
  ],
  flows: [
    flow('f1', 'start', 'tier2'),
    flow('f2', 'tier2', 'close'),
    flow('f3', 'close', 'end'),
    flow('f4', 'sla', 'escalate'),
    flow('f5', 'escalate', 'escalated'),
    flow('f6', 'nudge', 'remind'),
    flow('f7', 'remind', 'reminded'),
  ],
});

describe('subProcess (embedded)', () => {
  it('is a scope: ready and started, its token begins at its own start event', async () => {
    // given
    const sut = await Scenario.of(tier2());

    // when
    const { state, steps } = sut.start();

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'tier2:ready', 'tier2:started', 's:ready', 's:completed', 'diagnose:ready']);
    const scope = sut.waiting('tier2');
    expect(scope).toMatchObject({ elementType: 'subProcess', state: 'started' });
    expect(sut.waiting('diagnose').scopeId).toBe(scope.id);
    expect(steps[4].previousActivityInstanceId).toBe(scope.id);
    expect(waitingAt(state)).toEqual(['tier2', 'diagnose']);
  });

  it('completes once nothing is left inside it, and its token moves on', async () => {
    // given
    const sut = await Scenario.of(tier2());
    sut.start();
    const scope = sut.waiting('tier2');

    // when
    const { state, steps, effects } = sut.complete('diagnose');

    // then
    expect(trail(steps)).toEqual(['diagnose:started', 'diagnose:completed', 'e:ready', 'e:completed', 'tier2:completed', 'close:ready']);
    expect(steps[5].previousActivityInstanceId).toBe(scope.id);
    expect(effectsOf(effects, 'timerCanceled')).toHaveLength(2);
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('keeps join arrivals inside its own scope', async () => {
    // given a fork and join inside the sub-process
    const sut = await Scenario.of(
      tier2({
        nodes: [startEvent('s'), parallelGateway('fork'), userTask('a'), userTask('b'), parallelGateway('join'), endEvent('e')],
        flows: [flow('i1', 's', 'fork'), flow('i2', 'fork', 'a'), flow('i3', 'fork', 'b'), flow('i4', 'a', 'join'), flow('i5', 'b', 'join'), flow('i6', 'join', 'e')],
      }),
    );
    sut.start();

    // when
    const { state } = sut.complete('a');

    // then
    expect(state.joins).toEqual({});
    expect(sut.waiting('tier2').joins).toEqual({ join: ['i4'] });
    expect(trail(sut.complete('b').steps)).toEqual(['b:started', 'b:completed', 'join:ready', 'join:completed', 'e:ready', 'e:completed', 'tier2:completed', 'close:ready']);
  });

  it('is ended by a terminate end event inside it, and only it: the process goes on', async () => {
    // given a sub-process with two branches, one ending in terminate
    const sut = await Scenario.of(
      tier2({
        nodes: [startEvent('s'), userTask('quick'), userTask('slow'), terminateEndEvent('stop'), endEvent('e')],
        flows: [flow('i1', 's', 'quick'), flow('i2', 's', 'slow'), flow('i3', 'quick', 'stop'), flow('i4', 'slow', 'e')],
      }),
    );
    sut.start();
    const slow = sut.waiting('slow');

    // when
    const { state, steps, effects } = sut.complete('quick');

    // then
    expect(trail(steps)).toEqual(['quick:started', 'quick:completed', 'stop:ready', 'stop:completed', 'slow:canceled', 'tier2:completed', 'close:ready']);
    expect(effects).toContainEqual({ kind: 'taskClosed', id: slow.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' });
    expect(effectsOf(effects, 'instanceEnded')).toEqual([]);
    expect(state.status).toBe('active');
    expect(waitingAt(state)).toEqual(['close']);
  });

  it('is canceled with everything inside it by an interrupting boundary timer', async () => {
    // given a timer catch event waiting inside the sub-process
    const sut = await Scenario.of(
      tier2({
        nodes: [startEvent('s'), userTask('diagnose'), timerCatchEvent('cool', 'P1D'), endEvent('e')],
        flows: [flow('i1', 's', 'diagnose'), flow('i2', 's', 'cool'), flow('i3', 'diagnose', 'e'), flow('i4', 'cool', 'e')],
      }),
    );
    sut.start();
    const diagnose = sut.waiting('diagnose');
    const cool = sut.timer('cool');
    sut.clock.advance('PT4H');

    // when
    const { state, steps, effects } = sut.fire('sla');

    // then
    expect(trail(steps)).toEqual(['diagnose:canceled', 'cool:canceled', 'tier2:canceled', 'sla:ready', 'sla:completed', 'escalate:ready']);
    expect(effects).toContainEqual({ kind: 'taskClosed', id: diagnose.id, outcome: 'canceled', at: '2026-03-02T13:00:00.000Z' });
    expect(effects).toContainEqual({ kind: 'timerCanceled', timerId: cool.id });
    expect(state.timers).toEqual([]);
    expect(waitingAt(state)).toEqual(['escalate']);
  });

  it('keeps running when a non-interrupting boundary timer fires', async () => {
    // given
    const sut = await Scenario.of(tier2());
    sut.start();
    sut.clock.advance('PT1H');

    // when
    const { state, steps } = sut.fire('nudge');

    // then
    expect(trail(steps)).toEqual(['nudge:ready', 'nudge:completed', 'remind:ready']);
    expect(waitingAt(state)).toEqual(['tier2', 'diagnose', 'remind']);
  });

  it('nests: a sub-process inside a sub-process completes inside out', async () => {
    // given
    const sut = await Scenario.of(
      tier2({
        nodes: [
          startEvent('s'),
          subProcess('inner', { nodes: [startEvent('s2'), userTask('deep'), endEvent('e2')], flows: [flow('j1', 's2', 'deep'), flow('j2', 'deep', 'e2')] }),
          endEvent('e'),
        ],
        flows: [flow('i1', 's', 'inner'), flow('i2', 'inner', 'e')],
      }),
    );
    sut.start();
    expect(sut.waiting('deep').scopeId).toBe(sut.waiting('inner').id);
    expect(sut.waiting('inner').scopeId).toBe(sut.waiting('tier2').id);

    // when
    const { steps } = sut.complete('deep');

    // then
    expect(trail(steps)).toEqual(['deep:started', 'deep:completed', 'e2:ready', 'e2:completed', 'inner:completed', 'e:ready', 'e:completed', 'tier2:completed', 'close:ready']);
  });

  describe('variables', () => {
    /** tier2 maps `level` locally; diagnose is assigned by FEEL over the merged variables. */
    const scoped = () => {
      const model = tier2({
        nodes: [startEvent('s'), userTask('diagnose', { 'tandem:assignee': '= level + "-" + owner' }), endEvent('e')],
        flows: [flow('i1', 's', 'diagnose'), flow('i2', 'diagnose', 'e')],
      });
      model.nodes[1] = withIoMapping(model.nodes[1], { inputs: { level: '= "tier2"', owner: '= "local-" + owner' } });
      return model;
    };

    it('holds its input mappings as locals, and FEEL inside it sees them over the instance variables', async () => {
      // given
      const sut = await Scenario.of(scoped());

      // when
      const { state, effects } = sut.start({ level: 'tier1', owner: 'ann' });

      // then
      expect(sut.waiting('tier2').variables).toEqual({ level: 'tier2', owner: 'local-ann' });
      expect(effectsOf(effects, 'taskCreated')[0].task.assignee).toBe('tier2-local-ann');
      expect(state.variables).toEqual({ level: 'tier1', owner: 'ann' });
    });

    it("writes a completed task's variables to the scope that has them, new ones to the instance; the locals end with the scope", async () => {
      // given
      const sut = await Scenario.of(scoped());
      sut.start({ level: 'tier1', owner: 'ann' });

      // when
      const { state } = sut.complete('diagnose', { level: 'tier3', cause: 'cable' });

      // then
      expect(state.variables).toEqual({ level: 'tier1', owner: 'ann', cause: 'cable' });
      expect(waitingAt(state)).toEqual(['close']);
    });
  });
});
