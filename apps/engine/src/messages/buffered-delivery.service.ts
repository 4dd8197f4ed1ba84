import { Inject, Injectable } from '@nestjs/common';
import { isDomainError } from '#core';
import type { Clock, Effect, Subscription } from '#engine';
import { InstanceRepository, MessageRepository, PERSISTENCE_ERRORS, type StoredInstance } from '#persistence';
import { CLOCK } from '../common/engine-ports.js';
import { InstanceCommands, type AfterCommit, type CommandOutcome } from '../instances/instance-commands.service.js';

/** An open message subscription, as far as buffered messages are concerned. */
export interface MessageWait {
  subscriptionId: string;
  instanceId: string;
  name: string;
  correlationKey: string | null;
}

/** Tries for one subscription while other commands keep changing its instance or taking its messages. */
const MAX_ATTEMPTS = 5;

/** The delivery lost a race (another command on the instance, another subscription for the message): look again. */
const RACE_CODES: readonly string[] = [PERSISTENCE_ERRORS.revisionConflict, PERSISTENCE_ERRORS.messageNotBuffered];

/**
 * Delivers buffered messages when a matching subscription opens: after every commit that opened a
 * message subscription (or resumed an instance), each such subscription takes the matching messages
 * that have not expired, oldest first.
 */
@Injectable()
export class BufferedMessageDelivery implements AfterCommit {
  constructor(
    private readonly instances: InstanceRepository,
    private readonly messages: MessageRepository,
    private readonly commands: InstanceCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Hands buffered messages to one subscription for as long as it stays open (a non-interrupting
   * one takes every match). Each message leaves the buffer in the transaction that commits its
   * delivery, so it reaches one subscription, once. A message still buffered after the last
   * attempt stays for the next subscription.
   */
  async deliver(wait: MessageWait, known?: StoredInstance): Promise<void> {
    let instance = known ?? (await this.instances.load(wait.instanceId));
    let attempts = 0;
    while (instance && instance.state.status === 'active' && instance.state.subscriptions.some(({ id }) => id === wait.subscriptionId)) {
      const at = this.clock.now();
      const [message] = await this.messages.findBuffered(wait.name, wait.correlationKey, at, 1);
      if (!message) return;
      try {
        await this.commands.execute(
          instance,
          { type: 'correlateMessage', subscriptionId: wait.subscriptionId, variables: message.variables },
          { messageReceipt: { consume: { id: message.id, at } } },
        );
      } catch (error) {
        if (!isDomainError(error) || !RACE_CODES.includes(error.code)) throw error;
        if (++attempts >= MAX_ATTEMPTS) return;
      }
      // Reloaded, as the delivery's own listeners may already have moved the instance on.
      instance = await this.instances.load(wait.instanceId);
    }
  }

  /** Each message subscription the command opened (or, on a resume, every one) takes its buffered messages. */
  async afterCommit(outcome: CommandOutcome, effects: Effect[]): Promise<void> {
    const resumed = effects.some((effect) => effect.kind === 'instanceResumed');
    const opened = resumed ? outcome.state.subscriptions : effects.flatMap((effect) => (effect.kind === 'subscriptionOpened' ? [effect.subscription] : []));
    // The committed state serves the first subscription; a delivery moves the instance on, so the next ones reload it.
    let known: StoredInstance | undefined = outcome;
    for (const subscription of opened.filter(({ eventType }) => eventType === 'message')) {
      await this.deliver(waitOf(outcome.state.id, subscription), known);
      known = undefined;
    }
  }
}

const waitOf = (instanceId: string, subscription: Subscription): MessageWait => ({
  subscriptionId: subscription.id,
  instanceId,
  name: subscription.name,
  correlationKey: subscription.correlationKey ?? null,
});
