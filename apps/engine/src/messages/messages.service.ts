import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock, IdGenerator } from '#engine';
import {
  InstanceRepository,
  MessageRepository,
  SubscriptionRepository,
  type IdempotencyClaim,
  type MessageRecord,
  type MessageSubscriptionRecord,
  type StartEventRecord,
} from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { keyedAnswer } from '../idempotency/idempotency-key.js';
import { InstanceCommands, type ExecuteExtra } from '../instances/instance-commands.service.js';
import { BufferedMessageDelivery } from './buffered-delivery.service.js';
import { MessageOutcomeView } from './dto/message-outcome.view.js';
import type { PublishMessageDto } from './dto/publish-message.dto.js';

/** A `messageId` is remembered this long after its message expired (or was delivered). */
const MESSAGE_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Matches named in an ambiguity error, at most. */
const LISTED_MATCHES = 10;

/**
 * Routes a published message (the rule is in README's "Messages and signals"): to the one open subscription with
 * its name and correlation key; else to the one process whose newest version has a message start
 * event with its name; else, with a time-to-live, into the buffer; else nowhere (404). Two or
 * more candidates at the first step that has any is a 409: a message reaches exactly one.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly messages: MessageRepository,
    private readonly instances: InstanceRepository,
    private readonly versions: ProcessVersionCache,
    private readonly commands: InstanceCommands,
    private readonly buffered: BufferedMessageDelivery,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** With an Idempotency-Key, a message that starts a case stores its answer with the case (as a start by key does). */
  async publish(dto: PublishMessageDto, idempotency?: IdempotencyClaim): Promise<MessageOutcomeView> {
    const message = this.messageOf(dto);
    if (message.messageId !== null || message.expiresAt > message.publishedAt) {
      // This message may leave a row: the rows of long expired ones go first.
      await this.messages.purgeExpired(new Date(message.publishedAt.getTime() - MESSAGE_ID_RETENTION_MS));
    }
    await this.messages.checkUnpublished(message);
    // A message with an id is remembered in the same transaction as what it does, so a duplicate can never do it again.
    const receipt: ExecuteExtra = message.messageId === null ? {} : { messageReceipt: { publish: message } };

    const subscriptions = await this.subscriptions.findMessageSubscriptions(message.name, message.correlationKey, LISTED_MATCHES);
    if (subscriptions.length > 1) throw ambiguous(message, 'open subscriptions', subscriptions.map(describeSubscription));
    if (subscriptions.length === 1) return this.correlate(message, subscriptions[0], receipt);

    const starts = await this.subscriptions.findStartEvents('message', message.name);
    if (starts.length > 1) throw ambiguous(message, 'message start events', starts.map(describeStart));
    if (starts.length === 1) return this.startAt(message, starts[0], receipt, idempotency);

    if (message.expiresAt > message.publishedAt) return this.buffer(message);
    // A duplicate whose twin took the subscription after the first check finds nothing: it is a duplicate, not a miss.
    await this.messages.checkUnpublished(message);
    throw notFound(message);
  }

  private async correlate(message: MessageRecord, subscription: MessageSubscriptionRecord, receipt: ExecuteExtra): Promise<MessageOutcomeView> {
    const instance = await this.instances.load(subscription.instanceId);
    if (!instance) throw notFound(message);
    // A subscription closed since it was found (another message took it) makes the engine answer SUBSCRIPTION_NOT_ACTIVE: 409.
    const { state } = await this.commands.execute(instance, { type: 'correlateMessage', subscriptionId: subscription.id, variables: message.variables }, receipt);
    return MessageOutcomeView.of('correlated', message, { instanceId: state.id, elementId: subscription.elementId });
  }

  private async startAt(message: MessageRecord, start: StartEventRecord, receipt: ExecuteExtra, idempotency: IdempotencyClaim | undefined): Promise<MessageOutcomeView> {
    const version = await this.versions.get(start.processVersionId);
    const outcomeOf = (instanceId: string) => MessageOutcomeView.of('started', message, { instanceId, elementId: start.startEventId });
    const answerOf = keyedAnswer(idempotency, (state) => outcomeOf(state.id), this.clock);
    const { state } = await this.commands.start(version, { startEventId: start.startEventId, variables: message.variables }, { ...receipt, ...(answerOf && { answerOf }) });
    return outcomeOf(state.id);
  }

  private async buffer(message: MessageRecord): Promise<MessageOutcomeView> {
    await this.messages.buffer(message);
    // A subscription that opened while this message was on its way looked into the buffer before it was
    // there: look for such subscriptions once more, now that it is.
    try {
      const late = await this.subscriptions.findMessageSubscriptions(message.name, message.correlationKey, LISTED_MATCHES);
      for (const { id, instanceId } of late) {
        await this.buffered.deliver({ subscriptionId: id, instanceId, name: message.name, correlationKey: message.correlationKey });
      }
    } catch (error) {
      // The message is safely buffered; the next subscription that opens takes it.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Buffered message ${message.id} was not delivered right away: ${reason}`);
    }
    return MessageOutcomeView.of('buffered', message);
  }

  private messageOf(dto: PublishMessageDto): MessageRecord {
    const publishedAt = this.clock.now();
    return {
      id: this.ids.next(),
      messageId: dto.messageId ?? null,
      name: dto.name,
      correlationKey: dto.correlationKey ?? null,
      variables: dto.variables ?? {},
      publishedAt,
      expiresAt: new Date(publishedAt.getTime() + (dto.timeToLiveMs ?? 0)),
    };
  }
}

const keyText = (message: MessageRecord): string => (message.correlationKey === null ? 'without a correlation key' : `with correlation key '${message.correlationKey}'`);

const notFound = (message: MessageRecord) =>
  new DomainError(
    APP_ERRORS.messageSubscriptionNotFound,
    `No subscription for message '${message.name}' ${keyText(message)} is open, and no deployed process starts on it; ` +
      'publish it with a timeToLiveMs to buffer it until a subscription opens',
    { name: message.name, correlationKey: message.correlationKey },
  );

const ambiguous = (message: MessageRecord, what: string, matches: Array<Record<string, unknown>>) => {
  const count = matches.length === LISTED_MATCHES ? `${LISTED_MATCHES} or more` : String(matches.length);
  return new DomainError(
    APP_ERRORS.messageAmbiguous,
    `Message '${message.name}' ${keyText(message)} matches ${count} ${what}; it must reach exactly one. ` +
      'Give each waiting case its own correlation key (or each process its own message name).',
    { name: message.name, correlationKey: message.correlationKey, matches },
  );
};

const describeSubscription = (subscription: MessageSubscriptionRecord) => ({
  instanceId: subscription.instanceId,
  elementId: subscription.elementId,
  subscriptionId: subscription.id,
});

const describeStart = (start: StartEventRecord) => ({
  processKey: start.processKey,
  version: start.version,
  elementId: start.startEventId,
});
