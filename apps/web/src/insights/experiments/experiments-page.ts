import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { fetchVerdictReport, getExperiment, getExperimentAnalysis, getExperimentEvents, listExperiments, type VerdictFormat } from '../../api/experiments-api.js';
import type { CandidateAnalysis, ExperimentAnalysis, ExperimentEvent, ExperimentView } from '../../api/experiments-types.js';
import { getSimulatedCases } from '../../api/analytics-api.js';
import { getProcessVersion, listProcessVersions, type ProcessVersion } from '../../api/process-versions-api.js';
import { revealElement } from '../../modeler/diagram-insight.js';
import { createViewer } from '../../modeler/diagram/create-diagrams.js';
import { fitDiagram } from '../../modeler/diagram/fit-diagram.js';
import { addZoomControl } from '../../modeler/diagram/zoom-control.js';
import { currentSession } from '../../api/auth-headers.js';
import { byRole, element } from '../../ui/dom.js';
import { downloadFile } from '../../ui/download-file.js';
import { messageOf } from '../../ui/error-message.js';
import { showSimulated } from '../../ui/simulated-badge.js';
import { showStatus } from '../../ui/status-line.js';
import { activityDifferenceTable } from './activity-difference-table.js';
import { armsPanel } from './arms-panel.js';
import { differenceGradient } from './difference-scale.js';
import { showDifferenceHeatmap } from './difference-heatmap.js';
import { elementNames } from './element-names.js';
import { eventLogPanel } from './event-log.js';
import { experimentListTable, stateBadge, type ListedVerdict } from './experiment-list.js';
import { formatDurationMs } from '../../format/units.js';
import { experimentName } from './experiment-name.js';
import { armOperations, experimentOperations } from './experiment-operations.js';
import { OperationButtons } from './operation-buttons.js';
import { guardrailPanel } from './guardrail-table.js';
import { leadTimePanel } from './lead-time-panel.js';
import { looksPanel } from './looks-panel.js';
import { metricsPanel } from './metrics-table.js';
import { planPanel } from './plan-panel.js';
import { stagePanel } from './stage-table.js';
import { verdictPanel } from './verdict-panel.js';
import { versionLabel } from '../../versions/version-label.js';
import './experiments.css';

const TEMPLATE = `
  <div class="toolbar experiments-toolbar">
    <a class="button" href="#/insights" data-role="insights-link">← Insights</a>
    <a class="button" href="#/insights/experiments" data-role="all-link" hidden>All experiments</a>
    <h1 class="experiments-title" data-role="title">Experiments</h1>
    <span class="experiments-subtitle" data-role="subtitle"></span>
    <label data-role="candidate-choice" hidden>Candidate <select data-role="candidate-select" aria-label="Candidate arm"></select></label>
    <button type="button" data-action="refresh">Refresh</button>
  </div>
  <div class="status" data-role="status" role="status" hidden></div>
  <div class="status operation-answer" data-role="operation-answer" role="status" aria-live="polite" hidden></div>
  <section class="experiment-list" data-role="list" aria-label="Experiments"></section>
  <div class="experiment-detail" data-role="detail" hidden>
    <div class="experiment-grid experiment-top" data-role="top"></div>
    <div class="experiment-grid experiment-results" data-role="results"></div>
    <section class="experiment-panel difference-panel" data-role="difference" aria-label="Difference by activity">
      <h2>Difference by activity: candidate − baseline, median time per activity <span class="panel-note" data-role="difference-note"></span></h2>
      <div class="heat-legend difference-legend" data-role="difference-legend">
        <span>faster <span data-role="legend-min"></span></span>
        <span class="heat-legend-bar" data-role="legend-bar"></span>
        <span>slower <span data-role="legend-max"></span></span>
        <span class="heat-legend-keys"><span class="heat-no-data-swatch"></span> no data in one arm <span class="significant-key">★</span> outlined: significant after adjustment</span>
      </div>
      <div class="difference-body">
        <div class="canvas difference-canvas" data-role="difference-canvas"></div>
        <div class="table-scroll difference-table" data-role="difference-table"></div>
      </div>
    </section>
    <div class="experiment-grid experiment-bottom" data-role="bottom"></div>
  </div>
`;

