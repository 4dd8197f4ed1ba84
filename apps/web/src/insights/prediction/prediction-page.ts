import { ApiError } from '../../api/api-error.js';
import { getProcessVersion, listProcessVersions, type ProcessVersion } from '../../api/process-versions-api.js';
import { calibrateVersion, predictVersions } from '../../api/simulations-api.js';
import type { VersionCalibration, PredictionRequest, SimulationParameters, SimulationProblem } from '../../api/simulations-types.js';
import { byRole, element } from '../../ui/dom.js';
import { messageOf } from '../../ui/error-message.js';
import { showStatus } from '../../ui/status-line.js';
import { formatDurationMs } from '../../format/units.js';
import { readBranchShares, renderBranchShares } from './branch-shares-editor.js';
import { calibrationPanel, readCalibratedParameters } from './calibration-panel.js';
import { clearFieldProblems, problemsOfError, showFieldProblems } from './field-problems.js';
import { outlineModel } from './model-outline.js';
import { candidateShares, DEFAULT_POOL_SIZE, describeField, poolSize } from './parameter-sources.js';
import { poolSpecs, readPoolRows, renderPools, wirePoolsEditor, type PoolRow } from './pools-editor.js';
import { predictionResults, simulatedBadge } from './prediction-results.js';
import { gatewaysWithoutShares, parametersFor, poolGroups, type ModelOutline } from './shared-parameters.js';
import { versionLabel } from '../../versions/version-label.js';
import './prediction.css';

const TEMPLATE = `
  <div class="toolbar prediction-toolbar">
    <a class="button" href="#/insights" data-role="insights-link">← Insights</a>
    <h1 class="prediction-title">Predict a redesign</h1>
    <span data-role="badge-slot"></span>
  </div>
  <div class="status" data-role="status" role="status" hidden></div>
  <form class="prediction-form" data-role="form" novalidate>
    <section class="prediction-panel" aria-label="Baseline">
      <div class="panel-head">
        <h2>1. Baseline (as-is) from its history</h2>
        <label>Version <select data-role="baseline-select" aria-label="Baseline version"></select></label>
        <button type="button" data-action="calibrate">Calibrate from history</button>
      </div>
      <div data-role="calibration-slot"><p class="empty">Calibrate to fit arrivals, working times, branch and escalation shares to the version's recorded cases.</p></div>
    </section>
    <section class="prediction-panel" aria-label="Team">
      <div class="panel-head">
        <h2>2. Team (pools)</h2>
        <span class="panel-note">A pool works the user tasks offered to the candidate group of its name.</span>
      </div>
      <div class="table-scroll" data-field="pools"><table class="prediction-table pools-table">
        <thead><tr><th scope="col">Pool (candidate group)</th><th scope="col">Agents</th><th scope="col">Working hours</th><th scope="col">Source of the size</th><th></th></tr></thead>
        <tbody data-role="pools"></tbody>
      </table></div>
      <button type="button" data-action="add-pool">Add pool</button>
    </section>
    <section class="prediction-panel" aria-label="Prediction">
      <div class="panel-head"><h2>3. Predict</h2></div>
      <div class="prediction-settings">
        <label>Candidate (to-be) <select data-role="candidate-select" aria-label="Candidate version"></select></label>
        <label>Replications <input type="number" min="1" max="10" step="1" value="5" class="prediction-number" data-role="replications" data-field="replications" aria-label="Replications" /></label>
        <label>Days <input type="number" min="1" step="1" value="14" class="prediction-number" data-role="days" data-field="horizon.days" aria-label="Days of arrivals" /></label>
        <label>Warm-up days <input type="number" min="0" step="1" value="2" class="prediction-number" data-role="warm-up" data-field="horizon.warmUpDays" aria-label="Warm-up days" /></label>
        <label>Drain days <input type="number" min="0" step="1" value="5" class="prediction-number" data-role="drain" data-field="horizon.drainDays" aria-label="Drain days" /></label>
        <label>Seed <input type="number" step="1" value="1" class="prediction-number" data-role="seed" data-field="seed" aria-label="Seed" /></label>
        <label>Start (UTC) <input type="date" data-role="start" data-field="start" aria-label="Start date" /></label>
        <button type="submit" class="primary" data-action="predict">Predict</button>
      </div>
      <div data-role="candidate-branches"></div>
      <p class="panel-note" data-role="left-out" hidden></p>
      <ul class="prediction-problems" data-role="other-problems" hidden></ul>
    </section>
  </form>
  <section class="prediction-panel" data-role="results-slot" aria-label="Predicted figures" hidden></section>
`;

