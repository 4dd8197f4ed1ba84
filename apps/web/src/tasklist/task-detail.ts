import type { FieldProblem } from '#bpmn';
import { ApiError } from '../api/api-error.js';
import {
  actOnTask,
  addComment,
  completeTask,
  escalateTask,
  getTask,
  getTaskForm,
  getTaskHistory,
  listComments,
  listEscalationReasons,
  type Task,
  type TaskAction,
  type TaskComment,
  type TaskHistoryStep,
} from '../api/tasks-api.js';
import type { TaskEventView } from '../api/task-events-api.js';
import { byRole, formatDateTime } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showStatus } from '../ui/status-line.js';
import { reasonLabel } from './escalation-labels.js';
import { TaskDrafts } from './task-drafts.js';
import type { TaskForm } from './task-form.js';
import { priorityChip, slaChip, STATE_LABELS } from './task-list.js';

const TEMPLATE = `
  <div class="detail-head">
    <a class="back-link" href="#/tasklist" data-action="back">‹ Tasks</a>
    <h2 class="detail-title" data-role="detail-title"></h2>
    <div class="detail-meta" data-role="detail-meta"></div>
  </div>
  <div class="escalation-banner" data-role="escalation-banner" role="note" hidden></div>
  <div class="detail-actions" data-role="detail-actions"></div>
  <div class="status" data-role="detail-status" role="status" hidden></div>
  <section class="escalate-panel" data-role="escalate-panel" hidden>
    <h3 data-role="escalate-heading">Escalate</h3>
    <label>Reason <select data-role="escalate-reason"></select></label>
    <label>Comment <textarea data-role="escalate-comment" rows="3" maxlength="2000" placeholder="What the next tier should know"></textarea></label>
    <div class="panel-buttons">
      <button type="button" class="primary" data-action="confirm-escalate">Escalate</button>
      <button type="button" data-action="cancel-escalate">Cancel</button>
    </div>
  </section>
  <section class="detail-section detail-form" data-role="form-section">
    <h3>Form</h3>
    <p class="draft-note" data-role="draft-note" hidden></p>
    <div class="task-form" data-role="form-container"></div>
    <p class="empty" data-role="no-form" hidden>This task has no form: complete it when the work is done.</p>
    <ul class="form-problems" data-role="form-problems" hidden></ul>
    <div class="panel-buttons"><button type="button" class="primary" data-action="complete">Complete</button></div>
  </section>
  <section class="detail-section">
    <h3>Case history</h3>
    <ol class="history" data-role="history"></ol>
  </section>
  <section class="detail-section">
    <h3>Comments</h3>
    <ul class="comments" data-role="comments"></ul>
    <form class="comment-form" data-role="comment-form">
      <textarea data-role="comment-text" rows="2" maxlength="2000" placeholder="Add a comment for the case"></textarea>
      <button type="submit" data-action="add-comment">Add comment</button>
    </form>
  </section>
`;

/** The step types worth a line in the history, in words. */
const STEP_WORDS: Record<string, string> = {
  ready: 'ready',
  claimed: 'claimed',
  unclaimed: 'put back',
  started: 'started',
  paused: 'paused',
  escalated: 'escalated',
  breached: 'SLA breached',
  completed: 'completed',
  canceled: 'canceled',
  migrated: 'migrated',
};

interface ActionButton {
  action: TaskAction | 'claim-start' | 'escalate';
  label: string;
  primary?: boolean;
}

/** What the signed-in agent may do with the task in its state (the server has the last word). */
const actionsFor = (task: Task, me: string): ActionButton[] => {
  const mine = task.assignee === me;
  const buttons: ActionButton[] = [];
  if (task.assignee === null) buttons.push({ action: 'claim-start', label: 'Claim and start', primary: true }, { action: 'claim', label: 'Claim' });
  if (mine && (task.state === 'claimed' || task.state === 'paused')) buttons.push({ action: 'start', label: task.state === 'paused' ? 'Resume' : 'Start', primary: true });
  if (mine && task.state === 'started') buttons.push({ action: 'pause', label: 'Pause' });
  if (mine) buttons.push({ action: 'unclaim', label: 'Unclaim' });
  if (task.escalatable && (mine || task.assignee === null)) buttons.push({ action: 'escalate', label: 'Escalate…' });
  return buttons;
};

/** One task: what it is, what can be done with it, its form, the case's history and comments. */
export class TaskDetail {
  private task: Task | undefined;
  private form: TaskForm | undefined;
  private hasForm = false;
  private opening: { id: string; done: Promise<void> } | undefined;
  private readonly drafts: TaskDrafts;

