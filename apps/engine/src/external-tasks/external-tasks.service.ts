import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FlowNode } from '#bpmn';
import { DomainError, isDomainError } from '#core';
import { ENGINE_ERRORS, variablesVisibleAt, type Clock, type IdGenerator } from '#engine';
import {
  ExternalTaskRepository,
  InstanceRepository,
  PERSISTENCE_ERRORS,
  WorkerTopicRepository,
  type ExternalTaskListFilter,
  type ExternalTaskRecord,
  type LockedExternalTask,
} from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { InstanceCommands } from '../instances/instance-commands.service.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import { ExternalTaskAvailability } from './external-task-availability.js';
import type { CompleteExternalTaskDto } from './dto/complete-external-task.dto.js';
import type { ExternalTaskFailureDto } from './dto/external-task-failure.dto.js';
import { BpmnErrorOutcomeView, ExternalTaskFailureView, ExternalTaskView, LockedExternalTaskView } from './dto/external-task.view.js';
import type { FetchAndLockDto } from './dto/fetch-and-lock.dto.js';
import type { ThrowBpmnErrorDto } from './dto/throw-bpmn-error.dto.js';

/** The task's static headers (Camunda 8's `zeebe:taskHeaders`); empty when it has none. */
function headersOf(node: FlowNode | undefined): Record<string, string> {
  // A service or send task carries its settings itself; a message throw or end event under `externalTask`.
  const settings = node && ('externalTask' in node ? node.externalTask : 'topic' in node ? node : undefined);
  return settings?.headers ?? {};
}

/** Attempts to record a lock on the instance when other commands keep changing it meanwhile. */
const LOCK_ATTEMPTS = 5;

/** How often one engine process writes down that workers ask for a topic (deploy warns about topics never asked for). */
const TOPIC_RECORD_INTERVAL_MS = 60_000;

@Injectable()
export class ExternalTasksService {
  private readonly logger = new Logger(ExternalTasksService.name);
  /** When this process last wrote down each topic a worker asked for. */
  private readonly topicsRecordedAt = new Map<string, number>();