const DAY_MS = 86_400_000;

/** The Monday after a date: simulated weeks start on a Monday, as the weekday profile does. */
const nextMonday = (now: Date): string => {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const daysAhead = (8 - day.getUTCDay()) % 7 || 7;
  return new Date(day.getTime() + daysAhead * DAY_MS).toISOString().slice(0, 10);
};

/**
 * "What would the redesign do?" before piloting it: a baseline version's parameters fitted to its
 * history, a team, and a prediction of the baseline beside a candidate version on the same seeds.
 * Everything predicted is simulated and marked so.
 */
export class PredictionPage {
  private readonly status: HTMLElement;
  private readonly form: HTMLFormElement;
  private versions: ProcessVersion[] = [];
  private readonly outlines = new Map<string, ModelOutline>();
  private calibration: VersionCalibration | undefined;

  constructor(private readonly element: HTMLElement) {
    element.innerHTML = TEMPLATE;
    this.status = byRole(element, 'status');
    this.form = byRole<HTMLFormElement>(element, 'form');
    byRole(element, 'badge-slot').replaceWith(simulatedBadge());
    byRole<HTMLInputElement>(element, 'start').value = nextMonday(new Date());
    wirePoolsEditor(byRole(element, 'pools'), element.querySelector<HTMLElement>('[data-action="add-pool"]')!);
    element.querySelector('[data-action="calibrate"]')?.addEventListener('click', () => void this.calibrate());
    byRole(element, 'baseline-select').addEventListener('change', () => this.forgetCalibration());
    byRole(element, 'candidate-select').addEventListener('change', () => {
      void this.prefillPools();
      void this.showCandidateBranches();
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.predict();
    });
  }

  async show(): Promise<void> {
    this.element.dataset.loaded = 'false';
    try {
      const previous = { baseline: this.selected('baseline-select'), candidate: this.selected('candidate-select') };
      this.versions = [...(await listProcessVersions())].sort((a, b) => a.key.localeCompare(b.key) || a.version - b.version);
      this.fillSelect('baseline-select', this.versions, previous.baseline ?? this.versions[0]?.id);
      const defaultCandidate = this.versions.find((version) => version.key === this.versions[0]?.key && version.id !== this.versions[0]?.id)?.id;
      this.fillSelect('candidate-select', this.versions, previous.candidate ?? defaultCandidate, '— none: predict the baseline alone —');
      if (this.versions.length === 0) showStatus(this.status, 'info', 'No process version is deployed yet.');
      this.element.dataset.loaded = 'true';
    } catch (error) {
      showStatus(this.status, 'error', `Could not load the versions: ${messageOf(error)}`);
    }
  }

  private readonly label = (versionId: string): string => {
    const version = this.versions.find(({ id }) => id === versionId);
    return version ? versionLabel(version) : versionId.slice(0, 8);
  };

  private selected(role: string): string | undefined {
    return byRole<HTMLSelectElement>(this.element, role).value || undefined;
  }

  private fillSelect(role: string, versions: readonly ProcessVersion[], selected: string | undefined, none?: string): void {
    byRole<HTMLSelectElement>(this.element, role).replaceChildren(
      ...(none === undefined ? [] : [element('option', { value: '' }, none)]),
      ...versions.map((version) => element('option', { value: version.id, selected: version.id === selected }, this.label(version.id))),
    );
  }

  private async outline(versionId: string): Promise<ModelOutline> {
    const known = this.outlines.get(versionId);
    if (known) return known;
    const outline = outlineModel((await getProcessVersion(versionId)).xml);
    this.outlines.set(versionId, outline);
    return outline;
  }

