import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, isDomainError } from '#core';
import { catchesErrorAt, ENGINE_ERRORS, type Clock, type Command, type Effect, type EngineResult, type IdGenerator, type InstanceStatus, type ThrownEvent } from '#engine';
import { CallActivityRepository, InstanceRepository, PERSISTENCE_ERRORS, type CallActivityRecord } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { InstanceCommands, type AfterCommit, type BeforeCommit, type CommandOutcome } from '../instances/instance-commands.service.js';
import { CalledProcesses } from './called-processes.js';

/** Failed follow-ups of one call activity before an incident is raised on the parent (it keeps being retried). */
export const MAX_FOLLOW_UP_ATTEMPTS = 3;

/** Tries per command while other commands keep changing the instance. */
const MAX_CONFLICTS = 5;

/** The instance the command was meant for has moved on: the call activity closed, or the instance ended. */
const MOVED_ON: readonly string[] = [ENGINE_ERRORS.activityNotActive, ENGINE_ERRORS.instanceNotActive];

const isRunning = (status: InstanceStatus) => status === 'active' || status === 'suspended';

/** Failures retrying cannot mend: an incident is raised at once. */
const FINAL: readonly string[] = [APP_ERRORS.calledInstanceCanceled, ENGINE_ERRORS.errorNotCaught];

/**
 * Call activities across instances. Before a command that starts one is written, the called process
 * must be deployed (else CALLED_PROCESS_NOT_FOUND refuses it: nothing changes). After the commit
 * it starts the child (with the parent link and the business key), reports a child's end to its
 * parent (`completeCallActivity` with the child's variables) and cancels the child of a canceled
 * call activity. A child's uncaught errors and escalations go up to the call activity, each once
 * and in order (Camunda 8's propagation); an error that nothing above would catch either is
 * refused in the child before its commit, so the incident stays where the error was thrown. Each
 * of these is owed in the `call_activity` row written with the commit, so a process dying in
 * between loses nothing: CallActivityReconciler does what is still owed later.
 */
@Injectable()
export class CallActivityFollowUps implements BeforeCommit, AfterCommit {
  private readonly logger = new Logger(CallActivityFollowUps.name);