  /** `onChanged` tells the page the queue changed; with a message when the task left the agent's hands (completed, escalated). */
  constructor(
    private readonly element: HTMLElement,
    private readonly me: string,
    private readonly onChanged: (closedMessage?: string) => Promise<void>,
  ) {
    element.innerHTML = TEMPLATE;
    this.drafts = new TaskDrafts(me);
    this.drafts.prune(new Date());
    byRole(element, 'detail-actions').addEventListener('click', (event) => {
      const action = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
      if (action) void this.act(action);
    });
    element.querySelector('[data-action="complete"]')?.addEventListener('click', () => void this.complete());
    element.querySelector('[data-action="confirm-escalate"]')?.addEventListener('click', () => void this.escalate());
    element.querySelector('[data-action="cancel-escalate"]')?.addEventListener('click', () => {
      byRole(element, 'escalate-panel').hidden = true;
    });
    byRole<HTMLFormElement>(element, 'comment-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.comment();
    });
  }

  get shownId(): string | undefined {
    return this.task?.id;
  }

  /**
   * Loads and shows the task, its form prefilled with the case's variables, its history and comments.
   * A second open of the task being loaded joins the first: two loads racing would let the later
   * form replace what the agent started typing into the earlier one.
   */
  open(id: string): Promise<void> {
    if (this.opening?.id === id) return this.opening.done;
    const done = this.load(id).finally(() => {
      if (this.opening?.done === done) this.opening = undefined;
    });
    this.opening = { id, done };
    return done;
  }

  private async load(id: string): Promise<void> {
    if (this.task?.id !== id) {
      // Another task's form must not stay on show while this one loads: what is typed into it would
      // be wiped when this task's form arrives (or kept as the other task's draft).
      this.task = undefined;
      byRole(this.element, 'form-container').hidden = true;
      byRole(this.element, 'draft-note').hidden = true;
    }
    this.status().hidden = true;
    byRole(this.element, 'escalate-panel').hidden = true;
    this.task = await getTask(id);
    this.renderHead();
    await Promise.all([this.loadForm(id), this.loadHistory(id), this.loadComments(id)]);
  }

  /** Another agent (or the engine) changed the task on show: its head follows, the form is left as typed. */
  async changedElsewhere(event: TaskEventView): Promise<void> {
    if (event.change === 'claimed' && event.assignee !== null && event.assignee !== this.me) showStatus(this.status(), 'info', `Claimed by ${event.assignee}.`);
    try {
      const task = await getTask(event.taskId);
      if (this.task?.id !== task.id) return;
      this.task = task;
      this.renderHead();
    } catch {
      // No longer the agent's to read (completed, escalated away): the queue's note says so.
    }
  }

  close(): void {
    this.task = undefined;
    this.form?.destroy();
    this.form = undefined;
  }

  private status(): HTMLElement {
    return byRole(this.element, 'detail-status');
  }

  private renderHead(): void {
    const task = this.task!;
    byRole(this.element, 'detail-title').textContent = task.name ?? task.elementId;
    const meta = byRole(this.element, 'detail-meta');
    meta.replaceChildren();
    const fact = (label: string, value: string | Node | null, role?: string) => {
      if (value === null || value === '') return;
      const item = document.createElement('span');
      item.className = 'fact';
      if (role) item.dataset.role = role;
      const name = document.createElement('span');
      name.className = 'fact-label';
      name.textContent = label;
      item.append(name, ' ', value);
      meta.append(item);
    };
    meta.append(priorityChip(task.priority), slaChip(task, Date.now()));
    fact('State', task.assignee === null ? STATE_LABELS[task.state] : `${STATE_LABELS[task.state]} by ${task.assignee === this.me ? 'you' : task.assignee}`, 'detail-state');
    fact('Process', task.processKey);
    fact('Case', task.businessKey);
    fact('Queue', task.candidateGroups.join(', '), 'detail-groups');
    fact('Stage', task.stage);
    fact('Category', task.category);
    fact('Due', task.dueAt && formatDateTime(task.dueAt));
    fact('Follow up', task.followUpAt && formatDateTime(task.followUpAt), 'detail-follow-up');
    fact('Form', task.externalFormReference && formAddress(task.externalFormReference), 'detail-external-form');
    for (const [name, value] of Object.entries(task.properties)) fact(name, value, 'detail-property');
    const actions = byRole(this.element, 'detail-actions');
    actions.replaceChildren(
      ...actionsFor(task, this.me).map(({ action, label, primary }) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.action = action;
        button.textContent = label;
        if (primary) button.className = 'primary';
        return button;
      }),
    );
    this.renderEscalation(task);
    const complete = this.element.querySelector<HTMLButtonElement>('[data-action="complete"]')!;
    complete.disabled = task.assignee !== this.me;
    complete.title = complete.disabled ? 'Claim the task first' : '';
  }

  /** Where the task came from (a banner when it was escalated) and where an escalation would send it (the dialog's heading). */
  private renderEscalation(task: Task): void {
    const banner = byRole(this.element, 'escalation-banner');
    const escalation = task.escalation;
    banner.hidden = !escalation;
    banner.textContent = escalation
      ? `Escalated${escalation.fromLaneName ? ` from ${escalation.fromLaneName.toLowerCase()}` : ''}${escalation.by ? ` by ${escalation.by}` : ''}: ${reasonLabel(escalation.reasonCode).toLowerCase()}${escalation.comment ? ` (${escalation.comment})` : ''}`
      : '';
    const target = task.escalationTarget;
    byRole(this.element, 'escalate-heading').textContent = target
      ? `Escalate to ${target.groups.join(', ')}${target.laneName ? ` (${target.laneName})` : ''}`
      : 'Escalate (the process model decides where it goes)';
  }

  private async loadForm(id: string): Promise<void> {
    const container = byRole(this.element, 'form-container');
    this.showFormProblems([]);
    try {
      const { schema, variables } = await getTaskForm(id);
      // form-js loads with the first form, so designers who never open a task do not download it.
      if (this.form === undefined) {
        const { TaskForm: Viewer } = await import('./task-form.js');
        this.form = new Viewer(container);
      }
      // What the agent typed before (a reload, another tab, before a claim) over the case's values.
      const draft = this.drafts.read(id);
      await this.form.show(schema, { ...variables, ...draft?.data }, (data) => this.drafts.write(id, data, new Date()));
      const note = byRole(this.element, 'draft-note');
      note.hidden = draft === undefined;
      note.textContent = draft === undefined ? '' : `Restored what you typed (saved ${formatDateTime(draft.savedAt)}); it is kept in this browser until the task is completed.`;
      this.hasForm = true;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'FORM_NOT_FOUND')) throw error;
      this.form?.destroy();
      this.form = undefined;
      container.replaceChildren();
      this.hasForm = false;
      byRole(this.element, 'draft-note').hidden = true;
    }
    container.hidden = !this.hasForm;
    byRole(this.element, 'no-form').hidden = this.hasForm;
  }

  private async loadHistory(id: string): Promise<void> {
    const list = byRole(this.element, 'history');
    // Human steps in full; for the engine's own elements (events, gateways, workers) only when they were done.
    const steps = (await getTaskHistory(id)).filter((step) => step.elementType === 'userTask' || step.type === 'completed' || step.type === 'canceled');
    list.replaceChildren(...steps.map((step) => this.historyItem(step)));
    if (steps.length === 0) list.append(Object.assign(document.createElement('li'), { className: 'empty', textContent: 'Nothing yet.' }));
  }

  private historyItem(step: TaskHistoryStep): HTMLLIElement {
    const item = document.createElement('li');
    item.className = `history-step step-${step.type}`;
    item.dataset.role = 'history-step';
    item.dataset.type = step.type;
    const when = document.createElement('time');
    when.dateTime = step.at;
    when.textContent = formatDateTime(step.at);
    const what = document.createElement('span');
    what.className = 'step-what';
    what.textContent =
      step.elementType === 'startEvent' && step.type === 'completed'
        ? `Case started${step.elementName ? `: ${step.elementName}` : ''}`
        : `${step.elementName ?? step.elementId} ${STEP_WORDS[step.type] ?? step.type}`;
    const who = document.createElement('span');
    who.className = 'step-who';
    who.textContent = [step.actor && `by ${step.actor}`, step.laneName && `(${step.laneName})`].filter(Boolean).join(' ');
    item.append(when, what, who);
    const reason = step.detail?.reasonCode;
    if (typeof reason === 'string') {
      const detail = document.createElement('div');
      detail.className = 'step-detail';
      const comment = step.detail?.comment;
      detail.dataset.role = 'step-reason';
      detail.textContent = `Reason: ${reasonLabel(reason)}${typeof comment === 'string' && comment !== '' ? ` (“${comment}”)` : ''}`;
      item.append(detail);
    }
    const due = step.detail?.due as { from?: unknown; to?: unknown } | undefined;
    if (typeof due?.to === 'string') {
      const moved = document.createElement('div');
      moved.className = 'step-detail';
      moved.dataset.role = 'step-due';
      moved.textContent = `Due moved to ${formatDateTime(due.to)} (the new tier’s SLA${typeof due.from === 'string' ? `; was ${formatDateTime(due.from)}` : ''})`;
      item.append(moved);
    }
    return item;
  }

  private async loadComments(id: string): Promise<void> {
    const comments = await listComments(id);
    byRole(this.element, 'comments').replaceChildren(...comments.map((comment) => this.commentItem(comment)));
  }

  private commentItem(comment: TaskComment): HTMLLIElement {
    const item = document.createElement('li');
    item.dataset.role = 'comment';
    const head = document.createElement('div');
    head.className = 'comment-head';
    head.textContent = `${comment.author} · ${formatDateTime(comment.createdAt)}`;
    const text = document.createElement('div');
    text.className = 'comment-text';
    text.textContent = comment.text;
    item.append(head, text);
    return item;
  }

  private async act(action: string): Promise<void> {
    const task = this.task;
    if (!task) return;
    if (action === 'escalate') {
      await this.openEscalation();
      return;
    }
    try {
      if (action === 'claim-start') await actOnTask(task.id, 'claim', { start: true });
      else await actOnTask(task.id, action as TaskAction);
      // The form stays as it is: what the agent has typed so far is not lost by starting or pausing.
      this.task = await getTask(task.id);
      this.renderHead();
      await this.loadHistory(task.id);
      showStatus(
        this.status(),
        'success',
        { claim: 'Claimed.', 'claim-start': 'Claimed and started.', start: 'Started.', pause: 'Paused.', unclaim: 'Put back in the queue.' }[action] ?? 'Done.',
      );
      await this.onChanged();
    } catch (error) {
      showStatus(this.status(), 'error', messageOf(error));
      await this.onChanged();
    }
  }

  private async complete(): Promise<void> {
    const task = this.task;
    if (!task) return;
    let variables: Record<string, unknown> = {};
    if (this.hasForm && this.form) {
      const values = this.form.values();
      if (values === undefined) {
        showStatus(this.status(), 'error', 'Some fields need attention: see the form.');
        return;
      }
      variables = values;
    }
    try {
      await completeTask(task.id, variables);
      this.drafts.remove(task.id);
      this.close();
      await this.onChanged(`Completed “${task.name ?? task.elementId}”.`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'FORM_INVALID' && Array.isArray(error.details?.problems)) {
        const problems = error.details.problems as FieldProblem[];
        this.showFormProblems(this.form?.showProblems(problems) ?? problems);
        showStatus(this.status(), 'error', `Not completed: ${problems.length === 1 ? 'a field needs' : `${problems.length} fields need`} attention, see the form.`);
        return;
      }
      showStatus(this.status(), 'error', `Not completed: ${messageOf(error)}`);
    }
  }

  /** Problems naming no field on the form (a field the viewer does not show), listed under it. */
  private showFormProblems(problems: readonly FieldProblem[]): void {
    const list = byRole(this.element, 'form-problems');
    list.replaceChildren(
      ...problems.map(({ field, problem }) => {
        const item = document.createElement('li');
        item.dataset.role = 'field-problem';
        item.dataset.field = field;
        item.textContent = `${field} ${problem}`;
        return item;
      }),
    );
    list.hidden = problems.length === 0;
  }

  private async openEscalation(): Promise<void> {
    const panel = byRole(this.element, 'escalate-panel');
    const select = byRole<HTMLSelectElement>(panel, 'escalate-reason');
    if (select.options.length === 0) {
      const reasons = await listEscalationReasons();
      select.replaceChildren(
        ...reasons.map((code) => {
          const option = document.createElement('option');
          option.value = code;
          option.textContent = reasonLabel(code);
          return option;
        }),
      );
    }
    panel.hidden = false;
    select.focus();
  }

  private async escalate(): Promise<void> {
    const task = this.task;
    if (!task) return;
    const panel = byRole(this.element, 'escalate-panel');
    const reason = byRole<HTMLSelectElement>(panel, 'escalate-reason').value;
    const comment = byRole<HTMLTextAreaElement>(panel, 'escalate-comment');
    try {
      await escalateTask(task.id, reason, comment.value);
      // The next tier starts from the case's values, not from what this agent had typed.
      this.drafts.remove(task.id);
      comment.value = '';
      panel.hidden = true;
      this.close();
      const target = task.escalationTarget;
      await this.onChanged(`Escalated “${task.name ?? task.elementId}”${target ? ` to ${target.groups.join(', ')}` : ''} (${reasonLabel(reason).toLowerCase()}).`);
    } catch (error) {
      showStatus(this.status(), 'error', `Not escalated: ${messageOf(error)}`);
    }
  }

  private async comment(): Promise<void> {
    const task = this.task;
    const text = byRole<HTMLTextAreaElement>(this.element, 'comment-text');
    if (!task || text.value.trim() === '') return;
    try {
      await addComment(task.id, text.value.trim());
      text.value = '';
      await this.loadComments(task.id);
    } catch (error) {
      showStatus(this.status(), 'error', `Comment not added: ${messageOf(error)}`);
    }
  }
}

/** The address of a form an outside app shows: a link when it is a web address (never a script URL), else its text. */
function formAddress(address: string): Node {
  if (!/^https?:\/\//i.test(address)) return document.createTextNode(address);
  const link = document.createElement('a');
  link.href = address;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = address;
  return link;
}