  private forgetCalibration(): void {
    this.calibration = undefined;
    delete this.element.dataset.calibrated;
    byRole(this.element, 'candidate-branches').replaceChildren();
    byRole(this.element, 'calibration-slot').replaceChildren(element('p', { class: 'empty' }, 'Calibrate the chosen version from its history.'));
  }

  private async calibrate(): Promise<void> {
    const processVersionId = this.selected('baseline-select');
    if (!processVersionId) return showStatus(this.status, 'error', 'Choose a baseline version first.');
    showStatus(this.status, 'info', 'Fitting the parameters to the recorded cases…');
    try {
      const [calibration, outline] = await Promise.all([calibrateVersion({ processVersionId }), this.outline(processVersionId)]);
      this.calibration = calibration;
      byRole(this.element, 'calibration-slot').replaceChildren(calibrationPanel(calibration, outline));
      await this.prefillPools();
      await this.showCandidateBranches();
      this.element.dataset.calibrated = 'true';
      showStatus(this.status, 'success', `Calibrated from ${calibration.cases} recorded case${calibration.cases === 1 ? '' : 's'} of ${this.label(processVersionId)}.`);
    } catch (error) {
      this.forgetCalibration();
      showStatus(this.status, 'error', `Could not calibrate: ${messageOf(error)}`);
    }
  }

  /**
   * One pool per candidate group of the baseline and the candidate, sized from the calibration's
   * team where it has one (else the default, said so); a size the analyst set is kept.
   */
  private async prefillPools(): Promise<void> {
    const ids = [this.selected('baseline-select'), this.selected('candidate-select')].filter((id): id is string => id !== undefined);
    try {
      const groups = poolGroups(await Promise.all(ids.map((id) => this.outline(id))));
      const body = byRole(this.element, 'pools');
      const sized = (id: string): PoolRow => {
        const { value, source } = this.calibration ? poolSize(this.calibration.fit.pools[id]) : { value: DEFAULT_POOL_SIZE, source: 'default: not calibrated yet' };
        return { id, size: value, preset: 'office', source };
      };
      const rows = readPoolRows(body).map((row) => (row.edited ? row : { ...sized(row.id), preset: row.preset }));
      const missing = groups.filter((group) => !rows.some((row) => row.id === group));
      renderPools(body, [...rows, ...missing.map(sized)]);
    } catch (error) {
      showStatus(this.status, 'error', `Could not read the models' candidate groups: ${messageOf(error)}`);
    }
  }

  /** The candidate's gateways that the calibration gives no shares for, with inputs (after a calibration: it prefills them). */
  private async showCandidateBranches(): Promise<void> {
    const container = byRole(this.element, 'candidate-branches');
    const candidateVersionId = this.selected('candidate-select');
    if (!this.calibration || !candidateVersionId) return container.replaceChildren();
    try {
      const calibration = this.calibration;
      const [model, baseline] = await Promise.all([this.outline(candidateVersionId), this.outline(calibration.processVersionId)]);
      const shared = parametersFor({ ...calibration.parameters, seed: 0, start: '', horizon: { days: 1 }, pools: [] }, model).parameters;
      const gateways = gatewaysWithoutShares(shared, model);
      renderBranchShares(container, gateways, model, Object.fromEntries(gateways.map((gatewayId) => [gatewayId, candidateShares(gatewayId, model, calibration, baseline)])));
    } catch (error) {
      showStatus(this.status, 'error', `Could not read the candidate's gateways: ${messageOf(error)}`);
    }
  }

  /** The study as set on the page: the calibrated parameters as edited, the team, the horizon and the seed. */
  private studyParameters(calibration: VersionCalibration): SimulationParameters {
    const number = (role: string): number => byRole<HTMLInputElement>(this.element, role).valueAsNumber;
    const startDate = byRole<HTMLInputElement>(this.element, 'start').value;
    return {
      ...readCalibratedParameters(byRole(this.element, 'calibration'), calibration),
      seed: number('seed'),
      start: startDate ? `${startDate}T00:00:00.000Z` : '',
      horizon: { days: number('days'), warmUpDays: number('warm-up'), drainDays: number('drain') },
      pools: poolSpecs(readPoolRows(byRole(this.element, 'pools'))),
    };
  }

