import { dutyMs, onDuty } from './calendar.js';
import { MinQueue } from './min-queue.js';
import type { PoolSpec } from './parameters.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run per event.
const { max, min } = Math;

export interface Agent {
  name: string;
  /** The activity instance the agent works on; null while idle. */
  task: string | null;
  busySince: number;
}

/** A task waiting in a pool's queue; stale once its ticket no longer matches the task's (canceled or moved). */
export interface QueuedTask {
  activityInstanceId: string;
  ticket: number;
}

/** The figures of one pool over the measured window. */
export interface PoolFigures {
  poolId: string;
  agents: number;
  /** Tasks whose wait began in the window and that an agent took. */
  tasksServed: number;
  /** Mean queue time of those tasks (from queued to taken), in minutes. */
  meanWaitMinutes: number | null;
  /** Busy time over on-duty time of all agents in the window (work past the end of a shift counts as busy). */
  utilization: number | null;
  /** Time-weighted mean number of tasks waiting in the window. */
  meanQueueLength: number | null;
  maxQueueLength: number;
}

/**
 * One team at work: its agents, its queue, and the bookkeeping for its figures, all restricted to
 * the measured window [from, to) so the warm-up does not bias them.
 */
export class PoolState {
  readonly agents: Agent[];
  /** Idle agents, longest idle first, so work spreads over the team. */
  private readonly idle: Agent[];
  private readonly queue = new MinQueue<QueuedTask>();
  private waiting = 0;
  private queueArea = 0;
  private queueSince: number;
  private maxQueue = 0;
  private busyMs = 0;
  private served = 0;
  private waitMs = 0;

  constructor(
    readonly spec: PoolSpec,
    private readonly window: { from: number; to: number },
  ) {
    const names = spec.agents ?? Array.from({ length: spec.size ?? 0 }, (_, i) => `${spec.id}-${i + 1}`);
    this.agents = names.map((name) => ({ name, task: null, busySince: 0 }));
    this.idle = [...this.agents];
    this.queueSince = window.from;
  }

  get queued(): number {
    return this.waiting;
  }

  enqueue(task: QueuedTask, priority: number, at: number): void {
    this.queue.push(this.spec.discipline === 'priority' ? -priority : 0, task);
    this.queueChanged(at, +1);
  }

  /** A queued task left without being taken (canceled, or re-queued elsewhere). */
  withdraw(at: number): void {
    this.queueChanged(at, -1);
  }

  /** The next task to take, skipping stale entries; `isCurrent` tells whether an entry still stands. */
  takeNext(isCurrent: (task: QueuedTask) => boolean): QueuedTask | undefined {
    for (let next = this.queue.pop(); next !== undefined; next = this.queue.pop()) {
      if (isCurrent(next.item)) return next.item;
    }
    return undefined;
  }

  /** An idle agent on duty, when a task waits. */
  canDispatch(at: number): boolean {
    return this.waiting > 0 && this.idle.length > 0 && onDuty(this.spec.hours, at);
  }

  /** The longest-idle agent starts a task that waited since `queuedAt`. */
  assign(activityInstanceId: string, queuedAt: number, at: number): Agent {
    const agent = this.idle.shift()!;
    agent.task = activityInstanceId;
    agent.busySince = at;
    this.queueChanged(at, -1);
    if (queuedAt >= this.window.from && queuedAt < this.window.to) {
      this.served += 1;
      this.waitMs += at - queuedAt;
    }
    return agent;
  }

  release(agent: Agent, at: number): void {
    this.busyMs += this.clipped(agent.busySince, at);
    agent.task = null;
    this.idle.push(agent);
  }

  figures(): PoolFigures {
    const { from, to } = this.window;
    this.queueChanged(to, 0);
    const busy = this.busyMs + this.agents.reduce((sum, agent) => sum + (agent.task === null ? 0 : this.clipped(agent.busySince, to)), 0);
    const available = dutyMs(this.spec.hours, from, to) * this.agents.length;
    return {
      poolId: this.spec.id,
      agents: this.agents.length,
      tasksServed: this.served,
      meanWaitMinutes: this.served > 0 ? this.waitMs / this.served / 60_000 : null,
      utilization: available > 0 ? busy / available : null,
      meanQueueLength: to > from ? this.queueArea / (to - from) : null,
      maxQueueLength: this.maxQueue,
    };
  }

  private queueChanged(at: number, change: number): void {
    const until = min(max(at, this.window.from), this.window.to);
    if (until > this.queueSince) {
      this.queueArea += this.waiting * (until - this.queueSince);
      this.queueSince = until;
    }
    this.waiting += change;
    if (at >= this.window.from && at < this.window.to) this.maxQueue = max(this.maxQueue, this.waiting);
  }

  private clipped(from: number, to: number): number {
    return max(0, min(to, this.window.to) - max(from, this.window.from));
  }
}
