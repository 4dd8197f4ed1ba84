import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { listenToChannel, type ChannelListening, type ChannelNotifying } from '../notifications/channel-listening.js';

/** The PostgreSQL channel the engine processes tell each other about changed user tasks on, after the commit that changed them. */
export const TASK_CHANGE_CHANNEL = 'tandem_task_change';

/** Who may see a task: the rows of the task table that decide it. */
export interface TaskAudience {
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
}

/**
 * One changed task as announced: `created` and `updated` carry the task's audience as the command
 * left it; `closed` and `breached` do not (the effect does not know it), so a listener reads it.
 */
export interface TaskChange {
  taskId: string;
  instanceId: string;
  kind: 'created' | 'updated' | 'closed' | 'breached';
  audience?: TaskAudience;
  /** `updated`: the task's state afterwards (ready, claimed, started, paused); `closed`: completed or canceled. */
  state?: string;
}

/** A case that started or ended: what the insights' running counts follow. */
export interface CaseChange {
  instanceId: string;
  processVersionId: string;
  change: 'started' | 'ended';
}

/** What one notification carries: commits' task changes (and who made them) and the cases they started or ended. */
export interface TaskChangeBatch {
  changes: TaskChange[];
  actor?: string;
  cases?: CaseChange[];
}

/** PostgreSQL refuses a payload of 8000 bytes or more: a commit touching many tasks is told in several. */
const MAX_PAYLOAD_CHARS = 7_000;

export interface TaskChangeHandlers {
  changed(batch: TaskChangeBatch): void;
  /** The listening connection is back after a loss: changes may have been missed, so every list should be read again. */
  missed(): void;
  lost(error: Error): void;
}

/**
 * Announces task changes to every engine process on the database and hears theirs. The announcement
 * is sent on the listening connection (the pool only when that is down), after the commit.
 */
@Injectable()
export class TaskChangeChannel {
  private listening: ChannelNotifying | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async listen(handlers: TaskChangeHandlers): Promise<ChannelListening> {
    this.listening = await listenToChannel(this.dataSource, TASK_CHANGE_CHANNEL, {
      notified: (payload) => {
        const batch = parseBatch(payload);
        if (batch === undefined) handlers.missed();
        else handlers.changed(batch);
      },
      listening: (reconnected) => {
        if (reconnected) handlers.missed();
      },
      lost: handlers.lost,
    });
    return this.listening;
  }

  async announce(batch: TaskChangeBatch): Promise<void> {
    for (const payload of payloadsOf(batch)) {
      if (await this.listening?.notify(payload).catch(() => false)) continue;
      await this.dataSource.query('SELECT pg_notify($1, $2)', [TASK_CHANGE_CHANNEL, payload]);
    }
  }

  /** The audiences of tasks as stored now (for changes that do not carry theirs). */
  async audiences(taskIds: readonly string[]): Promise<Map<string, TaskAudience>> {
    const rows = (await this.dataSource.query('SELECT id, candidate_groups, candidate_users, assignee FROM task WHERE id = ANY($1::uuid[])', [taskIds])) as Array<{
      id: string;
      candidate_groups: string[];
      candidate_users: string[];
      assignee: string | null;
    }>;
    return new Map(rows.map((row) => [row.id, { candidateGroups: row.candidate_groups, candidateUsers: row.candidate_users, assignee: row.assignee }]));
  }
}

/** The batch cut into payloads PostgreSQL accepts: its task changes, then its case changes. */
export const payloadsOf = ({ cases = [], ...batch }: TaskChangeBatch): string[] => [
  ...chunked(batch.changes, (changes) => JSON.stringify({ ...batch, changes })),
  ...chunked(cases, (part) => JSON.stringify({ changes: [], cases: part })),
];

/**
 * The items as payloads of at most MAX_PAYLOAD_CHARS, as many items to a payload as fit. A payload's
 * length is its empty form's plus each item's JSON and a comma between, so it is counted as it grows.
 */
const chunked = <T>(items: readonly T[], payloadOf: (part: T[]) => string): string[] => {
  const emptyLength = payloadOf([]).length;
  const payloads: string[] = [];
  let part: T[] = [];
  let length = emptyLength;
  for (const item of items) {
    const itemLength = JSON.stringify(item).length;
    if (part.length > 0 && length + 1 + itemLength > MAX_PAYLOAD_CHARS) {
      payloads.push(payloadOf(part));
      part = [];
      length = emptyLength;
    }
    length += (part.length > 0 ? 1 : 0) + itemLength;
    part.push(item);
  }
  if (part.length > 0) payloads.push(payloadOf(part));
  return payloads;
};

const parseBatch = (payload: string | undefined): TaskChangeBatch | undefined => {
  try {
    const batch = JSON.parse(payload ?? '') as TaskChangeBatch;
    return Array.isArray(batch.changes) ? batch : undefined;
  } catch {
    return undefined;
  }
};