  /**
   * One request for both versions on the same seeds: the API narrows the shared parameters to each
   * model and pairs the runs; the candidate's own branch shares go with it. What the candidate's model
   * lacks is listed for the page to say.
   */
  private async request(calibration: VersionCalibration): Promise<{ request: PredictionRequest; leftOut: string[] }> {
    const parameters = this.studyParameters(calibration);
    const replications = byRole<HTMLInputElement>(this.element, 'replications').valueAsNumber;
    const request: PredictionRequest = { processVersionId: calibration.processVersionId, replications, parameters };
    const candidateVersionId = this.selected('candidate-select');
    if (!candidateVersionId) return { request, leftOut: [] };
    const shared = parametersFor(parameters, await this.outline(candidateVersionId));
    const branches = { ...shared.parameters.branches, ...readBranchShares(byRole(this.element, 'candidate-branches')) };
    return { request: { ...request, candidateVersionId, candidateParameters: { branches } }, leftOut: shared.leftOut };
  }

  private async predict(): Promise<void> {
    const calibration = this.calibration;
    if (!calibration) return showStatus(this.status, 'error', 'Calibrate a baseline from its history first.');
    clearFieldProblems(this.form);
    this.showOtherProblems([]);
    delete this.element.dataset.predicted;
    showStatus(this.status, 'info', 'Simulating…');
    const started = performance.now();
    let refusedBy = this.label(calibration.processVersionId);
    try {
      const { request, leftOut } = await this.request(calibration);
      this.showLeftOut(leftOut, this.outlines.get(calibration.processVersionId));
      if (request.candidateVersionId) refusedBy = `${refusedBy} or ${this.label(request.candidateVersionId)}`;
      const answer = await predictVersions(request);
      const slot = byRole(this.element, 'results-slot');
      slot.replaceChildren(predictionResults(answer, this.label));
      slot.hidden = false;
      this.element.dataset.predicted = 'true';
      showStatus(this.status, 'success', `Simulated in ${formatDurationMs(performance.now() - started)}.`);
    } catch (error) {
      // Figures of other inputs than those on the form would mislead.
      byRole(this.element, 'results-slot').hidden = true;
      const problems = problemsOfError(error);
      if (problems.length === 0) return showStatus(this.status, 'error', `Not predicted: ${messageOf(error)}`);
      this.showOtherProblems(showFieldProblems(this.form, problems));
      const code = error instanceof ApiError ? `, ${error.code}` : '';
      showStatus(
        this.status,
        'error',
        `Not predicted (${refusedBy}${code}): ${problems.length === 1 ? 'a field needs' : `${problems.length} fields need`} attention, see the marked fields.`,
      );
    }
  }

  /** What the candidate's model lacks, by element name (the parameter path in a tooltip). */
  private showLeftOut(leftOut: readonly string[], baseline: ModelOutline | undefined): void {
    const note = byRole(this.element, 'left-out');
    note.hidden = leftOut.length === 0;
    note.replaceChildren(
      ...(leftOut.length === 0
        ? []
        : [
            'Not in the candidate, so left out of its parameters: ',
            ...leftOut.flatMap((field, i) => [...(i > 0 ? ['; '] : []), element('span', { title: field, 'data-field-path': field }, describeField(field, baseline))]),
            ". The candidate's new elements use the model's own estimates (tandem:standardMinutes) and the shares above.",
          ]),
    );
  }

  private showOtherProblems(problems: readonly SimulationProblem[]): void {
    const list = byRole(this.element, 'other-problems');
    const model = this.calibration && this.outlines.get(this.calibration.processVersionId);
    list.replaceChildren(
      ...problems.map(({ field, message }) => element('li', { 'data-role': 'field-problem', 'data-field': field, title: field }, `${describeField(field, model)}: ${message}`)),
    );
    list.hidden = problems.length === 0;
  }
}
