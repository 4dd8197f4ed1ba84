import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EngineResult } from '#engine';
import type { StoredInstance } from '../instances/instance.repository.js';
import { PERSISTENCE_ERRORS } from '../persistence-errors.js';
import type { ProcessVersionRecord } from '../process-versions/process-version.repository.js';
import { AWAIT_REPLY, WaitsScenario } from '../subscriptions/testing/waits-scenario.js';
import type { MessageReceipt, MessageRecord } from './message-receipt.js';
import { MessageRepository } from './message.repository.js';

const HOUR = 60 * 60 * 1000;

describe('MessageRepository', () => {
  let scenario: WaitsScenario;
  let sut: MessageRepository;
  let awaitReply: ProcessVersionRecord;

  beforeAll(async () => {
    scenario = await WaitsScenario.open();
    sut = new MessageRepository(scenario.dataSource);
    awaitReply = await scenario.deploy(AWAIT_REPLY);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  const message = (overrides: Partial<MessageRecord> = {}): MessageRecord => {
    const publishedAt = scenario.clock.now();
    return {
      id: randomUUID(),
      messageId: null,
      name: 'reply',
      correlationKey: 'B-1',
      variables: { text: 'hello' },
      publishedAt,
      expiresAt: new Date(publishedAt.getTime() + HOUR),
      ...overrides,
    };
  };
  /** The commit of a message's delivery, with its receipt. */
  const commitWith = (messageReceipt: MessageReceipt, result: EngineResult, previous: StoredInstance | null) => scenario.instances.commit(result, previous, { messageReceipt });
  const replyOf = (instance: StoredInstance) => instance.state.subscriptions.find(({ name }) => name === 'reply')!.id;
  const correlate = (instance: StoredInstance, variables = {}) =>
    scenario.executed(awaitReply, instance, { type: 'correlateMessage', subscriptionId: replyOf(instance), variables });

  it('finds a buffered message by name and key until it expires, oldest first', async () => {
    // given two messages for B-10 buffered a minute apart, and one for another key
    const older = message({ correlationKey: 'B-10' });
    await sut.buffer(older);
    scenario.clock.advance(60_000);
    const newer = message({ correlationKey: 'B-10' });
    await sut.buffer(newer);
    await sut.buffer(message({ correlationKey: 'B-11' }));
    // then both are found for B-10, oldest first
    expect(await sut.findBuffered('reply', 'B-10', scenario.clock.now(), 10)).toEqual([older, newer]);
    // and none once the older one's hour is up, but the newer one is
    expect((await sut.findBuffered('reply', 'B-10', older.expiresAt, 10)).map(({ id }) => id)).toEqual([newer.id]);
    // and a keyless lookup matches none of them
    expect(await sut.findBuffered('reply', null, scenario.clock.now(), 10)).toEqual([]);
  });

  it('takes a buffered message once: a second delivery fails and writes nothing of its instance', async () => {
    // given a buffered message and two instances waiting for it
    const buffered = message({ correlationKey: 'B-2' });
    await sut.buffer(buffered);
    const first = await scenario.start(awaitReply, { ticketId: 'B-2' });
    const second = await scenario.start(awaitReply, { ticketId: 'B-2' });
    const at = scenario.clock.now();
    // when both commit a delivery of it
    await commitWith({ consume: { id: buffered.id, at } }, correlate(first), first);
    const twice = commitWith({ consume: { id: buffered.id, at } }, correlate(second), second);
    // then the second is refused, its instance unchanged, and the message is buffered no more
    await expect(twice).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.messageNotBuffered });
    expect((await scenario.instances.load(first.state.id))!.revision).toBe(2);
    expect(await scenario.instances.load(second.state.id)).toEqual(second);
    expect(await sut.findBuffered('reply', 'B-2', at, 10)).toEqual([]);
  });

  it('leaves the message buffered when the instance commit conflicts', async () => {
    // given a buffered message, and an instance changed since the delivery was computed
    const buffered = message({ correlationKey: 'B-3' });
    await sut.buffer(buffered);
    const waiting = await scenario.start(awaitReply, { ticketId: 'B-3' });
    await scenario.run(awaitReply, waiting, { type: 'receiveSignal', signalName: 'outage' });
    // when the stale delivery commits
    const stale = commitWith({ consume: { id: buffered.id, at: scenario.clock.now() } }, correlate(waiting), waiting);
    // then it conflicts, and the message is still there for the next try
    await expect(stale).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.revisionConflict });
    expect((await sut.findBuffered('reply', 'B-3', scenario.clock.now(), 10)).map(({ id }) => id)).toEqual([buffered.id]);
  });

  it('does not deliver an expired buffered message', async () => {
    // given a message buffered for a minute
    const buffered = message({ correlationKey: 'B-4', expiresAt: new Date(scenario.clock.now().getTime() + 60_000) });
    await sut.buffer(buffered);
    const waiting = await scenario.start(awaitReply, { ticketId: 'B-4' });
    // when a delivery commits two minutes later
    const late = commitWith({ consume: { id: buffered.id, at: new Date(scenario.clock.now().getTime() + 120_000) } }, correlate(waiting), waiting);
    // then it is refused and the instance still waits
    await expect(late).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.messageNotBuffered });
    expect(await scenario.instances.load(waiting.state.id)).toEqual(waiting);
  });

  it('remembers a published messageId with the commit, and refuses a second message with it', async () => {
    // given a message with an id correlated to one instance
    const first = await scenario.start(awaitReply, { ticketId: 'B-5' });
    const published = message({ correlationKey: 'B-5', messageId: 'reply-B-5' });
    await sut.checkUnpublished(published);
    await commitWith({ publish: published }, correlate(first), first);
    // when a message with the same id is committed for another instance, checked, or buffered
    const other = await scenario.start(awaitReply, { ticketId: 'B-5' });
    const again = message({ correlationKey: 'B-5', messageId: 'reply-B-5' });
    // then each is refused, naming the id, and the other instance is unchanged
    await expect(commitWith({ publish: again }, correlate(other), other)).rejects.toMatchObject({
      code: PERSISTENCE_ERRORS.messageIdTaken,
      details: { messageId: 'reply-B-5', name: 'reply' },
    });
    await expect(sut.checkUnpublished(again)).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.messageIdTaken });
    await expect(sut.buffer(again)).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.messageIdTaken });
    expect(await scenario.instances.load(other.state.id)).toEqual(other);
  });

  it('writes no instance started by a duplicate message', async () => {
    // given a message with an id started nothing yet but is remembered
    const published = message({ name: 'inquiry', correlationKey: null, messageId: 'inquiry-1' });
    const first = scenario.started(awaitReply, { ticketId: 'B-6' });
    await commitWith({ publish: published }, first, null);
    // when its duplicate would start another instance
    const second = scenario.started(awaitReply, { ticketId: 'B-6' });
    await expect(commitWith({ publish: { ...published, id: randomUUID() } }, second, null)).rejects.toMatchObject({
      code: PERSISTENCE_ERRORS.messageIdTaken,
    });
    // then only the first instance exists
    expect(await scenario.instances.load(first.state.id)).not.toBeNull();
    expect(await scenario.instances.load(second.state.id)).toBeNull();
  });

  it('purges messages that expired before the given time, and only those', async () => {
    // given a message that expired and one that did not
    const expired = message({ correlationKey: 'B-7', messageId: 'old', expiresAt: new Date(scenario.clock.now().getTime() - 1) });
    const live = message({ correlationKey: 'B-7', messageId: 'new' });
    await sut.buffer(expired);
    await sut.buffer(live);
    // when expired messages are purged
    await sut.purgeExpired(scenario.clock.now());
    // then the old id is forgotten and may be published again; the live one stays
    await expect(sut.checkUnpublished(expired)).resolves.toBeUndefined();
    await expect(sut.checkUnpublished(live)).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.messageIdTaken });
  });
});
