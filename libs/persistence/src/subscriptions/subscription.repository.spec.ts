import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessVersionRecord } from '../process-versions/process-version.repository.js';
import { SubscriptionRepository } from './subscription.repository.js';
import { AWAIT_REPLY, startedBy, WaitsScenario } from './testing/waits-scenario.js';

describe('SubscriptionRepository', () => {
  let scenario: WaitsScenario;
  let sut: SubscriptionRepository;
  let awaitReply: ProcessVersionRecord;

  beforeAll(async () => {
    scenario = await WaitsScenario.open();
    sut = new SubscriptionRepository(scenario.dataSource);
    awaitReply = await scenario.deploy(AWAIT_REPLY);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  it('holds a row per open subscription, written in the commit that opened it', async () => {
    // when an instance starts waiting for the reply to ticket A-1
    const started = await scenario.start(awaitReply, { ticketId: 'A-1' });
    // then its reply, ping and outage subscriptions can be found
    const task = started.state.activities[0];
    expect(await sut.findMessageSubscriptions('reply', 'A-1', 10)).toEqual([
      {
        id: started.state.subscriptions.find(({ name }) => name === 'reply')!.id,
        instanceId: started.state.id,
        activityInstanceId: task.id,
        elementId: 'receive-reply',
        name: 'reply',
        correlationKey: 'A-1',
        createdAt: new Date(task.readyAt),
      },
    ]);
    expect(await sut.findSignalInstanceIds('outage')).toContain(started.state.id);
  });

  it('matches a message without a key only to subscriptions without one, and a key only to its own', async () => {
    // given an instance waits for the reply to A-2 and for a ping without a key
    const started = await scenario.start(awaitReply, { ticketId: 'A-2' });
    // then a keyless ping finds it, a keyed ping and a keyless reply do not
    expect((await sut.findMessageSubscriptions('ping', null, 10)).map(({ instanceId }) => instanceId)).toContain(started.state.id);
    expect(await sut.findMessageSubscriptions('ping', 'A-2', 10)).toEqual([]);
    expect((await sut.findMessageSubscriptions('reply', null, 10)).map(({ instanceId }) => instanceId)).not.toContain(started.state.id);
    expect(await sut.findMessageSubscriptions('reply', 'A-22', 10)).toEqual([]);
  });

  it('deletes the rows in the commit that closes the subscriptions', async () => {
    // given an instance waits for the reply to A-3
    const started = await scenario.start(awaitReply, { ticketId: 'A-3' });
    const reply = started.state.subscriptions.find(({ name }) => name === 'reply')!;
    // when the reply is correlated (the receive task completes, its boundary events close)
    await scenario.run(awaitReply, started, { type: 'correlateMessage', subscriptionId: reply.id });
    // then no row of the instance is left
    expect(await scenario.count('subscription', 'instance_id = $1', [started.state.id])).toBe(0);
    expect(await sut.findSignalInstanceIds('outage')).not.toContain(started.state.id);
  });

  it('keeps a non-interrupting subscription that fired', async () => {
    // given an instance waits for the reply to A-4
    const started = await scenario.start(awaitReply, { ticketId: 'A-4' });
    // when the outage signal reaches it
    await scenario.run(awaitReply, started, { type: 'receiveSignal', signalName: 'outage' });
    // then its three subscriptions are still open
    expect(await scenario.count('subscription', 'instance_id = $1', [started.state.id])).toBe(3);
  });

  it('writes nothing of a result computed from a stale revision', async () => {
    // given two commands loaded the same revision and the first committed
    const started = await scenario.start(awaitReply, { ticketId: 'A-5' });
    const reply = started.state.subscriptions.find(({ name }) => name === 'reply')!;
    await scenario.run(awaitReply, started, { type: 'receiveSignal', signalName: 'outage' });
    // when the second one (correlating the reply) commits
    const stale = scenario.run(awaitReply, started, { type: 'correlateMessage', subscriptionId: reply.id });
    // then it conflicts and the subscription rows are untouched
    await expect(stale).rejects.toMatchObject({ code: 'REVISION_CONFLICT' });
    expect(await scenario.count('subscription', 'instance_id = $1', [started.state.id])).toBe(3);
  });

  it('finds message and signal start events in the newest version of each key only', async () => {
    // given version 1 of a key starts on message 'inquiry' and signal 'outage-over'
    const first = await scenario.deploy(startedBy({ message: 'inquiry', signal: 'outage-over' }, 'v1'));
    expect(await sut.findStartEvents('message', 'inquiry')).toEqual([{ processVersionId: first.id, processKey: 'started-by', version: 1, startEventId: 'message-start' }]);
    // when version 2 starts on the signal only
    const second = await scenario.deploy(startedBy({ signal: 'outage-over' }, 'v2'));
    // then the message starts nothing any more, and the signal starts version 2
    expect(await sut.findStartEvents('message', 'inquiry')).toEqual([]);
    expect(await sut.findStartEvents('signal', 'outage-over')).toEqual([{ processVersionId: second.id, processKey: 'started-by', version: 2, startEventId: 'signal-start' }]);
    // and a name of the other kind finds nothing
    expect(await sut.findStartEvents('message', 'outage-over')).toEqual([]);
  });
});