  constructor(
    private readonly calls: CallActivityRepository,
    private readonly instances: InstanceRepository,
    private readonly called: CalledProcesses,
    private readonly commands: InstanceCommands,
    private readonly versions: ProcessVersionCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Refuses a command that calls a process not deployed, or hands up an error nothing above catches. */
  async beforeCommit(result: EngineResult): Promise<void> {
    for (const effect of result.effects) {
      if (effect.kind === 'callActivityStarted') await this.called.resolve(effect);
      if (effect.kind === 'thrownToCallActivity' && effect.eventType === 'error') await this.assertCaughtAbove(result, effect);
    }
  }

  /** Performs what a committed command owes another instance, in the order it happened. */
  async afterCommit({ state }: CommandOutcome, effects: Effect[]): Promise<void> {
    const owed: string[] = [];
    for (const effect of effects) {
      if (effect.kind === 'callActivityStarted') owed.push(effect.activityInstanceId);
      if (effect.kind === 'callActivityClosed' && effect.outcome === 'canceled') owed.push(effect.id);
      if ((effect.kind === 'instanceEnded' || effect.kind === 'thrownToCallActivity') && state.parent) owed.push(state.parent.activityInstanceId);
    }
    for (const activityInstanceId of new Set(owed)) {
      const record = await this.calls.find(activityInstanceId);
      if (record) await this.perform(record);
    }
  }

  /** Does what the call activity owes, if anything; a failure is recorded and tried again later. */
  async perform(record: CallActivityRecord): Promise<void> {
    try {
      const settled = await this.act(record);
      if (record.attempts > 0) await this.calls.recovered(record.activityInstanceId, this.clock.now());
      if (settled) await this.calls.settle(record.activityInstanceId, record.followUpSince);
    } catch (error) {
      await this.failed(record, error);
    }
  }

  /**
   * Returns true when nothing was owed (the row is settled here); false when a commit took care
   * of the row (a started child, a closed call activity, an ended child update it themselves).
   */
  private async act(record: CallActivityRecord): Promise<boolean> {
    const { status, child } = record;
    if (status === 'waiting' && child === null) return this.startChild(record);
    if (status === 'waiting' && child) return this.reportToParent(record, child.id);
    if (status === 'canceled' && child && isRunning(child.status)) return this.run(child.id, { type: 'cancelInstance' });
    return true;
  }

  /**
   * Delivers what the child handed up, in order (the engine takes each throw once, by its
   * sequence), then its end: its variables when it completed, the error that ended it, or an
   * incident when someone canceled it. True when the call activity still waits on a running child
   * (or has moved on): nothing more is owed now.
   */
  private async reportToParent(record: CallActivityRecord, childId: string): Promise<boolean> {
    const child = await this.instances.load(childId);
    if (!child) return true;
    const thrown = child.state.thrownToParent ?? [];
    for (const [index, event] of thrown.entries()) {
      if (await this.run(record.instanceId, throwCommand(record.activityInstanceId, event, index + 1))) return true;
    }
    const { status, variables } = child.state;
    if (status === 'completed') return this.run(record.instanceId, { type: 'completeCallActivity', activityInstanceId: record.activityInstanceId, variables });
    if (status === 'canceled' && thrown.at(-1)?.eventType === 'error') return false;
    if (status === 'canceled') {
      throw new DomainError(
        APP_ERRORS.calledInstanceCanceled,
        `The instance ${child.state.id} called by '${record.elementId}' was canceled, so the call activity cannot complete; cancel or migrate the parent instance.`,
        { elementId: record.elementId, childInstanceId: child.state.id },
      );
    }
    return true;
  }

  /**
   * An error a called instance hands up must be caught by a call activity above it (or around
   * one): else its command is refused with ERROR_NOT_CAUGHT and nothing changes, as for an
   * instance nobody called, so the incident is raised where the error was thrown.
   */
  private async assertCaughtAbove({ state }: EngineResult, error: ThrownEvent): Promise<void> {
    for (let link = state.parent; link;) {
      const parent = await this.instances.load(link.instanceId);
      if (!parent) return;
      const { graph } = await this.versions.get(parent.state.processVersionId);
      // Undefined: the call activity no longer waits, so the child is being canceled anyway.
      if (catchesErrorAt(graph, parent.state, link.activityInstanceId, error.code) !== false) return;
      link = parent.state.parent;
    }
    const code = error.code === undefined ? 'The error' : `The error '${error.code}'`;
    throw new DomainError(
      ENGINE_ERRORS.errorNotCaught,
      `${code} thrown at '${error.elementId}' is caught neither in its instance nor by the call activity that called it, or around it.`,
      { elementId: error.elementId, ...(error.code !== undefined && { errorCode: error.code }) },
    );
  }

  private async startChild(record: CallActivityRecord): Promise<boolean> {
    const version = await this.called.resolve(record);
    try {
      await this.commands.start(version, {
        variables: record.variables,
        ...(record.businessKey !== null && { businessKey: record.businessKey }),
        parent: { instanceId: record.instanceId, activityInstanceId: record.activityInstanceId },
      });
    } catch (error) {
      // The child of this call activity exists already: another engine process started it first.
      if (!isDomainError(error) || error.code !== PERSISTENCE_ERRORS.revisionConflict) throw error;
    }
    return false;
  }

  /** Runs a command on the instance as it is now; true when it had moved on and there was nothing to do. */
  private async run(instanceId: string, command: Command): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const instance = await this.instances.load(instanceId);
      if (!instance) return true;
      try {
        await this.commands.execute(instance, command);
        return false;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === PERSISTENCE_ERRORS.revisionConflict && attempt < MAX_CONFLICTS) continue;
        if (MOVED_ON.includes(error.code)) return true;
        throw error;
      }
    }
  }

  private async failed(record: CallActivityRecord, error: unknown): Promise<void> {
    const reason = isDomainError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    this.logger.warn(`Call activity '${record.elementId}' (${record.activityInstanceId}) of instance ${record.instanceId}: ${reason}`);
    await this.calls.recordFailure({
      activityInstanceId: record.activityInstanceId,
      error: reason,
      now: this.clock.now(),
      final: isDomainError(error) && FINAL.includes(error.code),
      maxAttempts: MAX_FOLLOW_UP_ATTEMPTS,
      incidentId: this.ids.next(),
    });
  }
}

/** The parent command delivering the child's `sequence`-th throw to the call activity. */
const throwCommand = (activityInstanceId: string, { eventType, code }: ThrownEvent, sequence: number): Command =>
  eventType === 'error'
    ? { type: 'throwError', activityInstanceId, errorCode: code ?? '', sequence }
    : { type: 'throwEscalation', activityInstanceId, ...(code !== undefined && { escalationCode: code }), sequence };
