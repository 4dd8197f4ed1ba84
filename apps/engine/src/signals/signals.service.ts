import { Injectable, Logger } from '@nestjs/common';
import { isDomainError } from '#core';
import { ENGINE_ERRORS, type Effect, type Variables } from '#engine';
import { InstanceRepository, PERSISTENCE_ERRORS, SubscriptionRepository } from '#persistence';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { InstanceCommands, type AfterCommit } from '../instances/instance-commands.service.js';
import { SignalBroadcastView, type SignalFailureView } from './dto/signal-broadcast.view.js';

/** Tries per instance while other commands keep changing it. */
const MAX_ATTEMPTS = 5;

/** The instance no longer waits for the signal (its subscription closed, it ended) or takes no command now (suspended). */
const MISSED_CODES: readonly string[] = [ENGINE_ERRORS.subscriptionNotActive, ENGINE_ERRORS.instanceNotActive, ENGINE_ERRORS.instanceSuspended];

/**
 * Broadcasts signals: to every instance holding an open subscription with the name (each of its
 * subscriptions with that name fires), and to every process whose newest version has a signal
 * start event with the name (one new instance per start event). Signals thrown inside a process
 * are broadcast the same way, after the commit of the command that threw them.
 */
@Injectable()
export class SignalsService implements AfterCommit {
  private readonly logger = new Logger(SignalsService.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly instances: InstanceRepository,
    private readonly versions: ProcessVersionCache,
    private readonly commands: InstanceCommands,
  ) {}

  /** Signals thrown inside a process are broadcast once the command that threw them is committed. */
  afterCommit(_outcome: unknown, effects: Effect[]): Promise<void> {
    return this.broadcastThrown(effects);
  }

  async broadcast(name: string, variables: Variables = {}): Promise<SignalBroadcastView> {
    // Both looked up before anything runs: an instance the signal starts does not receive it as well.
    const [instanceIds, starts] = await Promise.all([this.subscriptions.findSignalInstanceIds(name), this.subscriptions.findStartEvents('signal', name)]);
    const receivedBy: string[] = [];
    const started: string[] = [];
    const failed: SignalFailureView[] = [];
    for (const instanceId of instanceIds) {
      try {
        if (await this.deliver(instanceId, name, variables)) receivedBy.push(instanceId);
      } catch (error) {
        failed.push(failureOf(instanceId, error));
      }
    }
    for (const start of starts) {
      try {
        const version = await this.versions.get(start.processVersionId);
        const { state } = await this.commands.start(version, { startEventId: start.startEventId, variables });
        started.push(state.id);
      } catch (error) {
        failed.push(failureOf(start.processKey, error));
      }
    }
    return SignalBroadcastView.of(name, receivedBy, started, failed);
  }

  /** Whether the instance received the signal; a concurrent command on it only delays it. */
  private async deliver(instanceId: string, signalName: string, variables: Variables): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const instance = await this.instances.load(instanceId);
      if (!instance) return false;
      try {
        await this.commands.execute(instance, { type: 'receiveSignal', signalName, variables });
        return true;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === PERSISTENCE_ERRORS.revisionConflict && attempt < MAX_ATTEMPTS) continue;
        if (MISSED_CODES.includes(error.code)) return false;
        throw error;
      }
    }
  }

  private async broadcastThrown(effects: Effect[]): Promise<void> {
    for (const effect of effects) {
      if (effect.kind !== 'signalThrown') continue;
      const { failed } = await this.broadcast(effect.name, effect.variables);
      for (const { target, code, message } of failed) {
        this.logger.warn(`Signal '${effect.name}' thrown at ${effect.elementId} did not reach ${target}: ${code}: ${message}`);
      }
    }
  }
}

/** A target the signal could not trigger; anything but a domain error (the database is down) fails the broadcast. */
const failureOf = (target: string, error: unknown): SignalFailureView => {
  if (!isDomainError(error)) throw error;
  return { target, code: error.code, message: error.message };
};