  constructor(
    private readonly externalTasks: ExternalTaskRepository,
    private readonly instances: InstanceRepository,
    private readonly commands: InstanceCommands,
    private readonly availability: ExternalTaskAvailability,
    private readonly workerTopics: WorkerTopicRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Locks fetchable tasks for the worker. With `asyncResponseTimeoutMs` (long polling), when none is
   * fetchable it waits until a task of the topics is announced, then fetches again, and answers
   * with whatever it locked once the time is up (an empty list at the latest); `signal` (the worker
   * went away) and the app closing end the wait at once.
   */
  async fetchAndLock(dto: FetchAndLockDto, signal?: AbortSignal): Promise<LockedExternalTaskView[]> {
    await this.recordTopics(dto.topics.map((topic) => topic.name));
    const timeoutMs = dto.asyncResponseTimeoutMs ?? 0;
    if (timeoutMs === 0) return this.lockAndHandOut(dto);
    // The wait is wall-clock time (an HTTP request's), not the engine clock's.
    const deadline = Date.now() + timeoutMs;
    const watch = this.availability.watch(
      dto.topics.map((topic) => topic.name),
      signal,
    );
    try {
      for (;;) {
        const handedOut = await this.lockAndHandOut(dto);
        const remainingMs = deadline - Date.now();
        if (handedOut.length > 0 || remainingMs <= 0 || watch.ended) return handedOut;
        await watch.next(remainingMs);
        if (watch.ended) return [];
      }
    } finally {
      watch.close();
    }
  }

  /** Writes down that a worker asks for these topics, at most once a minute per topic and process; a failure only costs a deploy warning. */
  private async recordTopics(topics: string[]): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const due = topics.filter((topic) => nowMs - (this.topicsRecordedAt.get(topic) ?? -Infinity) >= TOPIC_RECORD_INTERVAL_MS);
    if (due.length === 0) return;
    for (const topic of due) this.topicsRecordedAt.set(topic, nowMs);
    await this.workerTopics.record(due, new Date(nowMs)).catch((error: unknown) => {
      for (const topic of due) this.topicsRecordedAt.delete(topic);
      this.logger.warn(`Could not record the topics workers fetch: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /**
   * Locks fetchable tasks for the worker, then records each lock on its instance (the first lock
   * marks the work as started in the step ledger). A task whose activity ended, or whose instance
   * was suspended, in between is not handed out, and its lock is released.
   */
  private async lockAndHandOut({ workerId, maxTasks, topics }: FetchAndLockDto): Promise<LockedExternalTaskView[]> {
    const locked = await this.externalTasks.fetchAndLock({ workerId, maxTasks, topics, now: this.clock.now() });
    const handedOut = await Promise.all(locked.map((externalTask) => this.recordLock(externalTask, workerId)));
    return handedOut.filter((view): view is LockedExternalTaskView => view !== null);
  }

  async complete(id: string, { workerId, variables }: CompleteExternalTaskDto): Promise<InstanceView> {
    const found = await this.externalTasks.findWithInstance(id);
    if (!found) throw externalTaskNotFound(id);
    this.assertLockedBy(found.externalTask, workerId);
    const { state, revision, version } = await this.commands.execute(found.instance, {
      type: 'completeExternalTask',
      activityInstanceId: id,
      workerId,
      ...(variables !== undefined && { variables }),
    });
    return InstanceView.of(state, revision, version);
  }

  /**
   * The worker holding the task throws a BPMN error there: the task's error boundary event (or a
   * catch around it) takes it and the instance moves on. When nothing catches it, nothing moves:
   * the task is parked without retries under an incident naming the error (retrying the incident
   * hands the task out again).
   */
  async throwBpmnError(id: string, { workerId, errorCode, errorMessage, variables }: ThrowBpmnErrorDto): Promise<BpmnErrorOutcomeView> {
    const found = await this.externalTasks.findWithInstance(id);
    if (!found) throw externalTaskNotFound(id);
    this.assertLockedBy(found.externalTask, workerId);
    try {
      const { state, revision, version } = await this.commands.execute(found.instance, {
        type: 'throwError',
        activityInstanceId: id,
        errorCode,
        workerId,
        ...(variables !== undefined && { variables }),
      });
      return Object.assign(new BpmnErrorOutcomeView(), { outcome: 'caught', incidentId: null, instance: InstanceView.of(state, revision, version) });
    } catch (error) {
      if (!isDomainError(error) || error.code !== ENGINE_ERRORS.errorNotCaught) throw error;
      const outcome = await this.externalTasks.recordFailure({
        id,
        workerId,
        errorMessage: errorMessage ? `${error.message} The worker's message: ${errorMessage}` : error.message,
        retries: 0,
        retryTimeoutMs: 0,
        now: this.clock.now(),
        incidentId: this.ids.next(),
      });
      if (!outcome) throw lockLost(id, workerId);
      return Object.assign(new BpmnErrorOutcomeView(), {
        outcome: 'incident',
        incidentId: outcome.incidentId,
        externalTask: ExternalTaskView.of(outcome.externalTask),
      });
    }
  }

  /** A worker could not do the work: retry after a timeout, or raise an incident when no retries are left. */
  async fail(id: string, dto: ExternalTaskFailureDto): Promise<ExternalTaskFailureView> {
    const outcome = await this.externalTasks.recordFailure({
      id,
      workerId: dto.workerId,
      errorMessage: dto.errorMessage,
      ...(dto.retries !== undefined && { retries: dto.retries }),
      retryTimeoutMs: dto.retryTimeoutMs ?? 0,
      now: this.clock.now(),
      incidentId: this.ids.next(),
    });
    if (outcome) {
      // Fetchable again at once: waiting workers need not wait for their timeout.
      const { retries, topic } = outcome.externalTask;
      if (retries > 0 && (dto.retryTimeoutMs ?? 0) === 0) await this.availability.announce([topic]);
      return Object.assign(new ExternalTaskFailureView(), ExternalTaskView.of(outcome.externalTask), {
        incidentId: outcome.incidentId,
      });
    }
    // Nothing was written: find out why, to answer with the right error.
    const externalTask = await this.externalTasks.findById(id);
    if (!externalTask) throw externalTaskNotFound(id);
    this.assertLockedBy(externalTask, dto.workerId);
    throw lockLost(id, dto.workerId);
  }

