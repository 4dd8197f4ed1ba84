import { ApiError } from '../../api/api-error.js';
import { actOnExperiment, migrateRunning, setArmPaused } from '../../api/experiments-api.js';
import type { ExperimentView } from '../../api/experiments-types.js';
import { byRole, element } from '../../ui/dom.js';
import { messageOf } from '../../ui/error-message.js';
import { showStatus } from '../../ui/status-line.js';
import { changedText, migrationText, operationWording, type ExperimentOperation } from './experiment-operations.js';

const DIALOG = `
  <form method="dialog" class="confirm-form">
    <h2 data-role="confirm-title">Are you sure?</h2>
    <p data-role="confirm-text"></p>
    <label class="confirm-reason">Reason (optional), kept with the change
      <textarea data-role="confirm-reason" maxlength="2000" rows="2"></textarea>
    </label>
    <div class="confirm-buttons">
      <button type="submit" value="cancel" data-role="confirm-cancel">Cancel</button>
      <button type="submit" value="ok" class="primary" data-role="confirm-ok">OK</button>
    </div>
  </form>
`;

/** The API's refusal in words: its code and message, so the analyst knows what to fix. */
const refusalText = (error: unknown): string => (error instanceof ApiError ? `Refused (${error.status} ${error.code}): ${error.message}` : `Failed: ${messageOf(error)}`);

/**
 * The dashboard's buttons that act on an experiment: each asks in a dialog of the page, calls the
 * API, and shows its answer (what changed, or the error's code and message) in `answer`.
 */
export class OperationButtons {
  private readonly dialog: HTMLDialogElement;

  constructor(
    host: HTMLElement,
    private readonly answer: HTMLElement,
    /** called after a change succeeded, to show the experiment as it is now */
    private readonly changed: () => Promise<void>,
  ) {
    this.dialog = element('dialog', { class: 'confirm-dialog', 'data-role': 'confirm-dialog', 'aria-labelledby': 'confirm-title' });
    this.dialog.innerHTML = DIALOG;
    byRole(this.dialog, 'confirm-title').id = 'confirm-title';
    host.append(this.dialog);
  }

  /** Forgets the last answer (another experiment is shown). */
  clear(): void {
    this.answer.hidden = true;
    this.answer.replaceChildren();
  }

  /** A button for the operation on the experiment (or, with `armId`, on that arm). */
  button(experiment: ExperimentView, operation: ExperimentOperation, armId?: string): HTMLButtonElement {
    const wording = operationWording(operation, armId);
    const node = element('button', { type: 'button', class: 'operation-button', 'data-operation': operation, 'data-arm': armId }, wording.label);
    node.addEventListener('click', () => void this.run(experiment, operation, armId));
    return node;
  }

  private async run(experiment: ExperimentView, operation: ExperimentOperation, armId?: string): Promise<void> {
    const reason = await this.confirm(operation, armId);
    if (reason === undefined) return;
    this.answer.dataset.answerTo = operation;
    showStatus(this.answer, 'info', `${operationWording(operation, armId).confirmLabel}…`);
    let text: string;
    try {
      text = await this.call(experiment, operation, armId, reason);
    } catch (error) {
      showStatus(this.answer, 'error', refusalText(error));
      return;
    }
    showStatus(this.answer, 'success', text);
    // A dry run changes nothing; everything else is shown afresh.
    if (operation !== 'migrateDryRun') await this.changed();
  }

  private async call(experiment: ExperimentView, operation: ExperimentOperation, armId: string | undefined, reason: string): Promise<string> {
    const why = reason ? { reason } : {};
    switch (operation) {
      case 'pauseArm':
      case 'resumeArm':
        return changedText(operation, experiment, await setArmPaused(experiment.id, armId!, operation === 'pauseArm', reason || undefined), armId);
      case 'migrateDryRun':
        return migrationText(await migrateRunning(experiment.id, { dryRun: true, ...why }));
      case 'promote':
        return changedText(operation, experiment, await actOnExperiment(experiment.id, 'promote', { winnerArmId: armId!, ...why }), armId);
      default:
        return changedText(operation, experiment, await actOnExperiment(experiment.id, operation, why));
    }
  }

  /** The reason typed ('' when none), or undefined when the user cancels. */
  private confirm(operation: ExperimentOperation, armId?: string): Promise<string | undefined> {
    const wording = operationWording(operation, armId);
    byRole(this.dialog, 'confirm-title').textContent = wording.label.replace(/^\S+ /, '') + '?';
    byRole(this.dialog, 'confirm-text').textContent = wording.confirm;
    byRole(this.dialog, 'confirm-ok').textContent = wording.confirmLabel;
    const reason = byRole<HTMLTextAreaElement>(this.dialog, 'confirm-reason');
    reason.value = '';
    this.dialog.dataset.confirming = operation;
    this.dialog.returnValue = '';
    this.dialog.showModal();
    return new Promise((resolve) => {
      this.dialog.addEventListener(
        'close',
        () => {
          const text = reason.value.trim();
          resolve(this.dialog.returnValue === 'ok' ? text : undefined);
        },
        { once: true },
      );
    });
  }
}