interface Loaded {
  experiment: ExperimentView;
  analysis: ExperimentAnalysis | undefined;
  events: ExperimentEvent[];
}

/**
 * The experiment dashboard under the insights: the list of experiments with their verdicts, and
 * one experiment's arms, verdict, plan, metrics, guardrails, looks, stages, events and the
 * A-vs-B difference on the candidate's diagram.
 */
export class ExperimentsPage {
  private readonly viewer: NavigatedViewer;
  private readonly status: HTMLElement;
  private versions = new Map<string, ProcessVersion>();
  private experimentId: string | undefined;
  private loaded: Loaded | undefined;
  private shownXmlOf: string | undefined;
  private names = new Map<string, string>();
  private readonly operations: OperationButtons;

  constructor(private readonly element: HTMLElement) {
    element.innerHTML = TEMPLATE;
    this.operations = new OperationButtons(element, byRole(element, 'operation-answer'), () => this.show(this.experimentId));
    this.status = byRole(element, 'status');
    this.viewer = createViewer(byRole(element, 'difference-canvas'));
    addZoomControl(byRole(element, 'difference-canvas'), this.viewer, () => fitDiagram(this.viewer));
    byRole(element, 'legend-bar').style.background = differenceGradient();
    element.querySelector('[data-action="refresh"]')?.addEventListener('click', () => void this.show(this.experimentId));
    byRole(element, 'candidate-select').addEventListener('change', () => {
      this.showCandidate().catch((error: unknown) => showStatus(this.status, 'error', `Could not show the candidate: ${messageOf(error)}`));
    });
  }

  /** The list without an id, else that experiment; fetched afresh each time (the figures move while it runs). */
  async show(experimentId?: string): Promise<void> {
    if (experimentId !== this.experimentId) this.operations.clear();
    this.experimentId = experimentId;
    this.element.dataset.loaded = 'false';
    this.element.dataset.view = experimentId ? 'detail' : 'list';
    byRole(this.element, 'list').hidden = experimentId !== undefined;
    byRole(this.element, 'detail').hidden = experimentId === undefined;
    byRole(this.element, 'all-link').hidden = experimentId === undefined;
    showStatus(this.status, 'info', 'Loading…');
    try {
      this.versions = new Map((await listProcessVersions()).map((version) => [version.id, version]));
      if (experimentId) await this.showExperiment(experimentId);
      else await this.showList();
      this.element.dataset.loaded = 'true';
    } catch (error) {
      showStatus(this.status, 'error', `Could not load the experiments: ${messageOf(error)}`);
    }
  }

  private readonly versionLabel = (processVersionId: string): string => {
    const version = this.versions.get(processVersionId);
    return version ? versionLabel(version) : `version ${processVersionId.slice(0, 8)}`;
  };

  private readonly versionOf = (processVersionId: string): ProcessVersion | undefined => this.versions.get(processVersionId);

  /** An arm as pickers and lists name it: "to-be (Customer service v2)". */
  private armLabel(armId: string): string {
    const arm = this.loaded?.experiment.arms.find((a) => a.id === armId);
    return arm ? `${arm.id} (${this.versionLabel(arm.processVersionId)})` : armId;
  }

  /** The signed-in user's roles: the buttons are for the roles the API lets act. */
  private roles(): string[] {
    return currentSession()?.user.roles ?? [];
  }

  private async showList(): Promise<void> {
    byRole(this.element, 'title').textContent = 'Experiments';
    byRole(this.element, 'subtitle').replaceChildren();
    byRole(this.element, 'candidate-choice').hidden = true;
    const experiments = await listExperiments();
    // One analysis per started experiment: a handful per process key, so the list shows every verdict.
    const verdicts = new Map<string, ListedVerdict>(
      await Promise.all(
        experiments.map(async (experiment): Promise<[string, ListedVerdict]> => {
          if (experiment.state === 'draft') return [experiment.id, { none: 'not started' }];
          try {
            return [experiment.id, { verdict: (await getExperimentAnalysis(experiment.id)).verdict }];
          } catch (error) {
            return [experiment.id, { none: `no analysis: ${messageOf(error)}` }];
          }
        }),
      ),
    );
    const list = byRole(this.element, 'list');
    list.replaceChildren(
      experiments.length === 0
        ? element('p', { class: 'empty' }, 'No experiment yet. Create one through the API (POST /api/experiments) to run a redesign beside the current process.')
        : element(
            'div',
            { class: 'table-scroll' },
            experimentListTable(experiments, (id) => verdicts.get(id)!, this.versionLabel, this.versionOf),
          ),
    );
    showStatus(this.status, 'info', `${experiments.length} experiment${experiments.length === 1 ? '' : 's'}, newest first.`);
  }

