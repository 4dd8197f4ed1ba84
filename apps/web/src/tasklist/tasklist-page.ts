import type { Session } from '../api/auth-headers.js';
import { TaskEventStream, type TaskEventView } from '../api/task-events-api.js';
import { countTasks, listTasks, type Task, type TaskCount, type TaskQuery } from '../api/tasks-api.js';
import { byRole } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showStatus } from '../ui/status-line.js';
import { TaskDetail } from './task-detail.js';
import { refreshSla, renderTaskList } from './task-list.js';
import { COLUMN_CHOICES, loadSettings, saveSettings, withFilter, type SavedFilter, type TasklistSettings } from './tasklist-settings.js';
import './tasklist.css';

const TEMPLATE = `
  <aside class="task-queue" data-role="task-queue" aria-label="Tasks">
    <div class="queue-bar">
      <div class="queue-tabs" data-role="queue-tabs" role="tablist"></div>
      <span class="live-status" data-role="live-status" data-live="off" title="Live updates from the engine">connecting…</span>
      <button type="button" class="refresh-button" data-action="refresh" title="Read the queues again">↻ Refresh</button>
    </div>
    <div class="task-filters" data-role="task-filters">
      <select data-role="filter-stage" aria-label="Stage">
        <option value="">Any stage</option>
        <option value="inquiry">Inquiry</option>
        <option value="diagnosis">Diagnosis</option>
        <option value="solution">Solution</option>
        <option value="follow-up">Follow-up</option>
      </select>
      <select data-role="filter-category" aria-label="Category">
        <option value="">Any category</option>
        <option value="inquiry">Inquiry</option>
        <option value="transactional">Transactional</option>
        <option value="complaint">Complaint</option>
      </select>
      <select data-role="filter-process" aria-label="Process"><option value="">Any process</option></select>
      <label class="filter-check"><input type="checkbox" data-role="filter-breached" /> Overdue</label>
      <select data-role="sort" aria-label="Sort">
        <option value="due">Due first</option>
        <option value="priority">Priority first</option>
      </select>
      <details class="columns-chooser" data-role="columns-chooser">
        <summary>Columns</summary>
        <div class="columns-choices" data-role="column-choices"></div>
      </details>
    </div>
    <div class="saved-filters" data-role="saved-filters-bar">
      <select data-role="saved-filters" aria-label="Saved filters"><option value="">Saved filters…</option></select>
      <input type="text" data-role="filter-name" maxlength="40" placeholder="Name these filters" aria-label="Name of the filter to save" />
      <button type="button" data-action="save-filter">Save</button>
      <button type="button" data-action="delete-filter" hidden>Delete</button>
    </div>
    <div class="status" data-role="queue-status" role="status" hidden></div>
    <div class="status queue-note" data-role="queue-note" role="status" hidden></div>
    <ul class="task-list" data-role="task-list"></ul>
  </aside>
  <section class="task-detail" data-role="task-detail" hidden></section>
  <div class="task-placeholder" data-role="task-placeholder">Pick a task from the queue.</div>
`;

/** How often the SLA countdowns tick. */
const SLA_TICK_MS = 30_000;

/** Changes arriving together (a commit touching several tasks, several agents at once) make one read of the queues. */
const REFRESH_DEBOUNCE_MS = 150;

interface Queue {
  id: string;
  label: string;
  query: Pick<TaskQuery, 'view' | 'group'>;
}

/** The agents' tasklist: queues, filters and sorting on the left, the open task on the right (stacked on a phone). */
export class TasklistPage {
  private readonly detail: TaskDetail;
  private readonly queues: Queue[];
  private queueId = 'mine';
  /** Until the agent picks a tab, the tasklist opens on the first queue with work in it. */
  private queueChosen = false;
  private tasks: Task[] = [];
  private readonly counts = new Map<string, TaskCount>();
  private readonly processes = new Set<string>();
  private readonly live: TaskEventStream;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private settings: TasklistSettings;
  private liveStarted = false;
  /** Each visit's number: a slower earlier visit must not close the task a later one opened. */
  private visit = 0;

  constructor(
    private readonly element: HTMLElement,
    private readonly session: Session,
  ) {
    element.innerHTML = TEMPLATE;
    this.queues = [
      { id: 'mine', label: 'My tasks', query: { view: 'mine' } },
      { id: 'queue', label: 'My groups', query: { view: 'queue' } },
      ...session.user.groups.map((group) => ({ id: `group:${group}`, label: group, query: { view: 'queue' as const, group } })),
    ];
    this.renderTabs();
    this.detail = new TaskDetail(byRole(element, 'task-detail'), session.user.name, (closedMessage) => this.changed(closedMessage));
    for (const role of ['filter-stage', 'filter-category', 'filter-process', 'filter-breached', 'sort']) {
      byRole(element, role).addEventListener('change', () => void this.reload());
    }
    element.querySelector('[data-action="refresh"]')?.addEventListener('click', () => void this.refresh());
    this.settings = loadSettings(session.user.name);
    this.renderColumnChoices();
    this.renderSavedFilters();
    byRole(element, 'saved-filters').addEventListener('change', () => this.applySavedFilter());
    element.querySelector('[data-action="save-filter"]')?.addEventListener('click', () => this.saveFilter());
    element.querySelector('[data-action="delete-filter"]')?.addEventListener('click', () => this.deleteFilter());
    setInterval(() => refreshSla(element, Date.now()), SLA_TICK_MS);
    this.live = new TaskEventStream({
      task: (event) => this.taskChanged(event),
      resync: () => this.scheduleRefresh(),
      connected: (open) => {
        const status = byRole(element, 'live-status');
        status.dataset.live = open ? 'on' : 'off';
        status.textContent = open ? '● live' : 'reconnecting…';
      },
    });
  }

