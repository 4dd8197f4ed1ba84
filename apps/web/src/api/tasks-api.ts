import type { FieldProblem, FormSchema } from '#bpmn';
import { requestJson } from './http-client.js';

export type TaskState = 'ready' | 'claimed' | 'started' | 'paused';

/** One task as GET /api/tasks lists it. */
export interface Task {
  id: string;
  instanceId: string;
  processKey: string;
  processVersionId: string;
  businessKey: string | null;
  elementId: string;
  name: string | null;
  laneId: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  formKey: string | null;
  state: TaskState;
  status: 'open' | 'completed' | 'canceled';
  /** 0-100, higher first. */
  priority: number;
  category: string | null;
  stage: string | null;
  valueClass: string | null;
  createdAt: string;
  claimedAt: string | null;
  startedAt: string | null;
  dueAt: string | null;
  followUpAt: string | null;
  breachedAt: string | null;
  escalatable: boolean;
}

export type TaskView = 'mine' | 'queue' | 'all';

export interface TaskQuery {
  view: TaskView;
  group?: string;
  stage?: string;
  category?: string;
  processKey?: string;
  breached?: boolean;
  sort?: 'due' | 'priority' | 'created';
  order?: 'asc' | 'desc';
  limit?: number;
}

export interface TaskForm {
  schema: FormSchema;
  variables: Record<string, unknown>;
  formKey: string | null;
  formVersion: number | null;
}

export interface TaskHistoryStep {
  activityInstanceId: string;
  elementId: string;
  elementName: string | null;
  elementType: string;
  type: string;
  at: string;
  actor: string | null;
  laneId: string | null;
  laneName: string | null;
  detail: Record<string, unknown> | null;
}

export interface TaskComment {
  id: string;
  author: string;
  text: string;
  createdAt: string;
}

/** What FORM_INVALID carries in `details.problems`. */
export type { FieldProblem };

const queryString = (query: TaskQuery): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) params.set(name, String(value));
  }
  return params.toString();
};

export const listTasks = (query: TaskQuery): Promise<Task[]> => requestJson<Task[]>(`tasks?${queryString(query)}`);

export const getTask = (id: string): Promise<Task> => requestJson<Task>(`tasks/${encodeURIComponent(id)}`);

/** 404 FORM_NOT_FOUND when the task has no form of ours. */
export const getTaskForm = (id: string): Promise<TaskForm> => requestJson<TaskForm>(`tasks/${encodeURIComponent(id)}/form`);

export const getTaskHistory = (id: string): Promise<TaskHistoryStep[]> => requestJson<TaskHistoryStep[]>(`tasks/${encodeURIComponent(id)}/history`);

export const listComments = (id: string): Promise<TaskComment[]> => requestJson<TaskComment[]>(`tasks/${encodeURIComponent(id)}/comments`);

export const addComment = (id: string, text: string): Promise<TaskComment> =>
  requestJson<TaskComment>(`tasks/${encodeURIComponent(id)}/comments`, { method: 'POST', body: { text } });

export type TaskAction = 'claim' | 'unclaim' | 'start' | 'pause';

/** Claim (optionally starting at once), unclaim, start or pause: the task as it is afterwards. */
export const actOnTask = (id: string, action: TaskAction, body: Record<string, unknown> = {}): Promise<Task> =>
  requestJson<Task>(`tasks/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });

/** 400 FORM_INVALID with `details.problems` when the variables do not fit the form. */
export const completeTask = (id: string, variables: Record<string, unknown>): Promise<unknown> =>
  requestJson<unknown>(`tasks/${encodeURIComponent(id)}/complete`, { method: 'POST', body: { variables } });

export const escalateTask = (id: string, reasonCode: string, comment: string): Promise<unknown> =>
  requestJson<unknown>(`tasks/${encodeURIComponent(id)}/escalate`, {
    method: 'POST',
    body: { reasonCode, ...(comment.trim() !== '' && { comment: comment.trim() }) },
  });

export const listEscalationReasons = (): Promise<string[]> => requestJson<string[]>('escalation-reasons');
