import type { ProcessPreviewView as ProcessPreview } from '#api-types';
import { RULES, type Problem } from '#bpmn';
import type { DeploymentPreview } from '../../api/process-versions-api.js';
import { renderChangeList, renderDiffFigures } from '../../diff/change-list.js';
import { byRole, element } from '../../ui/dom.js';
import { versionLabel } from '../../versions/version-label.js';
import { describeNvaShare } from './nva-share.js';

export const DEPLOY_DIALOG_TEMPLATE = `
  <dialog class="deploy-dialog" data-role="deploy-dialog" aria-labelledby="deploy-dialog-title">
    <h2 id="deploy-dialog-title">Deploy a new version?</h2>
    <div class="deploy-processes" data-role="deploy-processes"></div>
    <div class="deploy-warning" data-role="deploy-engine-warnings" hidden></div>
    <form method="dialog" class="deploy-form">
      <label>Version tag
        <input type="text" data-role="deploy-tag" maxlength="40" size="16" placeholder="as-is, to-be, pilot-north…" aria-label="Tag of the new version" list="deploy-tag-suggestions" />
      </label>
      <datalist id="deploy-tag-suggestions"><option value="as-is"></option><option value="to-be"></option></datalist>
      <p class="hint" data-role="deploy-tag-hint">Name what this version is, so experiments and the version list tell it apart.</p>
      <div class="dialog-actions">
        <button type="submit" value="cancel" formnovalidate data-action="cancel-deploy">Cancel</button>
        <button type="submit" value="deploy" class="primary" data-action="confirm-deploy">Deploy</button>
      </div>
    </form>
  </dialog>
`;

const whatHappens = (process: ProcessPreview): string => {
  if (process.identical) return `Identical to version ${process.version} of ${process.key}: nothing new is deployed.`;
  if (process.newest === null) return `A new process: this becomes version 1 of ${process.key}.`;
  return `This becomes version ${process.version}, the newest of ${process.key}: new cases start on it instead of ${versionLabel(process.newest)}.`;
};

const experimentNote = (process: ProcessPreview): HTMLElement | null => {
  const { experiment, newest } = process;
  if (experiment === null) return null;
  const arm = experiment.newestArm === null || newest === null ? '' : `; its ${experiment.newestArm} arm is version ${newest.version}, the newest now`;
  return element(
    'p',
    { class: 'deploy-warning', 'data-role': 'deploy-experiment', 'data-experiment-id': experiment.id },
    `An experiment is ${experiment.state} on ${process.key}${arm}. Its arms keep the versions they name; once it ends, new cases start on the newest version.`,
  );
};

const callersNote = (process: ProcessPreview): HTMLElement | null => {
  if (process.callers.length === 0) return null;
  return element(
    'div',
    { class: 'deploy-warning', 'data-role': 'deploy-callers' },
    element('p', {}, `Call activities that start the latest ${process.key} will start version ${process.version}:`),
    element(
      'ul',
      {},
      ...process.callers.map((caller) =>
        element('li', { 'data-caller': `${caller.key}/${caller.elementId}` }, `${caller.key} v${caller.version}: ${caller.elementName ?? caller.elementId} (${caller.elementId})`),
      ),
    ),
  );
};

const processSection = (process: ProcessPreview): HTMLElement => {
  const section = element(
    'section',
    { class: 'deploy-process', 'data-process-key': process.key, 'data-version': process.version, 'data-identical': process.identical },
    element('h3', {}, `${process.name ?? process.key}: version ${process.version}`),
    element('p', { 'data-role': 'deploy-outcome' }, whatHappens(process)),
    experimentNote(process),
    callersNote(process),
  );
  if (process.diff !== null && !process.identical) {
    const figures = element('div', { class: 'diff-figures', 'data-role': 'deploy-figures' });
    const changes = element('div', { class: 'diff-changes', 'data-role': 'deploy-changes' });
    renderDiffFigures(figures, process.diff.values);
    const share = element('p', { class: 'deploy-nva-share', 'data-role': 'deploy-nva-share' }, describeNvaShare(process.diff.values.before, process.diff.values.after));
    // The diagram is behind the dialog: a change names its element, nothing to reveal.
    renderChangeList(changes, process.diff, () => undefined);
    section.append(element('h4', {}, `Changes from version ${process.newest?.version ?? ''}`), share, figures, changes);
  }
  return section;
};

/** The modeler runs these rules itself and lists what they find under the canvas. */
const LIVE_RULES = new Set(RULES.map(({ name }) => name));

/** What only the engine knows (a job type no worker serves, a secret it lacks): said before the designer decides. */
const renderEngineWarnings = (container: HTMLElement, warnings: readonly Problem[]): void => {
  const engineOnly = warnings.filter(({ rule }) => !LIVE_RULES.has(rule));
  container.hidden = engineOnly.length === 0;
  container.replaceChildren(
    element('p', {}, 'The engine warns:'),
    element('ul', {}, ...engineOnly.map((problem) => element('li', { 'data-rule': problem.rule, 'data-element': problem.elementId ?? '' }, problem.message))),
  );
};

/**
 * The deploy dialog: what the deployment changes (the diff against the newest version, NVA figures
 * first, as Compare shows it), who uses the key's latest version, and the version's tag. Answers
 * the tag when the designer confirms, undefined when they cancel.
 */
export const askToDeploy = (root: HTMLElement, preview: DeploymentPreview): Promise<{ tag: string | undefined } | undefined> => {
  const dialog = byRole<HTMLDialogElement>(root, 'deploy-dialog');
  const tagInput = byRole<HTMLInputElement>(dialog, 'deploy-tag');
  const confirm = dialog.querySelector<HTMLButtonElement>('[data-action="confirm-deploy"]')!;
  const nothingNew = preview.processes.every((process) => process.identical);
  byRole(dialog, 'deploy-processes').replaceChildren(...preview.processes.map(processSection));
  renderEngineWarnings(byRole(dialog, 'deploy-engine-warnings'), preview.warnings);
  tagInput.value = '';
  // A new version needs its tag; identical XML brings back a version that keeps its own.
  tagInput.required = !nothingNew;
  tagInput.disabled = nothingNew;
  const update = () => {
    confirm.disabled = !nothingNew && tagInput.value.trim() === '';
  };
  tagInput.oninput = update;
  update();
  confirm.textContent = nothingNew ? 'Close' : 'Deploy';
  dialog.returnValue = '';
  dialog.showModal();
  tagInput.focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'deploy' && !nothingNew ? { tag: tagInput.value.trim() || undefined } : undefined), { once: true });
  });
};
