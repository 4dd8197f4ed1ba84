import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import {
  getActivities,
  getKpis,
  getKpiTargets,
  getRework,
  getValueAdded,
  putKpiTargets,
  reportPath,
  type ActivityReport,
  type AnalyticsFilter,
  type KpiTarget,
  type KpiTargets,
} from '../api/analytics-api.js';
import { getProcessVersion, listProcessVersions, type ProcessVersion } from '../api/process-versions-api.js';
import { TaskEventStream, type CaseEventView } from '../api/task-events-api.js';
import { revealElement } from '../modeler/diagram-insight.js';
import { createViewer } from '../modeler/diagram/create-diagrams.js';
import { fitDiagram } from '../modeler/diagram/fit-diagram.js';
import { addZoomControl } from '../modeler/diagram/zoom-control.js';
import { byRole } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showSimulated } from '../ui/simulated-badge.js';
import { showStatus } from '../ui/status-line.js';
import { renderActivityTable } from './activity-table.js';
import { busiestVersion, insightsHash, readInsightsState, type InsightsState } from './insights-state.js';
import { downloadCsv } from './csv-download.js';
import { DESIGNED_WAIT_STOPS, EXTERNAL_SYSTEM_STOPS, legendGradient } from './heat-scale.js';
import { HEAT_MEASURES, MEASURE_LABELS, showHeatmap, type HeatMeasure, type HeatStatistic } from './heatmap.js';
import { kpiFigures, renderKpiTiles, type KpiFigure } from './kpi-tiles.js';
import { readTargetsForm, renderTargetsForm } from './targets-editor.js';
import { versionLabel } from '../versions/version-label.js';
import './insights.css';
import { formatReportDuration } from '../format/units.js';

const TEMPLATE = `
  <form class="toolbar insights-filter" data-role="filter">
    <label>Process <select data-role="process-select" aria-label="Process"></select></label>
    <label>Version <select data-role="version-select" aria-label="Version"></select></label>
    <label>Colour by <select data-role="measure-select" aria-label="Measure">
      ${HEAT_MEASURES.map((measure) => `<option value="${measure}">${MEASURE_LABELS[measure]}</option>`).join('')}
    </select></label>
    <select data-role="statistic-select" aria-label="Statistic"><option value="mean">mean</option><option value="p90">p90</option></select>
    <label>From <input type="date" data-role="from" aria-label="From (inclusive)" /></label>
    <label>To <input type="date" data-role="to" aria-label="To (inclusive)" /></label>
    <label>Segment <input type="text" data-role="segment-variable" placeholder="variable, e.g. channel" size="18" aria-label="Segment variable" /></label>
    <input type="text" data-role="segment-value" placeholder="value" size="8" aria-label="Segment value" />
    <button type="submit" class="primary" data-action="apply">Apply</button>
    <a class="button insights-experiments-link" href="#/insights/experiments" data-role="experiments-link">Experiments (A/B)</a>
    <a class="button insights-prediction-link" href="#/insights/predict" data-role="prediction-link">Predict a redesign</a>
  </form>
  <div class="status" data-role="status" role="status" hidden></div>
  <div data-role="simulated-slot"></div>
  <div class="insights-body">
    <div class="insights-top">
      <section class="heatmap-panel" aria-label="Heatmap">
        <div class="heat-legend" data-role="legend" aria-label="Legend">
          <span class="heat-legend-title" data-role="legend-title"></span>
          <span data-role="legend-min">0 s</span>
          <span class="heat-legend-bar" data-role="legend-bar"></span>
          <span data-role="legend-max"></span>
          <span class="heat-legend-keys"><span class="heat-no-data-swatch"></span> no data <span class="tandem-value-badge tandem-value-nva">NVA</span> non-value-added step · hover a step for n, mean, median, p90</span>
        </div>
        <div class="heat-legend heat-legend-apart" data-role="legend-apart" aria-label="Legend of the time that is not the desk's">
          <span class="heat-legend-title">Not the desk's, each on its own scale:</span>
          <span class="heat-legend-band" data-band="designedWait" data-role="legend-designed">
            designed wait <span data-role="legend-designed-min">0 s</span>
            <span class="heat-legend-bar heat-legend-bar-short" data-role="legend-designed-bar"></span>
            <span data-role="legend-designed-max"></span>
          </span>
          <span class="heat-legend-band" data-band="externalSystem" data-role="legend-external">
            external system <span data-role="legend-external-min">0 s</span>
            <span class="heat-legend-bar heat-legend-bar-short" data-role="legend-external-bar"></span>
            <span data-role="legend-external-max"></span>
          </span>
        </div>
        <div class="canvas" data-role="heatmap-canvas"></div>
      </section>
      <section class="activity-panel" aria-label="Activities">
        <div class="panel-head">
          <h2>Where the time goes <span class="panel-note" data-role="activity-sample"></span></h2>
          <button type="button" data-csv="activities">CSV</button>
          <button type="button" data-csv="bottlenecks">Bottlenecks CSV</button>
        </div>
        <p class="panel-definition" data-role="waiting-definition"></p>
        <div class="table-scroll"><table class="activity-table" data-role="activity-table"></table></div>
      </section>
    </div>
    <section class="kpi-panel" aria-label="Key figures">
      <div class="panel-head">
        <h2>Key figures <span class="panel-note" data-role="targets-source"></span></h2>
        <button type="button" data-action="edit-targets" aria-expanded="false">Edit baselines and targets</button>
        <button type="button" data-csv="kpis">KPIs CSV</button>
      </div>
      <form class="targets-form" data-role="targets-form" hidden></form>
      <div class="kpi-tiles" data-role="kpi-tiles"></div>
    </section>
  </div>
`;