  /** The open external tasks matching the filter, oldest first (locks judged by the engine's clock). */
  async list(filter: Omit<ExternalTaskListFilter, 'now'>): Promise<ExternalTaskView[]> {
    return (await this.externalTasks.list({ ...filter, now: this.clock.now() })).map(ExternalTaskView.of);
  }

  /** One external task as it stands. */
  async get(id: string): Promise<ExternalTaskView> {
    const externalTask = await this.externalTasks.findById(id);
    if (!externalTask) throw externalTaskNotFound(id);
    return ExternalTaskView.of(externalTask);
  }

  /** The worker holding the lock keeps the task `newDurationMs` longer, counted from now. */
  async extendLock(id: string, workerId: string, newDurationMs: number): Promise<ExternalTaskView> {
    const extended = await this.externalTasks.extendLock(id, workerId, newDurationMs, this.clock.now());
    if (extended) return ExternalTaskView.of(extended);
    // Nothing was written: find out why, to answer with the right error.
    const externalTask = await this.externalTasks.findById(id);
    if (!externalTask) throw externalTaskNotFound(id);
    this.assertLockedBy(externalTask, workerId);
    throw lockLost(id, workerId);
  }

  /** Frees the task from whichever worker holds it, so any worker can fetch it now. */
  async unlock(id: string): Promise<ExternalTaskView> {
    const unlocked = await this.externalTasks.unlock(id);
    if (!unlocked) {
      const externalTask = await this.externalTasks.findById(id);
      if (!externalTask) throw externalTaskNotFound(id);
      throw new DomainError(ENGINE_ERRORS.activityNotActive, `External task ${id} is ${externalTask.status}`, { id, status: externalTask.status });
    }
    await this.availability.announce([unlocked.topic]);
    return ExternalTaskView.of(unlocked);
  }

  private async recordLock({ instance: lockedWith, ...externalTask }: LockedExternalTask, workerId: string): Promise<LockedExternalTaskView | null> {
    for (let attempt = 1; ; attempt += 1) {
      // The lock statement read the instance; only a retry after a conflict reads it again.
      const instance = attempt === 1 ? lockedWith : await this.instances.load(externalTask.instanceId);
      if (!instance) return null;
      try {
        const { state, version } = await this.commands.execute(instance, {
          type: 'lockExternalTask',
          activityInstanceId: externalTask.id,
          workerId,
        });
        return Object.assign(new LockedExternalTaskView(), ExternalTaskView.of(externalTask), {
          processKey: state.processKey,
          ...(state.businessKey !== undefined && { businessKey: state.businessKey }),
          variables: variablesVisibleAt(state, externalTask.id),
          headers: headersOf(version.graph.nodes[externalTask.elementId]),
        });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === PERSISTENCE_ERRORS.revisionConflict && attempt < LOCK_ATTEMPTS) continue;
        // The activity ended, or the instance was suspended or stays busy, meanwhile: the task is free again at once.
        this.logger.warn(`External task ${externalTask.id} not handed out: ${error.code} ${error.message}`);
        await this.externalTasks.releaseLock(externalTask.id, workerId);
        return null;
      }
    }
  }

  private assertLockedBy(externalTask: ExternalTaskRecord, workerId: string): void {
    if (externalTask.status !== 'open') {
      throw new DomainError(ENGINE_ERRORS.activityNotActive, `External task ${externalTask.id} is ${externalTask.status}`, { id: externalTask.id, status: externalTask.status });
    }
    const now = this.clock.now();
    if (externalTask.workerId !== workerId || externalTask.lockExpiresAt === null || externalTask.lockExpiresAt <= now) {
      throw lockLost(externalTask.id, workerId);
    }
  }
}

const externalTaskNotFound = (id: string) => new DomainError(APP_ERRORS.externalTaskNotFound, `External task ${id} does not exist`, { id });

const lockLost = (id: string, workerId: string) =>
  new DomainError(APP_ERRORS.externalTaskNotLocked, `Worker '${workerId}' holds no valid lock on external task ${id}: fetch and lock it first`, { id, workerId });
