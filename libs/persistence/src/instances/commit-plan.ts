import type { EngineResult, InstanceState, StepEvent, Timer } from '#engine';

/** A row the commit inserts into `task`. */
export interface TaskRow {
  id: string;
  element_id: string;
  name: string | null;
  lane_id: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  assignee: string | null;
  form_key: string | null;
  due_at: string | null;
  status: WorkItemStatus;
  created_at: string;
  claimed_at: string | null;
  completed_at: string | null;
  canceled_at: string | null;
}

/** Changes to a `task` row that existed before the command; absent fields stay as they are. */
export interface TaskPatch {
  id: string;
  assignee?: string;
  status?: WorkItemStatus;
  claimed_at?: string;
  completed_at?: string;
  canceled_at?: string;
}

export interface ExternalTaskRow {
  id: string;
  element_id: string;
  topic: string;
  retries: number;
  status: WorkItemStatus;
  created_at: string;
}

/** An external task that left the wait state; its lock is released with it. */
export interface ExternalTaskClosing {
  id: string;
  status: Exclude<WorkItemStatus, 'open'>;
  at: string;
}

export interface JobRow {
  id: string;
  element_id: string;
  activity_instance_id: string;
  due_at: string;
}

export interface StepRow {
  id: string;
  activity_instance_id: string;
  element_id: string;
  element_type: string;
  type: string;
  at: string;
  actor: string | null;
  lane_id: string | null;
  previous_activity_instance_id: string | null;
}

export type WorkItemStatus = 'open' | 'completed' | 'canceled';

/**
 * Everything one engine result changes, folded per row so that each row is written once:
 * a task created and canceled by the same command is one insert, never an insert plus an update.
 */
export interface CommitPlan {
  state: InstanceState;
  steps: StepRow[];
  taskInserts: TaskRow[];
  taskPatches: TaskPatch[];
  externalTaskInserts: ExternalTaskRow[];
  externalTaskClosings: ExternalTaskClosing[];
  jobInserts: JobRow[];
  jobDeletes: string[];
  /** Variables new or changed since the previous state (values as JSON). */
  variableUpserts: Record<string, unknown>;
  variableDeletes: string[];
}

/**
 * Plans the writes for one engine result. Tasks and external tasks follow the effects; timer jobs
 * and variables follow the difference between the previous and the new state, which also covers
 * a timer that fired (it simply leaves the state).
 */
export const planCommit = (result: EngineResult, previous: InstanceState | null): CommitPlan => {
  const taskInserts = new Map<string, TaskRow>();
  const taskPatches = new Map<string, TaskPatch>();
  const externalTaskInserts = new Map<string, ExternalTaskRow>();
  const externalTaskClosings: ExternalTaskClosing[] = [];
  const patchTask = (id: string, change: Omit<TaskPatch, 'id'>) => {
    const inserted = taskInserts.get(id);
    if (inserted) Object.assign(inserted, change);
    else taskPatches.set(id, { ...taskPatches.get(id), ...change, id });
  };

  for (const effect of result.effects) {
    switch (effect.kind) {
      case 'taskCreated': {
        const { task } = effect;
        taskInserts.set(task.id, {
          id: task.id,
          element_id: task.elementId,
          name: task.name ?? null,
          lane_id: task.laneId ?? null,
          candidate_groups: task.candidateGroups,
          candidate_users: task.candidateUsers,
          assignee: task.assignee ?? null,
          form_key: task.formKey ?? null,
          due_at: task.dueAt ?? null,
          status: 'open',
          created_at: task.createdAt,
          claimed_at: null,
          completed_at: null,
          canceled_at: null,
        });
        break;
      }
      case 'taskClaimed':
        patchTask(effect.taskId, { assignee: effect.assignee, claimed_at: effect.at });
        break;
      case 'taskClosed':
        patchTask(
          effect.id,
          effect.outcome === 'completed'
            ? { status: 'completed', completed_at: effect.at }
            : { status: 'canceled', canceled_at: effect.at },
        );
        break;
      case 'externalTaskCreated': {
        const { externalTask } = effect;
        externalTaskInserts.set(externalTask.id, {
          id: externalTask.id,
          element_id: externalTask.elementId,
          topic: externalTask.topic,
          retries: externalTask.retries,
          status: 'open',
          created_at: externalTask.createdAt,
        });
        break;
      }
      case 'externalTaskClosed': {
        const inserted = externalTaskInserts.get(effect.id);
        if (inserted) inserted.status = effect.outcome;
        else externalTaskClosings.push({ id: effect.id, status: effect.outcome, at: effect.at });
        break;
      }
      case 'timerScheduled':
      case 'timerCanceled':
      case 'instanceEnded':
      case 'instanceSuspended':
      case 'instanceResumed':
      case 'instanceMigrated':
      case 'variablesSet':
        // Jobs follow the state's timers, variables and the instance row follow the state (below).
        break;
      case 'subscriptionOpened':
      case 'subscriptionClosed':
      case 'signalThrown':
      case 'callActivityStarted':
      case 'callActivityClosed':
      case 'escalationUncaught':
        // Messages, signals and call activities (issue 3) get their rows and app handling there.
        break;
      default: {
        const unknown: never = effect;
        throw new Error(`No persistence for effect ${JSON.stringify(unknown)}`);
      }
    }
  }

  const before = new Map<string, Timer>((previous?.timers ?? []).map((timer) => [timer.id, timer]));
  const after = new Set(result.state.timers.map((timer) => timer.id));
  const { upserts, deletes } = diffVariables(previous?.variables ?? {}, result.state.variables);

  return {
    state: result.state,
    steps: result.steps.map(toStepRow),
    taskInserts: [...taskInserts.values()],
    taskPatches: [...taskPatches.values()],
    externalTaskInserts: [...externalTaskInserts.values()],
    externalTaskClosings,
    jobInserts: result.state.timers
      .filter((timer) => !before.has(timer.id))
      .map((timer) => ({
        id: timer.id,
        element_id: timer.elementId,
        activity_instance_id: timer.activityInstanceId,
        due_at: timer.dueAt,
      })),
    jobDeletes: [...before.keys()].filter((id) => !after.has(id)),
    variableUpserts: upserts,
    variableDeletes: deletes,
  };
};

const toStepRow = (step: StepEvent): StepRow => ({
  id: step.id,
  activity_instance_id: step.activityInstanceId,
  element_id: step.elementId,
  element_type: step.elementType,
  type: step.type,
  at: step.at,
  actor: step.actor ?? null,
  lane_id: step.laneId ?? null,
  previous_activity_instance_id: step.previousActivityInstanceId ?? null,
});

const diffVariables = (before: Record<string, unknown>, after: Record<string, unknown>) => {
  const upserts: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(after)) {
    if (!(name in before) || JSON.stringify(before[name]) !== JSON.stringify(value)) upserts[name] = value;
  }
  const deletes = Object.keys(before).filter((name) => !(name in after));
  return { upserts, deletes };
};
