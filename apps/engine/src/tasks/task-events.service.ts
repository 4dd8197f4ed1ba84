import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Effect } from '#engine';
import { TaskChangeChannel, type CaseChange, type ChannelListening, type TaskAudience, type TaskChange, type TaskChangeBatch } from '#persistence';
import type { TaskEventView } from '#api-types';
import { isAdmin, type Principal } from '../auth/principal.js';
import type { AfterCommit } from '../instances/instance-commands.service.js';

/** What a browser's stream is sent: one SSE event a call. */
export interface TaskEventSink {
  send(event: 'ready' | 'task' | 'cases' | 'resync', data: unknown): void;
  end(): void;
}

/** What a stream follows: the tasks its user may see (the tasklist), or the cases that start and end (the insights' running counts). */
export type Watched = 'tasks' | 'cases';

interface Subscriber {
  principal: Principal;
  sink: TaskEventSink;
  watches: Watched;
}

/** How many tasks' last audiences a process keeps (to tell the tier a task left, and what a change was). */
const REMEMBERED_TASKS = 20_000;

/** The changes a commit made to user tasks, from its effects. */
export const taskChangesOf = (instanceId: string, effects: readonly Effect[]): TaskChange[] =>
  effects.flatMap((effect): TaskChange[] => {
    switch (effect.kind) {
      case 'taskCreated': {
        const { id, candidateGroups, candidateUsers, assignee } = effect.task;
        return [{ taskId: id, instanceId, kind: 'created', audience: { candidateGroups, candidateUsers, assignee: assignee ?? null } }];
      }
      case 'taskUpdated':
        return [
          {
            taskId: effect.taskId,
            instanceId,
            kind: 'updated',
            state: effect.state,
            audience: { candidateGroups: effect.candidateGroups, candidateUsers: effect.candidateUsers, assignee: effect.assignee },
          },
        ];
      case 'taskClosed':
        return [{ taskId: effect.id, instanceId, kind: 'closed', state: effect.outcome }];
      case 'taskBreached':
        return [{ taskId: effect.taskId, instanceId, kind: 'breached' }];
      default:
        return [];
    }
  });

/** The cases a commit started (its first revision) or ended. */
export const caseChangesOf = ({ state, revision }: CommittedCase, effects: readonly Effect[]): CaseChange[] => [
  ...(revision === 1 ? [{ instanceId: state.id, processVersionId: state.processVersionId, change: 'started' as const }] : []),
  ...(effects.some((effect) => effect.kind === 'instanceEnded') ? [{ instanceId: state.id, processVersionId: state.processVersionId, change: 'ended' as const }] : []),
];

/** What TaskEvents reads of a commit's outcome. */
export interface CommittedCase {
  state: { id: string; processVersionId: string };
  revision: number;
}

/** Whether a user may see a task with this audience (the tasklist's own rule: assigned, offered by name, or to one of their groups). */
export const mayWatch = (principal: Principal, audience: TaskAudience): boolean =>
  isAdmin(principal) ||
  audience.assignee === principal.name ||
  audience.candidateUsers.includes(principal.name) ||
  audience.candidateGroups.some((group) => principal.groups.includes(group));

/** What the change was, as the tasklist words it, from the task's audience before and after. */
export const changeOf = (change: TaskChange, before: TaskAudience | undefined, after: TaskAudience | undefined): TaskEventView['change'] => {
  if (change.kind === 'created') return 'created';
  if (change.kind === 'breached') return 'breached';
  if (change.kind === 'closed') return change.state === 'canceled' ? 'canceled' : 'completed';
  const groupsMoved = before !== undefined && after !== undefined && before.candidateGroups.join('\n') !== after.candidateGroups.join('\n');
  if (groupsMoved) return 'escalated';
  if (after?.assignee && after.assignee !== before?.assignee) return 'claimed';
  if (after?.assignee === null && before?.assignee) return 'unclaimed';
  return 'updated';
};

/**
 * Server push for the tasklist. After each commit that changed user tasks it announces them on a
 * PostgreSQL channel (TaskChangeChannel: NOTIFY, so every engine process hears every process's
 * commits); each process then sends each change to the open streams of the users who may see the
 * task before or after it (an escalated task's old tier too, so it leaves their lists). The cases
 * a commit started or ended travel the same way, to the insights' streams (their running counts).
 */