const DAY_MS = 86_400_000;

/** The day after a yyyy-mm-dd date: the API's `to` is exclusive, the page's inclusive. */
const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * The analysts' page: a deployed version's diagram coloured by where the time goes, the activity
 * table beside it, and the KPI tiles against their baseline and target; one filter for all.
 */
/** The least time between two reads of the figures that cases starting or ending cause. */
const RECOUNT_GAP_MS = 2_000;

export class InsightsPage {
  private readonly viewer: NavigatedViewer;
  private readonly status: HTMLElement;
  private versions: ProcessVersion[] = [];
  private activities: ActivityReport | undefined;
  private shownXmlOf: string | undefined;
  private filter: AnalyticsFilter | undefined;
  private figures: KpiFigure[] = [];
  private targets: KpiTargets | undefined;
  /** The figures read again after cases of the shown version started or ended (at most one read at a time). */
  private recount: { running: boolean; again: boolean } = { running: false, again: false };
  /** Running counts follow the engine: each case that starts or ends on the shown version reads the figures again. Opened on the first load. */
  private caseEvents: TaskEventStream | undefined;

  constructor(private readonly element: HTMLElement) {
    element.innerHTML = TEMPLATE;
    this.status = byRole(element, 'status');
    this.viewer = createViewer(byRole(element, 'heatmap-canvas'));
    addZoomControl(byRole(element, 'heatmap-canvas'), this.viewer, () => fitDiagram(this.viewer));
    byRole(element, 'legend-bar').style.background = legendGradient();
    byRole(element, 'legend-designed-bar').style.background = legendGradient(DESIGNED_WAIT_STOPS);
    byRole(element, 'legend-external-bar').style.background = legendGradient(EXTERNAL_SYSTEM_STOPS);
    byRole<HTMLFormElement>(element, 'filter').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    byRole(element, 'process-select').addEventListener('change', () => void this.chooseVersionAndLoad());
    byRole(element, 'version-select').addEventListener('change', () => void this.load());
    for (const role of ['measure-select', 'statistic-select']) {
      byRole(element, role).addEventListener('change', () => {
        this.paint();
        this.writeState();
      });
    }
    const targetsForm = byRole<HTMLFormElement>(element, 'targets-form');
    element.querySelector('[data-action="edit-targets"]')?.addEventListener('click', (event) => {
      targetsForm.hidden = !targetsForm.hidden;
      (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!targetsForm.hidden));
      if (!targetsForm.hidden && this.targets) renderTargetsForm(targetsForm, this.figures, this.targets.targets);
    });
    targetsForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.saveTargets(readTargetsForm(targetsForm));
    });
    for (const button of element.querySelectorAll<HTMLButtonElement>('[data-csv]')) {
      button.addEventListener('click', () => void this.download(button.dataset.csv as 'activities' | 'bottlenecks' | 'kpis'));
    }
  }

  /**
   * Lists the deployed processes again (a deploy may have added one) and shows fresh figures: the
   * view the URL names, else the one on screen, else the process's busiest version in the window.
   */
  async show(): Promise<void> {
    try {
      const state = readInsightsState(location.hash);
      const chosenKey = byRole<HTMLSelectElement>(this.element, 'process-select').value;
      const chosenVersion = byRole<HTMLSelectElement>(this.element, 'version-select').value;
      this.versions = await listProcessVersions();
      const urlVersion = this.versions.find(({ id }) => id === state.version);
      this.fillProcesses(urlVersion?.key ?? state.process ?? chosenKey);
      this.applyState(state);
      if (this.versions.length === 0) {
        showStatus(this.status, 'info', 'No process is deployed yet: deploy one and run cases to see where the time goes.');
        return;
      }
      const key = byRole<HTMLSelectElement>(this.element, 'process-select').value;
      const kept = urlVersion ?? this.versions.find(({ id, key: versionKey }) => id === chosenVersion && versionKey === key && state.process === undefined);
      if (kept) {
        this.fillVersions(kept.id);
        await this.load();
      } else await this.chooseVersionAndLoad();
    } catch (error) {
      showStatus(this.status, 'error', `Could not load the insights: ${messageOf(error)}`);
    }
  }

  /** Opens the chosen process on its version with the most ended cases in the window (the newest when none ended). */
  private async chooseVersionAndLoad(): Promise<void> {
    const key = byRole<HTMLSelectElement>(this.element, 'process-select').value;
    const { from, to, segment } = this.readFilter();
    const versions = this.versions.filter((version) => version.key === key);
    try {
      const counts = await Promise.all(
        versions.map(async ({ id, version }) => ({ id, version, endedCases: (await getKpis({ processVersionId: id, from, to, segment })).sampleSize.cases })),
      );
      this.fillVersions(busiestVersion(counts));
    } catch (error) {
      // Without the counts the newest version is still a view.
      showStatus(this.status, 'error', `Could not count the ended cases per version: ${messageOf(error)}`);
      this.fillVersions();
    }
    await this.load();
  }

  /** Puts the URL's measure, statistic, window and segment into the inputs (the version is chosen apart). */
  private applyState(state: InsightsState): void {
    const set = (role: string, value: string | undefined) => {
      if (value === undefined) return;
      const input = byRole<HTMLInputElement | HTMLSelectElement>(this.element, role);
      if (input instanceof HTMLSelectElement && ![...input.options].some((option) => option.value === value)) return;
      input.value = value;
    };
    set('measure-select', state.measure);
    set('statistic-select', state.statistic);
    set('from', state.from);
    set('to', state.to);
    set('segment-variable', state.segmentVariable);
    set('segment-value', state.segmentValue);
  }

  /** The view on screen, in the URL: replaced, not pushed, so Back leaves the page rather than stepping through filters. */
  private writeState(): void {
    const value = (role: string) => byRole<HTMLInputElement | HTMLSelectElement>(this.element, role).value.trim() || undefined;
    const hash = insightsHash({
      process: value('process-select'),
      version: value('version-select'),
      measure: value('measure-select'),
      statistic: value('statistic-select'),
      from: value('from'),
      to: value('to'),
      segmentVariable: value('segment-variable'),
      segmentValue: value('segment-value'),
    });
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  private fillProcesses(selectedKey: string): void {
    const select = byRole<HTMLSelectElement>(this.element, 'process-select');
    const keys = [...new Set(this.versions.map(({ key }) => key))].sort();
    select.replaceChildren(
      ...keys.map((key) => {
        const option = document.createElement('option');
        // The key alone: each version has its own name, which the version picker shows.
        option.value = key;
        option.textContent = key;
        option.selected = key === selectedKey;
        return option;
      }),
    );
  }

  private fillVersions(selectedId?: string): void {
    const key = byRole<HTMLSelectElement>(this.element, 'process-select').value;
    const select = byRole<HTMLSelectElement>(this.element, 'version-select');
    const versions = this.versions.filter((version) => version.key === key).sort((a, b) => b.version - a.version);
    select.replaceChildren(
      ...versions.map((version) => {
        const option = document.createElement('option');
        option.value = version.id;
        option.textContent = versionLabel(version);
        if (version.name) option.title = version.name;
        option.selected = version.id === selectedId;
        return option;
      }),
    );
  }

  /** The filter as the inputs give it; a segment needs both its variable and its value. */
  private readFilter(): AnalyticsFilter {
    const value = (role: string) => byRole<HTMLInputElement | HTMLSelectElement>(this.element, role).value.trim();
    const [variable, segmentValue, from, to] = [value('segment-variable'), value('segment-value'), value('from'), value('to')];
    return {
      processVersionId: value('version-select'),
      ...(from && { from }),
      ...(to && { to: dayAfter(to) }),
      ...(variable && segmentValue && { segment: { variable, value: segmentValue } }),
    };
  }

  private async load(): Promise<void> {
    const filter = this.readFilter();
    if (!filter.processVersionId) return;
    if (this.caseEvents === undefined) {
      this.caseEvents = new TaskEventStream({ cases: (event) => this.casesChanged(event), resync: () => this.scheduleRecount(), connected: () => undefined }, 'analytics/events');
      this.caseEvents.start();
    }
    const processKey = byRole<HTMLSelectElement>(this.element, 'process-select').value;
    showStatus(this.status, 'info', 'Loading…');
    this.element.dataset.loaded = 'false';
    this.writeState();
    try {
      const [version, activities, kpis, valueAdded, rework, targets] = await Promise.all([
        this.shownXmlOf === filter.processVersionId ? undefined : getProcessVersion(filter.processVersionId),
        getActivities(filter),
        getKpis(filter),
        getValueAdded(filter),
        getRework(filter),
        getKpiTargets(processKey),
      ]);
      if (version) {
        await this.viewer.importXML(version.xml);
        this.shownXmlOf = version.id;
      }
      this.filter = filter;
      this.activities = activities;
      showSimulated(byRole(this.element, 'simulated-slot'), activities.simulatedCases);
      this.paint();
      fitDiagram(this.viewer);
      byRole(this.element, 'activity-sample').textContent = `${activities.sampleSize.activityInstances} activity instances${
        activities.sampleSize.cases === undefined ? '' : ` in ${activities.sampleSize.cases} cases`
      }`;
      byRole(this.element, 'waiting-definition').textContent = [
        activities.definitions.timeClasses,
        activities.definitions.waiting,
        activities.definitions.processing,
        activities.definitions.sketch,
      ]
        .filter(Boolean)
        .join(' ');
      renderActivityTable(byRole(this.element, 'activity-table'), activities.activities, activities.definitions, (elementId) => revealElement(this.viewer, elementId));
      this.figures = kpiFigures({ kpis, valueAdded, rework });
      this.showTargets(targets);
      this.showCounts(kpis, filter);
      this.element.dataset.loaded = 'true';
    } catch (error) {
      showStatus(this.status, 'error', `Could not load the figures: ${messageOf(error)}`);
    }
  }

  private casesChanged({ changes }: CaseEventView): void {
    if (changes.some(({ processVersionId }) => processVersionId === this.filter?.processVersionId)) this.scheduleRecount();
  }

  private scheduleRecount(): void {
    if (this.filter === undefined) return;
    if (this.recount.running) {
      this.recount.again = true;
      return;
    }
    this.recount = { running: true, again: false };
    // A busy desk starts and ends cases all the time: the figures (a query over every case in range) are read at most every RECOUNT_GAP_MS.
    void this.recountFigures()
      .then(() => new Promise((resolve) => setTimeout(resolve, RECOUNT_GAP_MS)))
      .finally(() => {
        const { again } = this.recount;
        this.recount = { running: false, again: false };
        if (again) this.scheduleRecount();
      });
  }

  /** The case figures and the running count again, for the filter shown (the diagram and its heat stay). */
  private async recountFigures(): Promise<void> {
    const filter = this.filter;
    if (filter === undefined) return;
    try {
      const [kpis, valueAdded, rework] = await Promise.all([getKpis(filter), getValueAdded(filter), getRework(filter)]);
      if (this.filter !== filter) return;
      this.figures = kpiFigures({ kpis, valueAdded, rework });
      if (this.targets) renderKpiTiles(byRole(this.element, 'kpi-tiles'), this.figures, this.targets.targets);
      this.showCounts(kpis, filter);
    } catch {
      // The next change, or Apply, reads them again.
    }
  }

  private showCounts(kpis: { sampleSize: { cases: number; running: number } }, filter: AnalyticsFilter): void {
    const segment = filter.segment ? `, ${filter.segment.variable} = ${filter.segment.value}` : '';
    showStatus(this.status, 'info', `${kpis.sampleSize.cases} ended cases, ${kpis.sampleSize.running} running${segment}.`);
  }

  private showTargets(targets: KpiTargets): void {
    this.targets = targets;
    renderKpiTiles(byRole(this.element, 'kpi-tiles'), this.figures, targets.targets);
    byRole(this.element, 'targets-source').textContent =
      targets.source === 'stored' ? `baselines and targets stored for ${targets.processKey}` : 'baselines and targets: the documented defaults (none stored yet)';
  }

  private async saveTargets(targets: Record<string, KpiTarget>): Promise<void> {
    const processKey = byRole<HTMLSelectElement>(this.element, 'process-select').value;
    try {
      this.showTargets(await putKpiTargets(processKey, targets));
      byRole(this.element, 'targets-form').hidden = true;
      showStatus(this.status, 'success', `Baselines and targets saved for ${processKey}.`);
    } catch (error) {
      showStatus(this.status, 'error', `Could not save the baselines and targets: ${messageOf(error)}`);
    }
  }

  /** Colours the diagram by the chosen measure and statistic, and labels the legend in minutes. */
  private paint(): void {
    if (!this.activities) return;
    const measure = byRole<HTMLSelectElement>(this.element, 'measure-select').value as HeatMeasure;
    const statistic = byRole<HTMLSelectElement>(this.element, 'statistic-select').value as HeatStatistic;
    const scales = showHeatmap(this.viewer, this.activities.activities, measure, statistic);
    const legend = byRole(this.element, 'legend');
    legend.title = this.activities.definitions[measure] ?? '';
    legend.dataset.max = String(scales.desk);
    byRole(this.element, 'legend-title').textContent = `${MEASURE_LABELS[measure]}, ${statistic} per activity`;
    byRole(this.element, 'legend-max').textContent = formatReportDuration(scales.desk);
    // The bands apart: their own tops, and hidden when the diagram has none of them.
    const apart = byRole(this.element, 'legend-apart');
    apart.title = [this.activities.definitions.designedWait, this.activities.definitions.externalSystem].filter(Boolean).join(' ');
    for (const [band, role] of [
      ['designedWait', 'legend-designed'],
      ['externalSystem', 'legend-external'],
    ] as const) {
      const key = byRole(this.element, role);
      key.hidden = scales[band] === 0;
      key.dataset.max = String(scales[band]);
      byRole(this.element, `${role}-max`).textContent = formatReportDuration(scales[band]);
    }
    apart.hidden = scales.designedWait === 0 && scales.externalSystem === 0;
  }

  private async download(report: 'activities' | 'bottlenecks' | 'kpis'): Promise<void> {
    if (!this.filter) return;
    try {
      await downloadCsv(reportPath(report, this.filter), `${report}.csv`);
    } catch (error) {
      showStatus(this.status, 'error', `Could not download the CSV: ${messageOf(error)}`);
    }
  }
}