  private async showExperiment(id: string): Promise<void> {
    // A draft has no analysis (409), and a failed analysis should not hide the arms and the events.
    let failure: unknown;
    const [experiment, events, analyzed] = await Promise.all([
      getExperiment(id),
      getExperimentEvents(id),
      getExperimentAnalysis(id).catch((error: unknown): undefined => {
        failure = error;
        return undefined;
      }),
    ]);
    this.loaded = { experiment, analysis: analyzed, events };
    const title = byRole(this.element, 'title');
    title.textContent = experimentName(experiment, this.versionOf);
    // The id stays at hand (API calls, support) without being the title.
    title.title = `experiment ${experiment.id}`;
    byRole(this.element, 'subtitle').replaceChildren(
      stateBadge(experiment.state),
      experiment.startedAt ? ` started ${experiment.startedAt.slice(0, 10)}` : ' not started',
      element('span', { 'data-role': 'simulated-slot' }),
    );
    // The arms' versions hold simulated cases only in a demo database; the badge says the verdict rests on them.
    getSimulatedCases(experiment.arms.map((arm) => arm.processVersionId))
      .then((count) => showSimulated(byRole(this.element, 'simulated-slot'), count))
      .catch(() => undefined);
    const candidates = analyzed?.candidates ?? [];
    const select = byRole<HTMLSelectElement>(this.element, 'candidate-select');
    select.replaceChildren(...candidates.map((candidate) => element('option', { value: candidate.armId }, this.armLabel(candidate.armId))));
    byRole(this.element, 'candidate-choice').hidden = candidates.length < 2;
    await this.showCandidate();
    if (analyzed) showStatus(this.status, 'info', `Analysis of ${analyzed.at.replace('T', ' ').slice(0, 19)} UTC.`);
    else if (experiment.state === 'draft') showStatus(this.status, 'info', 'A draft routes no cases: the analysis starts with its first case once it is started.');
    else showStatus(this.status, 'error', `No analysis for this experiment: ${messageOf(failure)}`);
  }

  /** Everything that depends on the chosen candidate (the only one, usually) is drawn here. */
  private async showCandidate(): Promise<void> {
    if (!this.loaded) return;
    const { experiment, analysis, events } = this.loaded;
    const chosen = byRole<HTMLSelectElement>(this.element, 'candidate-select').value;
    const candidate = analysis?.candidates.find((c) => c.armId === chosen) ?? analysis?.candidates[0];
    const top = byRole(this.element, 'top');
    const results = byRole(this.element, 'results');
    const bottom = byRole(this.element, 'bottom');
    const arms =
      analysis?.arms ??
      experiment.arms.map((arm) => ({
        armId: arm.id,
        role: arm.role,
        processVersionId: arm.processVersionId,
        weight: arm.weight,
        paused: arm.paused === true,
        assigned: arm.assigned ?? 0,
        running: arm.running ?? 0,
        finished: arm.finished ?? 0,
      }));
    const roles = this.roles();
    const buttons = experimentOperations(experiment.state, roles).map((operation) => this.operations.button(experiment, operation));
    const armButtons = (armId: string) => {
      const arm = experiment.arms.find((a) => a.id === armId);
      return arm ? armOperations(experiment.state, arm, roles).map((operation) => this.operations.button(experiment, operation, armId)) : [];
    };
    top.replaceChildren(
      ...(buttons.length > 0
        ? [
            element(
              'section',
              { class: 'experiment-panel experiment-operations', 'data-role': 'operations', 'aria-label': 'Act on the experiment' },
              element('h2', {}, 'Act'),
              element('div', { class: 'operation-row' }, ...buttons),
            ),
          ]
        : []),
      ...(analysis
        ? [
            verdictPanel(analysis, this.downloadButtons(experiment.id), (armId) => this.armLabel(armId)),
            planPanel(analysis.plan, candidate?.looks ?? [], candidate?.verdict.sequential.crossed?.look ?? null),
          ]
        : []),
      armsPanel(arms, this.versionLabel, experiment.winnerArmId, armButtons),
    );
    results.replaceChildren(...(candidate ? [metricsPanel(candidate)] : []));
    bottom.replaceChildren(
      ...(candidate
        ? [
            guardrailPanel(candidate.guardrails),
            leadTimePanel(candidate.leadTime),
            looksPanel(candidate, {
              primaryMetric: experiment.primaryMetric,
              startedAtMs: experiment.startedAt ? Date.parse(experiment.startedAt) : undefined,
              untilMs: Date.parse(experiment.stoppedAt ?? analysis!.at),
            }),
          ]
        : []),
      ...(analysis
        ? [
            stagePanel(
              analysis.stages,
              analysis.arms.map((arm) => arm.armId),
            ),
          ]
        : []),
      eventLogPanel(events),
    );
    byRole(this.element, 'difference').hidden = candidate === undefined;
    if (candidate) await this.showDifference(experiment, candidate);
  }

