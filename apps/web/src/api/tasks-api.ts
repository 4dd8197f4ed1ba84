import type {
  TaskCommentView as TaskComment,
  TaskCountView as TaskCount,
  TaskFormView as TaskForm,
  TaskHistoryStepView as TaskHistoryStep,
  TaskListView as TaskView,
  TaskSort,
  TaskState,
  TaskView as Task,
} from '#api-types';
import type { FieldProblem } from '#bpmn';
import { requestJson } from './http-client.js';

/** The engine's answers (libs/api-types): a change there the tasklist does not follow fails `typecheck:web`. */
export type { Task, TaskComment, TaskCount, TaskForm, TaskHistoryStep, TaskState, TaskView };

export interface TaskQuery {
  view: TaskView;
  group?: string;
  stage?: string;
  category?: string;
  processKey?: string;
  breached?: boolean;
  sort?: TaskSort;
  order?: 'asc' | 'desc';
  limit?: number;
  /** Comma-separated case variables answered in each task's `columns`. */
  columns?: string;
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

/** A page of the tasks; its total is not asked for (the tabs are counted by countTasks), which spares the engine counting a whole queue. */
export const listTasks = (query: TaskQuery): Promise<Task[]> => requestJson<Task[]>(`tasks?${queryString(query)}&total=false`);

/** How many tasks a query matches, exact up to the engine's cap (50); past it `more` says so. */
export const countTasks = (query: Omit<TaskQuery, 'sort' | 'order' | 'limit' | 'columns'>): Promise<TaskCount> => requestJson<TaskCount>(`tasks/count?${queryString(query)}`);

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