@Injectable()
export class TaskEvents implements AfterCommit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TaskEvents.name);
  private readonly subscribers = new Set<Subscriber>();
  private readonly audiences = new Map<string, TaskAudience>();
  private listening: ChannelListening | undefined;
  /** Announcements leave in commit order, one after another, without holding up the request that committed. */
  private announcing: Promise<void> = Promise.resolve();
  /** Changes of commits made while an announcement was on its way: they leave together in the next one. */
  private unannounced: { changes: TaskChange[]; cases: CaseChange[] } = { changes: [], cases: [] };
  /** Notifications are handled in the order they came. */
  private handling: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(private readonly channel: TaskChangeChannel) {}

  async afterCommit(outcome: CommittedCase, effects: Effect[]): Promise<void> {
    const changes = taskChangesOf(outcome.state.id, effects);
    const cases = caseChangesOf(outcome, effects);
    if (changes.length === 0 && cases.length === 0) return;
    // Under load one notification (one more statement for the database) carries the changes of many
    // commits: those made while the previous one was on its way, in commit order.
    const alreadyQueued = this.unannounced.changes.length > 0 || this.unannounced.cases.length > 0;
    this.unannounced.changes.push(...changes);
    this.unannounced.cases.push(...cases);
    if (alreadyQueued) return;
    this.announcing = this.announcing
      .then(() => {
        const batch = this.unannounced;
        this.unannounced = { changes: [], cases: [] };
        return this.channel.announce(batch);
      })
      .catch((error: unknown) => this.logger.warn(`Task changes not announced: ${error instanceof Error ? error.message : String(error)}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listening = await this.channel.listen({
      changed: (batch) => {
        this.handling = this.handling.then(() => this.deliver(batch)).catch((error: unknown) => this.logger.warn(`Task changes not delivered: ${String(error)}`));
      },
      missed: () => this.resync(),
      lost: (error) => this.logger.warn(`Task change notifications interrupted (${error.message}); reconnecting`),
    });
  }

  async onModuleDestroy(): Promise<void> {
    // Open streams would keep the HTTP server from closing; so would one a browser opens again while the app closes (below).
    this.closing = true;
    for (const { sink } of this.subscribers) sink.end();
    this.subscribers.clear();
    await this.announcing;
    await this.listening?.close();
  }

  /** Registers a stream; the returned function ends it. */
  subscribe(principal: Principal, sink: TaskEventSink, watches: Watched = 'tasks'): () => void {
    if (this.closing) {
      sink.end();
      return () => undefined;
    }
    const subscriber = { principal, sink, watches };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  private resync(): void {
    for (const { sink } of this.subscribers) sink.send('resync', { reason: 'missed' });
  }

  private async deliver({ changes, cases = [] }: TaskChangeBatch): Promise<void> {
    if (cases.length > 0) {
      // Every case counts for the insights (analysts and admins see all processes' figures).
      for (const { sink, watches } of this.subscribers) if (watches === 'cases') sink.send('cases', { changes: cases });
    }
    const taskWatchers = [...this.subscribers].filter(({ watches }) => watches === 'tasks');
    const unknown = changes.filter((change) => change.audience === undefined && !this.audiences.has(change.taskId)).map((change) => change.taskId);
    // Only a process with open tasklist streams reads the audience of a closed task it has not seen.
    const stored = unknown.length > 0 && taskWatchers.length > 0 ? await this.channel.audiences(unknown) : new Map<string, TaskAudience>();
    for (const change of changes) {
      const before = this.audiences.get(change.taskId);
      const after = change.audience ?? before ?? stored.get(change.taskId);
      this.remember(change, after);
      const event: TaskEventView = {
        taskId: change.taskId,
        instanceId: change.instanceId,
        change: changeOf(change, before, after),
        assignee: after?.assignee ?? null,
        candidateGroups: after?.candidateGroups ?? [],
      };
      for (const { principal, sink } of taskWatchers) {
        if ((before !== undefined && mayWatch(principal, before)) || (after !== undefined && mayWatch(principal, after))) sink.send('task', event);
      }
    }
  }

  private remember(change: TaskChange, audience: TaskAudience | undefined): void {
    this.audiences.delete(change.taskId);
    if (change.kind === 'closed' || audience === undefined) return;
    this.audiences.set(change.taskId, audience);
    if (this.audiences.size > REMEMBERED_TASKS) this.audiences.delete(this.audiences.keys().next().value!);
  }
}
