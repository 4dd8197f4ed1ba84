import { describe, expect, it } from '@jest/globals';
import type { ProcessGraph } from '#bpmn';
import { execute } from '../execute.js';
import type { EngineResult } from '../model/commands.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { InstanceState } from '../model/state.js';
import {
  boundaryEvent,
  boundaryTimer,
  catchEvent,
  endEvent,
  eventBasedGateway,
  eventSubProcess,
  flow,
  onMessage,
  onSignal,
  parallelGateway,
  serviceTask,
  startEvent,
  subProcess,
  timerCatchEvent,
  userTask,
  withMultiInstance,
  type ModelSpec,
  type NodeSpec,
} from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { compile, effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';
import { migrateInstance, type MigrationOutcome, type MigrationRequest } from './migrate-instance.js';

/** start -> one waiting node -> end, in the given form. */
const around = (...nodes: NodeSpec[]): ModelSpec => ({
  nodes: [startEvent('start'), ...nodes, endEvent('end')],
  flows: [flow('f1', 'start', nodes[0].id), flow('f2', nodes[0].id, 'end')],
});

/** A case of the source model, run up to where the test wants it, and the migration of it to a target model. */
async function given(source: ModelSpec, prepare: (sut: Scenario) => void = (sut) => sut.start()) {
  const sut = await Scenario.of(source);
  prepare(sut);
  return {
    sut,
    migrate: async (target: ModelSpec | ProcessGraph, extra: Partial<MigrationRequest> = {}) => {
      const graph = 'key' in target ? target : await compile(target);
      const outcome = migrateInstance(sut.state, { source: sut.graph, target: graph, targetProcessVersionId: 'version-2', ...extra }, sut.ports);
      return { outcome, graph };
    },
  };
}

const migrated = (outcome: MigrationOutcome): EngineResult => {
  if ('problems' in outcome) throw new Error(`The migration was refused: ${JSON.stringify(outcome.problems, null, 2)}`);
  return outcome.result;
};

/** Continues the migrated instance on the target version. */
const continueOn = (graph: ProcessGraph, state: InstanceState, sut: Scenario) => ({
  complete: (elementId: string) => {
    const task = state.activities.find((activity) => activity.elementId === elementId);
    if (!task) throw new Error(`Nothing waits at '${elementId}'.`);
    return execute(graph, state, { type: 'completeTask', activityInstanceId: task.id }, sut.ports);
  },
});

describe('migrateInstance', () => {
  describe('a waiting user task', () => {
    it('keeps its id, claim and timestamps, moves to the target version and continues on its flows', async () => {
      // given a review task claimed an hour after it became ready
      const { sut, migrate } = await given(around(userTask('review', { name: 'Review' })), (s) => {
        s.start();
        s.clock.advance('PT1H');
        s.claim('review', 'anna');
        s.clock.advance('PT1H');
      });
      const review = sut.waiting('review');

      // when it migrates to a version where review is followed by an approval
      const target: ModelSpec = {
        nodes: [startEvent('start'), userTask('review', { name: 'Review the case' }), userTask('approve'), endEvent('end')],
        flows: [flow('f1', 'start', 'review'), flow('f2', 'review', 'approve'), flow('f3', 'approve', 'end')],
      };
      const { outcome, graph } = await migrate(target, { actor: 'olga', reason: 'roll out v2' });
      const { state, steps, effects } = migrated(outcome);

      // then the task is the same activity instance on version 2, and the ledger records the move
      expect(state.processVersionId).toBe('version-2');
      expect(state.activities).toEqual([review]);
      expect(steps).toEqual([
        expect.objectContaining({ activityInstanceId: review.id, elementId: 'review', elementType: 'userTask', type: 'migrated', actor: 'olga', at: '2026-03-02T11:00:00.000Z' }),
      ]);
      expect(effects).toEqual([
        {
          kind: 'instanceMigrated',
          fromProcessVersionId: 'version-1',
          toProcessVersionId: 'version-2',
          elementIds: { review: 'review' },
          activities: [{ id: review.id, elementId: 'review', name: 'Review the case' }],
          actor: 'olga',
          reason: 'roll out v2',
          at: '2026-03-02T11:00:00.000Z',
        },
      ]);
      // and completing it follows version 2's flows
      expect(waitingAt(continueOn(graph, state, sut).complete('review').state)).toEqual(['approve']);
    });

    it('moves to the element the mapping names', async () => {
      // given a task 'check'
      const { sut, migrate } = await given(around(userTask('check')));
      const check = sut.waiting('check');

      // when it migrates to a version that calls it 'verify'
      const { outcome } = await migrate(around(userTask('verify')), { mapping: { check: 'verify' } });
      const { state, steps, effects } = migrated(outcome);

      // then the same activity instance now waits at 'verify'
      expect(state.activities).toEqual([{ ...check, elementId: 'verify' }]);
      expect(trail(steps)).toEqual(['verify:migrated']);
      expect(effectsOf(effects, 'instanceMigrated')[0].elementIds).toEqual({ check: 'verify' });
    });

    it('refuses, naming it, when the target version has no element for it', async () => {
      // given a task 'rekey' waiting
      const { sut, migrate } = await given(around(userTask('rekey')));
      const before = sut.state;

      // when it migrates to a version without it
      const { outcome } = await migrate(around(userTask('review')));

      // then the migration is refused with a problem naming the element and its activity instance
      expect(outcome).toEqual({
        code: ENGINE_ERRORS.migrationElementUnmapped,
        problems: [
          {
            elementId: 'rekey',
            activityInstanceId: sut.waiting('rekey').id,
            rule: 'element-unmapped',
            message: "Active userTask 'rekey' has no element 'rekey' in the target version; map it to a userTask there.",
          },
        ],
      });
      expect(sut.state).toBe(before);
    });

    it('refuses an element of another kind under the same id', async () => {
      // given a user task 'sync'
      const { migrate } = await given(around(userTask('sync')));

      // when the target has a service task 'sync'
      const { outcome } = await migrate(around(serviceTask('sync', 'crm')));

      // then it is refused
      expect(outcome).toEqual(expect.objectContaining({ problems: [expect.objectContaining({ elementId: 'sync', targetElementId: 'sync', rule: 'element-kind' })] }));
    });
  });

  describe('the mapping', () => {
    it('must name elements both versions have, each pair of one kind', async () => {
      // given a waiting task
      const { migrate } = await given(around(userTask('review')));

      // when the mapping names unknown elements, and a task mapped to a flow
      const { outcome } = await migrate(around(userTask('review')), { mapping: { typo: 'review', review: 'nowhere', f1: 'review' } });

      // then it is refused as an invalid mapping, one problem per entry
      expect(outcome).toEqual({
        code: ENGINE_ERRORS.migrationMappingInvalid,
        problems: [
          expect.objectContaining({ elementId: 'typo', rule: 'mapping-source-unknown' }),
          expect.objectContaining({ elementId: 'review', targetElementId: 'nowhere', rule: 'mapping-target-unknown' }),
          expect.objectContaining({ elementId: 'f1', targetElementId: 'review', rule: 'element-kind' }),
        ],
      });
    });

    it('stays within versions of the instance process', async () => {
      // given a case of process 'process'
      const { migrate } = await given(around(userTask('review')));

      // when the target is another process, or the version it runs on
      const other = { ...(await compile(around(userTask('review')))), key: 'other' };
      const { outcome: toOther } = await migrate(other);
      const { outcome: toItself } = await migrate(around(userTask('review')), { targetProcessVersionId: 'version-1' });

      // then both are refused
      expect(toOther).toEqual(expect.objectContaining({ problems: [expect.objectContaining({ elementId: 'process', rule: 'process-version' })] }));
      expect(toItself).toEqual(
        expect.objectContaining({ problems: [expect.objectContaining({ rule: 'process-version', message: 'The instance already runs on version version-1.' })] }),
      );
    });
  });

  describe('boundary events', () => {
    const guarded = (...boundaries: NodeSpec[]): ModelSpec => ({
      nodes: [startEvent('start'), userTask('answer'), ...boundaries, endEvent('end'), endEvent('late')],
      flows: [flow('f1', 'start', 'answer'), flow('f2', 'answer', 'end'), ...boundaries.map((b, i) => flow(`b${i}`, b.id, 'late'))],
    });

    it('keep a timer the target also has, with its id and due time', async () => {
      // given a task with a 4-hour SLA timer, an hour in
      const { sut, migrate } = await given(guarded(boundaryTimer('sla', 'answer', 'PT4H')), (s) => {
        s.start();
        s.clock.advance('PT1H');
      });
      const sla = sut.timer('sla');

      // when it migrates to a version with the same timer
      const { state, effects } = migrated((await migrate(guarded(boundaryTimer('sla', 'answer', 'PT4H')))).outcome);

      // then the timer is untouched
      expect(state.timers).toEqual([sla]);
      expect(state.activities[0].boundaryTimerIds).toEqual([sla.id]);
      expect(effects.map(({ kind }) => kind)).toEqual(['instanceMigrated']);
    });

    it('cancel the waits of boundary events the target dropped, and open those it added from now', async () => {
      // given a task with a 4-hour SLA timer, an hour in
      const { sut, migrate } = await given(guarded(boundaryTimer('sla', 'answer', 'PT4H')), (s) => {
        s.start();
        s.clock.advance('PT1H');
      });
      const sla = sut.timer('sla');

      // when it migrates to a version with a 2-hour nudge and a customer-reply message instead
      const target = guarded(boundaryTimer('nudge', 'answer', 'PT2H', false), boundaryEvent('reply', 'answer', onMessage('reply')));
      const { state, effects } = migrated((await migrate(target)).outcome);

      // then the SLA timer is canceled, the nudge is due two hours after the migration, and the reply is awaited
      expect(effectsOf(effects, 'timerCanceled')).toEqual([{ kind: 'timerCanceled', timerId: sla.id }]);
      expect(state.timers).toEqual([expect.objectContaining({ elementId: 'nudge', activityInstanceId: sut.waiting('answer').id, dueAt: '2026-03-02T12:00:00.000Z' })]);
      expect(state.activities[0].boundaryTimerIds).toEqual([state.timers[0].id]);
      expect(state.subscriptions).toEqual([expect.objectContaining({ elementId: 'reply', eventType: 'message', name: 'reply' })]);
      expect(effectsOf(effects, 'subscriptionOpened')).toHaveLength(1);
    });

    it('replace a boundary event that keeps its id but changes its trigger', async () => {
      // given a task with a 4-hour timer 'escalate'
      const { sut, migrate } = await given(guarded(boundaryTimer('escalate', 'answer', 'PT4H')));
      const timer = sut.timer('escalate');

      // when the target escalates on a message under the same id
      const { state, effects } = migrated((await migrate(guarded(boundaryEvent('escalate', 'answer', onMessage('escalate'))))).outcome);

      // then the timer is canceled and the message awaited
      expect(effectsOf(effects, 'timerCanceled')).toEqual([{ kind: 'timerCanceled', timerId: timer.id }]);
      expect(state.timers).toEqual([]);
      expect(state.subscriptions).toEqual([expect.objectContaining({ elementId: 'escalate', eventType: 'message', activityInstanceId: timer.activityInstanceId })]);
    });

    it('move a timer to the boundary event the mapping names, keeping its due time', async () => {
      // given a task with a 4-hour SLA timer
      const { sut, migrate } = await given(guarded(boundaryTimer('sla', 'answer', 'PT4H')));
      const sla = sut.timer('sla');

      // when it migrates to a version that calls the timer 'sla-breached'
      const { state, effects } = migrated((await migrate(guarded(boundaryTimer('sla-breached', 'answer', 'PT4H')), { mapping: { sla: 'sla-breached' } })).outcome);

      // then the old timer's job goes and a new one comes, due at the same time
      expect(effectsOf(effects, 'timerCanceled')).toEqual([{ kind: 'timerCanceled', timerId: sla.id }]);
      expect(state.timers).toEqual([{ id: expect.not.stringMatching(sla.id), elementId: 'sla-breached', activityInstanceId: sla.activityInstanceId, dueAt: sla.dueAt }]);
      expect(effectsOf(effects, 'timerScheduled').map(({ timer }) => timer)).toEqual(state.timers);
    });

    it('do not reopen a non-interrupting timer that already fired', async () => {
      // given a task whose 1-hour reminder fired already
      const model = guarded(boundaryTimer('reminder', 'answer', 'PT1H', false));
      const { migrate } = await given(model, (s) => {
        s.start();
        s.clock.advance('PT1H');
        s.fire('reminder');
      });

      // when it migrates to a version with the same reminder
      const { state } = migrated((await migrate(model)).outcome);

      // then the reminder stays spent
      expect(state.timers).toEqual([]);
    });

    it('refuse a mapping that sends a boundary event where its task does not go', async () => {
      // given a task with an SLA timer
      const { migrate } = await given(guarded(boundaryTimer('sla', 'answer', 'PT4H')));

      // when the mapping sends the timer to a boundary event of another task
      const target: ModelSpec = {
        nodes: [startEvent('start'), userTask('answer'), userTask('other'), boundaryTimer('sla2', 'other', 'PT4H'), endEvent('end')],
        flows: [flow('f1', 'start', 'answer'), flow('f2', 'answer', 'other'), flow('f3', 'other', 'end'), flow('f4', 'sla2', 'end')],
      };
      const { outcome } = await migrate(target, { mapping: { sla: 'sla2' } });

      // then it is refused, naming the timer
      expect(outcome).toEqual(expect.objectContaining({ problems: [expect.objectContaining({ elementId: 'sla', targetElementId: 'sla2', rule: 'wait-unmapped' })] }));
    });
  });

  describe('catch events', () => {
    it('keep a waiting timer catch event on its due time, also when it moves to another element', async () => {
      // given a case waiting a day
      const { sut, migrate } = await given(around(timerCatchEvent('wait', 'P1D')));
      const timer = sut.timer('wait');

      // when it migrates to a version that waits three days at 'cool-off'
      const { state } = migrated((await migrate(around(timerCatchEvent('cool-off', 'P3D')), { mapping: { wait: 'cool-off' } })).outcome);

      // then it waits at 'cool-off' until the original due time
      expect(waitingAt(state)).toEqual(['cool-off']);
      expect(state.timers).toEqual([expect.objectContaining({ elementId: 'cool-off', dueAt: timer.dueAt })]);
    });

    it('refuse a timer catch event mapped to a message catch event', async () => {
      // given a case waiting a day
      const { migrate } = await given(around(timerCatchEvent('wait', 'P1D')));

      // when the target waits for a message at 'wait'
      const { outcome } = await migrate(around(catchEvent('wait', onMessage('reply'))));

      // then it is refused
      expect(outcome).toEqual(
        expect.objectContaining({
          problems: [expect.objectContaining({ elementId: 'wait', rule: 'element-kind', message: expect.stringContaining('timer intermediateCatchEvent') })],
        }),
      );
    });

    it('reopen a message subscription whose message changed', async () => {
      // given a case waiting for a 'reply' message
      const { sut, migrate } = await given(around(catchEvent('wait', onMessage('reply'))));
      const subscription = sut.subscription('wait');

      // when the target waits for 'customer-reply' instead
      const { state, effects } = migrated((await migrate(around(catchEvent('wait', onMessage('customer-reply'))))).outcome);

      // then the old subscription closes and the new one opens
      expect(effectsOf(effects, 'subscriptionClosed')).toEqual([{ kind: 'subscriptionClosed', subscription, outcome: 'canceled' }]);
      expect(state.subscriptions).toEqual([expect.objectContaining({ elementId: 'wait', name: 'customer-reply', activityInstanceId: subscription.activityInstanceId })]);
    });

    it('open the new branches of a waiting event-based gateway', async () => {
      // given a case racing a reply against a timeout
      const race = (...extra: NodeSpec[]): ModelSpec => ({
        nodes: [startEvent('start'), eventBasedGateway('race'), catchEvent('reply', onMessage('reply')), timerCatchEvent('timeout', 'P2D'), ...extra, endEvent('end')],
        flows: [
          flow('f1', 'start', 'race'),
          flow('f2', 'race', 'reply'),
          flow('f3', 'race', 'timeout'),
          flow('f4', 'reply', 'end'),
          flow('f5', 'timeout', 'end'),
          ...extra.flatMap((node) => [flow(`in-${node.id}`, 'race', node.id), flow(`out-${node.id}`, node.id, 'end')]),
        ],
      });
      const { sut, migrate } = await given(race());
      const before = { timers: sut.state.timers, subscriptions: sut.state.subscriptions };

      // when the target also races a 'withdrawn' signal
      const { state } = migrated((await migrate(race(catchEvent('withdrawn', onSignal('withdrawn'))))).outcome);

      // then the old waits stay and the signal is awaited too
      expect(state.timers).toEqual(before.timers);
      expect(state.subscriptions).toEqual([
        ...before.subscriptions,
        expect.objectContaining({ elementId: 'withdrawn', eventType: 'signal', activityInstanceId: sut.waiting('race').id }),
      ]);
    });
  });

  describe('scopes', () => {
    const inLookup = (inner: NodeSpec): ModelSpec => ({
      nodes: [
        startEvent('start'),
        subProcess('lookup', { nodes: [startEvent('s-start'), inner, endEvent('s-end')], flows: [flow('s1', 's-start', inner.id), flow('s2', inner.id, 's-end')] }),
        endEvent('end'),
      ],
      flows: [flow('f1', 'start', 'lookup'), flow('f2', 'lookup', 'end')],
    });

    it('move a sub-process with the activities inside it', async () => {
      // given a task waiting inside a sub-process
      const { sut, migrate } = await given(inLookup(userTask('fetch')));
      const scope = sut.waiting('lookup');

      // when it migrates to a version where the sub-process is called 'research'
      const { state, steps } = migrated((await migrate(renamed(inLookup(userTask('fetch')), 'lookup', 'research'), { mapping: { lookup: 'research' } })).outcome);

      // then both move, the task still inside its scope
      expect(trail(steps)).toEqual(['research:migrated', 'fetch:migrated']);
      expect(state.activities.map(({ elementId, scopeId }) => ({ elementId, scopeId }))).toEqual([
        { elementId: 'research', scopeId: undefined },
        { elementId: 'fetch', scopeId: scope.id },
      ]);
    });

    it('refuse an activity whose target sits in another scope', async () => {
      // given a task inside a sub-process
      const { sut, migrate } = await given(inLookup(userTask('fetch')));

      // when the target has the task at the process level
      const { outcome } = await migrate(around(userTask('fetch')));

      // then the sub-process has no counterpart, and the task would leave its scope
      expect(outcome).toEqual(
        expect.objectContaining({
          problems: [
            expect.objectContaining({ elementId: 'lookup', rule: 'element-unmapped' }),
            expect.objectContaining({
              elementId: 'fetch',
              activityInstanceId: sut.waiting('fetch').id,
              rule: 'element-scope',
              message: "Active 'fetch' runs in 'lookup', so it must stay in 'lookup' in the target version; 'fetch' sits at the process level.",
            }),
          ],
        }),
      );
    });

    it('open the event sub-processes the target adds to a running scope', async () => {
      // given a case waiting at a task
      const { migrate } = await given(around(userTask('answer')));

      // when the target has a message event sub-process for a cancellation request
      const withCancellation: ModelSpec = {
        ...around(userTask('answer')),
        nodes: [
          ...around(userTask('answer')).nodes,
          eventSubProcess('on-cancel', {
            nodes: [startEvent('cancel-requested', onMessage('cancel')), endEvent('cancel-end')],
            flows: [flow('c1', 'cancel-requested', 'cancel-end')],
          }),
        ],
      };
      const { state } = migrated((await migrate(withCancellation)).outcome);

      // then the instance listens for it
      expect(state.subscriptions).toEqual([expect.objectContaining({ elementId: 'cancel-requested', name: 'cancel', activityInstanceId: 'instance-1' })]);
    });
  });

  describe('multi-instance activities', () => {
    const approvals = (sequential: boolean) => around(withMultiInstance(userTask('approve'), { inputCollection: '= approvers', inputElement: 'approver', sequential }));

    it('move the body with its inner instances, keeping their progress', async () => {
      // given two parallel approvals, one done
      const { sut, migrate } = await given(approvals(false), (s) => {
        s.start({ approvers: ['ann', 'bob'] });
        s.execute({ type: 'completeTask', activityInstanceId: s.waitingAll('approve').filter((a) => a.elementType === 'userTask')[0].id });
      });
      const before = sut.state.activities;

      // when it migrates to the same model
      const { state } = migrated((await migrate(approvals(false))).outcome);

      // then body and remaining item are unchanged
      expect(state.activities).toEqual(before);
    });

    it('refuse a target without the marker, or with the other kind of marker', async () => {
      // given parallel approvals
      const { migrate } = await given(approvals(false), (s) => s.start({ approvers: ['ann', 'bob'] }));

      // when the target approves once, or one after another
      const { outcome: single } = await migrate(around(userTask('approve')));
      const { outcome: sequential } = await migrate(approvals(true));

      // then both are refused at the body
      expect(single).toEqual(expect.objectContaining({ problems: [expect.objectContaining({ elementId: 'approve', rule: 'multi-instance' })] }));
      expect(sequential).toEqual(
        expect.objectContaining({
          problems: [
            expect.objectContaining({
              rule: 'multi-instance',
              message: "Active 'approve' runs as a parallel multi-instance activity, but 'approve' is as a sequential multi-instance activity in the target version.",
            }),
          ],
        }),
      );
    });
  });

  describe('joins', () => {
    const forked = (second: NodeSpec, secondFlows: [string, string]): ModelSpec => ({
      nodes: [startEvent('start'), parallelGateway('fork'), userTask('first'), second, parallelGateway('join'), endEvent('end')],
      flows: [
        flow('f1', 'start', 'fork'),
        flow('f2', 'fork', 'first'),
        flow(secondFlows[0], 'fork', second.id),
        flow('f3', 'first', 'join'),
        flow(secondFlows[1], second.id, 'join'),
        flow('f4', 'join', 'end'),
      ],
    });

    it('keep a token waiting at a join, on the flow that leads from where its source went', async () => {
      // given 'first' done (its token waits at the join) and 'second' waiting
      const { sut, migrate } = await given(forked(userTask('second'), ['f5', 'f6']), (s) => {
        s.start();
        s.complete('first');
      });
      expect(sut.state.joins).toEqual({ join: ['f3'] });

      // when it migrates to a version whose second branch is 'double-check', and whose flows are all renamed
      const target = forked(userTask('double-check'), ['g5', 'g6']);
      const renamedFlows = { ...target, flows: target.flows.map((f) => ({ ...f, id: f.id.replace('f', 'g') })) };
      const { outcome, graph } = await migrate(renamedFlows, { mapping: { second: 'double-check' } });
      const { state } = migrated(outcome);

      // then the arrival waits at the target join on the flow from 'first', and completing the branch ends the case
      expect(state.joins).toEqual({ join: ['g3'] });
      expect(continueOn(graph, state, sut).complete('double-check').state.status).toBe('completed');
    });

    it('refuse an arrival whose flow has no counterpart, naming the flow', async () => {
      // given 'first' done and 'second' waiting
      const { migrate } = await given(forked(userTask('second'), ['f5', 'f6']), (s) => {
        s.start();
        s.complete('first');
      });

      // when the target's first branch is another task entirely, joining by another flow
      const target: ModelSpec = {
        nodes: [startEvent('start'), parallelGateway('fork'), userTask('triage'), userTask('second'), parallelGateway('join'), endEvent('end')],
        flows: [
          flow('f1', 'start', 'fork'),
          flow('f2', 'fork', 'triage'),
          flow('f5', 'fork', 'second'),
          flow('t3', 'triage', 'join'),
          flow('f6', 'second', 'join'),
          flow('f4', 'join', 'end'),
        ],
      };
      const { outcome } = await migrate(target);
      // then it is refused; mapping the flow makes it go
      expect(outcome).toEqual(
        expect.objectContaining({ problems: [expect.objectContaining({ elementId: 'f3', rule: 'join-unmapped', message: expect.stringContaining('(t3, f6)') })] }),
      );
      expect(migrated((await migrate(target, { mapping: { f3: 't3' } })).outcome).state.joins).toEqual({ join: ['t3'] });
    });
  });

  describe('the instance', () => {
    it('stays suspended when it migrates suspended', async () => {
      // given a suspended case
      const { migrate } = await given(around(userTask('review')), (s) => {
        s.start();
        s.execute({ type: 'suspendInstance' });
      });

      // when it migrates
      const { state } = migrated((await migrate(around(userTask('review')))).outcome);

      // then it is still suspended, on the new version
      expect(state).toEqual(expect.objectContaining({ status: 'suspended', processVersionId: 'version-2' }));
    });

    it('cannot migrate once it has ended', async () => {
      // given a completed case
      const { migrate } = await given(around(userTask('review')), (s) => {
        s.start();
        s.complete('review');
      });

      // when it migrates, then it is refused
      await expect(migrate(around(userTask('review')))).rejects.toEqual(domainError(ENGINE_ERRORS.instanceNotActive, { status: 'completed' }));
    });
  });
});

/** The model with one node id changed everywhere (node and flow ends). */
function renamed(model: ModelSpec, from: string, to: string): ModelSpec {
  return {
    nodes: model.nodes.map((node) => (node.id === from ? { ...node, id: to } : node)),
    flows: model.flows.map((f) => ({ ...f, source: f.source === from ? to : f.source, target: f.target === from ? to : f.target })),
  };
}