  private async showDifference(experiment: ExperimentView, candidate: CandidateAnalysis): Promise<void> {
    const candidateVersionId = experiment.arms.find((arm) => arm.id === candidate.armId)?.processVersionId;
    const baselineVersionId = experiment.arms.find((arm) => arm.role === 'baseline')?.processVersionId;
    if (!candidateVersionId) return;
    if (this.shownXmlOf !== candidateVersionId) {
      const versions = await Promise.all([candidateVersionId, baselineVersionId].filter((id): id is string => id !== undefined).map(getProcessVersion));
      // Baseline names first, so the candidate's own names win for the steps both have.
      this.names = new Map(versions.reverse().flatMap((version) => [...elementNames(version.xml)]));
      await this.viewer.importXML(versions[versions.length - 1].xml);
      this.shownXmlOf = candidateVersionId;
    }
    const { maxAbsMs, offDiagram } = showDifferenceHeatmap(this.viewer, candidate.activities);
    fitDiagram(this.viewer);
    const legend = byRole(this.element, 'difference-legend');
    legend.dataset.maxAbs = String(maxAbsMs);
    byRole(this.element, 'legend-min').textContent = `−${formatDurationMs(maxAbsMs)}`;
    byRole(this.element, 'legend-max').textContent = `+${formatDurationMs(maxAbsMs)}`;
    const significant = candidate.activities.filter((activity) => activity.significant).length;
    byRole(this.element, 'difference-note').textContent =
      `on ${this.versionLabel(candidateVersionId)}; ${significant} of ${candidate.activities.length} activities differ significantly${
        offDiagram.length > 0 ? `; ${offDiagram.length} only in the baseline (listed)` : ''
      }`;
    const onDiagram = new Set(candidate.activities.map((activity) => activity.elementId).filter((id) => !offDiagram.some((off) => off.elementId === id)));
    const table = activityDifferenceTable(
      candidate.activities,
      (id) => this.names.get(id) ?? id,
      (id) => onDiagram.has(id),
    );
    table.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-element]');
      if (row && onDiagram.has(row.dataset.element!)) revealElement(this.viewer, row.dataset.element!);
    });
    byRole(this.element, 'difference-table').replaceChildren(table);
  }

  private downloadButtons(id: string): HTMLElement {
    const button = (format: VerdictFormat) => {
      const node = element('button', { type: 'button', 'data-download': format }, `Download report (${format.toUpperCase()})`);
      node.addEventListener('click', () => void this.download(id, format));
      return node;
    };
    return element('div', { class: 'verdict-downloads' }, button('json'), button('csv'));
  }

  private async download(id: string, format: VerdictFormat): Promise<void> {
    try {
      const report = await fetchVerdictReport(id, format);
      downloadFile(report.text, report.type, report.fileName);
    } catch (error) {
      showStatus(this.status, 'error', `Could not download the report: ${messageOf(error)}`);
    }
  }
}