  /** Shows the queue, and the task named in the address (if any). */
  async show(taskId: string | undefined): Promise<void> {
    this.element.dataset.open = String(taskId !== undefined);
    // Live from the first visit on: a designer who never opens the tasklist opens no stream.
    if (!this.liveStarted) {
      this.liveStarted = true;
      this.live.start();
    }
    const visit = ++this.visit;
    await this.loadCounts();
    if (visit !== this.visit) return;
    if (!this.queueChosen) this.openWhereTheWorkIs();
    await this.reload(taskId);
    if (visit !== this.visit) return;
    const detailElement = byRole(this.element, 'task-detail');
    byRole(this.element, 'task-placeholder').hidden = taskId !== undefined;
    detailElement.hidden = taskId === undefined;
    if (taskId === undefined) {
      this.detail.close();
      return;
    }
    try {
      await this.detail.open(taskId);
    } catch (error) {
      detailElement.hidden = true;
      showStatus(byRole(this.element, 'queue-status'), 'error', `Could not open the task: ${messageOf(error)}`);
    }
  }

  private renderTabs(): void {
    const tabs = byRole(this.element, 'queue-tabs');
    tabs.replaceChildren(
      ...this.queues.map((queue) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.role = 'tab';
        tab.dataset.queue = queue.id;
        const count = this.counts.get(queue.id);
        const label = document.createElement('span');
        label.textContent = queue.label;
        tab.append(label);
        if (count !== undefined) {
          const badge = document.createElement('span');
          badge.className = 'tab-count';
          badge.dataset.role = 'tab-count';
          // Past the engine's cap the count is a floor: "50+", not a figure that would cost a scan of the queue.
          badge.textContent = count.more ? `${count.count}+` : String(count.count);
          badge.title = count.more ? `More than ${count.count} open tasks` : `${count.count} open task${count.count === 1 ? '' : 's'}`;
          tab.append(' ', badge);
        }
        tab.setAttribute('aria-selected', String(queue.id === this.queueId));
        tab.addEventListener('click', () => {
          this.queueId = queue.id;
          this.queueChosen = true;
          this.renderTabs();
          void this.reload();
        });
        return tab;
      }),
    );
  }

  /** My tasks, else my groups: the first of them with work in it (my tasks when neither has). */
  private openWhereTheWorkIs(): void {
    const first = ['mine', 'queue'].find((id) => (this.counts.get(id)?.count ?? 0) > 0) ?? 'mine';
    if (first === this.queueId) return;
    this.queueId = first;
    this.renderTabs();
  }

  /** The open tasks of every tab, counted by the engine (filters apart: a count says where the work is). */
  private async loadCounts(): Promise<void> {
    try {
      const counted = await Promise.all(this.queues.map(async (queue) => [queue.id, await countTasks({ ...queue.query })] as const));
      this.counts.clear();
      for (const [id, count] of counted) this.counts.set(id, count);
    } catch {
      // The counts are a guide; the list below says what failed.
    }
    this.renderTabs();
  }

  /** The refresh button, a change pushed by the engine, a reconnection: counts and the list read again. */
  private async refresh(): Promise<void> {
    await this.loadCounts();
    await this.reload();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  /** A pushed change: the queues are read again, and a task taken from under the agent's eyes gets a word. */
  private taskChanged(event: TaskEventView): void {
    const shown = this.tasks.find(({ id }) => id === event.taskId);
    const me = this.session.user.name;
    if (shown && event.change === 'claimed' && event.assignee !== null && event.assignee !== me) {
      this.note(`“${shown.name ?? shown.elementId}” was claimed by ${event.assignee}.`);
    } else if (shown && event.change === 'escalated' && shown.assignee !== me) {
      this.note(`“${shown.name ?? shown.elementId}” was escalated to ${event.candidateGroups.join(', ')}.`);
    }
    if (this.detail.shownId === event.taskId) void this.detail.changedElsewhere(event);
    this.scheduleRefresh();
  }

  private note(text: string): void {
    showStatus(byRole(this.element, 'queue-note'), 'info', text);
  }

  /** The variables an agent may show as columns, ticked as they chose last time. */
  private renderColumnChoices(): void {
    byRole(this.element, 'column-choices').replaceChildren(
      ...COLUMN_CHOICES.map(({ name, label }) => {
        const choice = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.dataset.column = name;
        box.checked = this.settings.columns.includes(name);
        box.addEventListener('change', () => {
          this.settings.columns = COLUMN_CHOICES.map((column) => column.name).filter((column) => (column === name ? box.checked : this.settings.columns.includes(column)));
          saveSettings(this.session.user.name, this.settings);
          void this.reload();
        });
        choice.append(box, ` ${label}`);
        return choice;
      }),
    );
  }

  private renderSavedFilters(selected = ''): void {
    const select = byRole<HTMLSelectElement>(this.element, 'saved-filters');
    select.replaceChildren(new Option('Saved filters…', ''), ...this.settings.filters.map(({ name }) => new Option(name, name)));
    select.value = selected;
    this.element.querySelector<HTMLButtonElement>('[data-action="delete-filter"]')!.hidden = selected === '';
  }

  private currentFilter(name: string): SavedFilter {
    const value = (role: string) => byRole<HTMLSelectElement>(this.element, role).value;
    return {
      name,
      stage: value('filter-stage'),
      category: value('filter-category'),
      processKey: value('filter-process'),
      breached: byRole<HTMLInputElement>(this.element, 'filter-breached').checked,
      sort: value('sort'),
    };
  }

  private saveFilter(): void {
    const input = byRole<HTMLInputElement>(this.element, 'filter-name');
    const name = input.value.trim();
    if (name === '') {
      input.focus();
      return;
    }
    this.settings.filters = withFilter(this.settings.filters, this.currentFilter(name));
    saveSettings(this.session.user.name, this.settings);
    input.value = '';
    this.renderSavedFilters(name);
  }

  private applySavedFilter(): void {
    const name = byRole<HTMLSelectElement>(this.element, 'saved-filters').value;
    const filter = this.settings.filters.find((candidate) => candidate.name === name);
    this.renderSavedFilters(filter ? name : '');
    if (!filter) return;
    const set = (role: string, value: string) => {
      const select = byRole<HTMLSelectElement>(this.element, role);
      // A process not seen in a queue yet is offered anyway, so the filter applies as saved.
      if (value !== '' && ![...select.options].some((option) => option.value === value)) select.append(new Option(value, value));
      select.value = value;
    };
    set('filter-stage', filter.stage);
    set('filter-category', filter.category);
    set('filter-process', filter.processKey);
    set('sort', filter.sort);
    byRole<HTMLInputElement>(this.element, 'filter-breached').checked = filter.breached;
    void this.reload();
  }

  private deleteFilter(): void {
    const name = byRole<HTMLSelectElement>(this.element, 'saved-filters').value;
    this.settings.filters = this.settings.filters.filter((filter) => filter.name !== name);
    saveSettings(this.session.user.name, this.settings);
    this.renderSavedFilters();
  }

  private query(): TaskQuery {
    const queue = this.queues.find(({ id }) => id === this.queueId) ?? this.queues[0];
    const value = (role: string) => byRole<HTMLSelectElement>(this.element, role).value;
    const sort = value('sort') === 'priority' ? 'priority' : 'due';
    return {
      ...queue.query,
      stage: value('filter-stage'),
      category: value('filter-category'),
      processKey: value('filter-process'),
      breached: byRole<HTMLInputElement>(this.element, 'filter-breached').checked,
      sort,
      order: sort === 'priority' ? 'desc' : 'asc',
      limit: 100,
      ...(this.settings.columns.length > 0 && { columns: this.settings.columns.join(',') }),
    };
  }

  private async reload(currentId = this.detail.shownId): Promise<void> {
    const status = byRole(this.element, 'queue-status');
    const list = byRole(this.element, 'task-list');
    list.setAttribute('aria-busy', 'true');
    try {
      this.tasks = await listTasks(this.query());
      this.offerProcesses();
      const columns = COLUMN_CHOICES.filter(({ name }) => this.settings.columns.includes(name));
      renderTaskList(list, this.tasks, { currentId, me: this.session.user.name, now: Date.now(), columns });
      if (status.dataset.kind === 'error') status.hidden = true;
    } catch (error) {
      showStatus(status, 'error', `Could not load the tasks: ${messageOf(error)}`);
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }

  /** The process filter offers every process seen in a queue so far. */
  private offerProcesses(): void {
    const select = byRole<HTMLSelectElement>(this.element, 'filter-process');
    const before = this.processes.size;
    for (const task of this.tasks) this.processes.add(task.processKey);
    if (this.processes.size === before) return;
    const chosen = select.value;
    select.replaceChildren(new Option('Any process', ''), ...[...this.processes].sort().map((key) => new Option(key, key)));
    select.value = chosen;
  }

  private async changed(closedMessage: string | undefined): Promise<void> {
    if (closedMessage === undefined) {
      await this.refresh();
      return;
    }
    showStatus(byRole(this.element, 'queue-status'), 'success', closedMessage);
    if (location.hash !== '#/tasklist') location.hash = '#/tasklist';
    else await this.show(undefined);
  }
}
