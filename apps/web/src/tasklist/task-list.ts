import type { Task } from '../api/tasks-api.js';
import { reasonLabel } from './escalation-labels.js';
import { slaOf } from './sla-countdown.js';

/** Priority 0-100 read as a band for colour: high from 70, medium from 40. */
export const priorityBand = (priority: number): 'high' | 'medium' | 'low' => (priority >= 70 ? 'high' : priority >= 40 ? 'medium' : 'low');

export const STATE_LABELS: Record<Task['state'], string> = {
  ready: 'in queue',
  claimed: 'claimed',
  started: 'in progress',
  paused: 'paused',
};

const span = (className: string, text: string, role?: string): HTMLSpanElement => {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  if (role) element.dataset.role = role;
  return element;
};

/** The SLA chip of a task; `refreshSla` keeps its text current. */
export const slaChip = (task: Pick<Task, 'dueAt' | 'breachedAt'>, now: number): HTMLSpanElement => {
  const chip = span('sla-chip', '', 'sla');
  if (task.dueAt) chip.dataset.due = task.dueAt;
  if (task.breachedAt) chip.dataset.breached = task.breachedAt;
  paintSla(chip, now);
  return chip;
};

const paintSla = (chip: HTMLElement, now: number): void => {
  const sla = slaOf(chip.dataset.due ?? null, now, chip.dataset.breached ?? null);
  chip.dataset.sla = sla.level;
  chip.textContent = sla.text;
};

/** Counts every SLA chip under `root` down to `now`. */
export const refreshSla = (root: ParentNode, now: number): void => {
  for (const chip of root.querySelectorAll<HTMLElement>('[data-role="sla"]')) paintSla(chip, now);
};

export const priorityChip = (priority: number): HTMLSpanElement => {
  const chip = span(`priority-chip priority-${priorityBand(priority)}`, `P${priority}`, 'priority');
  chip.title = `Priority ${priority} of 100`;
  return chip;
};

type RowOptions = { currentId?: string; me: string; now: number; columns?: ReadonlyArray<{ name: string; label: string }> };

/**
 * The rows of the queue, each a link to the task's detail. A row whose task reads the same is kept,
 * not rebuilt: a live refresh landing between an agent's mouse-down and mouse-up would otherwise
 * swallow the click.
 */
export const renderTaskList = (list: HTMLElement, tasks: readonly Task[], options: RowOptions): void => {
  if (tasks.length === 0) {
    if (list.querySelector('[data-role="no-tasks"]')) return;
    const empty = document.createElement('li');
    empty.className = 'empty task-empty';
    empty.dataset.role = 'no-tasks';
    empty.textContent = 'No tasks here.';
    list.replaceChildren(empty);
    return;
  }
  const shown = new Map<string, HTMLElement>();
  for (const row of list.querySelectorAll<HTMLElement>(':scope > [data-role="task-row"]')) shown.set(row.dataset.taskId!, row);
  const rows = tasks.map((task) => {
    const looks = JSON.stringify([task, task.id === options.currentId, options.me, options.columns ?? []]);
    const kept = shown.get(task.id);
    if (kept?.dataset.looks === looks) return kept;
    const row = taskRow(task, options);
    row.dataset.looks = looks;
    return row;
  });
  refreshSla(list, options.now);
  if (rows.length === list.children.length && rows.every((row, index) => list.children[index] === row)) return;
  list.replaceChildren(...rows);
};

const taskRow = (task: Task, options: RowOptions): HTMLLIElement => {
  const row = document.createElement('li');
  row.className = 'task-row';
  row.dataset.role = 'task-row';
  row.dataset.taskId = task.id;
  row.dataset.state = task.state;
  if (task.id === options.currentId) row.classList.add('current');
  const link = document.createElement('a');
  link.href = `#/tasklist/${encodeURIComponent(task.id)}`;
  link.className = 'task-link';
  const top = document.createElement('div');
  top.className = 'task-row-top';
  top.append(span('task-name', task.name ?? task.elementId, 'task-name'), priorityChip(task.priority));
  const meta = document.createElement('div');
  meta.className = 'task-row-meta';
  meta.textContent = [task.processKey, task.businessKey].filter((part) => part).join(' · ');
  for (const [label, value] of [
    ['stage', task.stage],
    ['category', task.category],
  ] as const) {
    if (!value) continue;
    const pair = span('meta-pair', '');
    pair.append(span('meta-label', `${label} `), value);
    meta.append(' · ', pair);
  }
  const chosen = options.columns ?? [];
  const variables = document.createElement('div');
  variables.className = 'task-row-columns';
  variables.dataset.role = 'task-columns';
  for (const { name, label } of chosen) {
    const value = task.columns?.[name];
    const pair = span('meta-pair', '');
    pair.dataset.column = name;
    pair.append(span('meta-label', `${label} `), value === null || value === undefined ? '–' : String(value));
    if (variables.childElementCount > 0) variables.append(' · ');
    variables.append(pair);
  }
  const bottom = document.createElement('div');
  bottom.className = 'task-row-bottom';
  const holder =
    task.assignee === null ? STATE_LABELS[task.state] : task.assignee === options.me ? `${STATE_LABELS[task.state]} by you` : `${STATE_LABELS[task.state]} by ${task.assignee}`;
  bottom.append(slaChip(task, options.now), span(`state-chip state-${task.state}`, holder, 'task-state'));
  if (task.escalation) {
    row.classList.add('escalated');
    const marker = span('escalated-chip', '⤴ escalated', 'escalated-marker');
    marker.title = `Escalated${task.escalation.fromLaneName ? ` from ${task.escalation.fromLaneName}` : ''}: ${reasonLabel(task.escalation.reasonCode)}`;
    bottom.append(marker);
  }
  link.append(top, meta, ...(chosen.length > 0 ? [variables] : []), bottom);
  row.append(link);
  return row;
};
