import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type { ActivityRow, Summary, TimeClass } from '../api/analytics-api.js';
import { showValueClasses } from '../modeler/value-class/value-class-markers.js';
import { DESIGNED_WAIT_STOPS, EXTERNAL_SYSTEM_STOPS, heatColor, NO_DATA_COLOR } from './heat-scale.js';
import { formatReportDuration } from '../format/units.js';

/** The desk's measures the diagram can be colored by (DESIGN.md section 5: waiting always means the desk's). */
export const HEAT_MEASURES = ['waiting', 'queue', 'claimedIdle', 'processing'] as const;
export type HeatMeasure = (typeof HEAT_MEASURES)[number];
export type HeatStatistic = 'mean' | 'p90';

export const MEASURE_LABELS: Record<HeatMeasure, string> = {
  waiting: "Waiting (the desk's)",
  queue: "Queue (the desk's)",
  claimedIdle: "Claimed-idle (the desk's)",
  processing: "Processing (the desk's)",
};

/** The bands of time that are not the desk's: each colored on a scale of its own, whatever desk measure is chosen. */
export type ApartClass = Exclude<TimeClass, 'desk'>;

export const APART_LABELS: Record<ApartClass, string> = {
  designedWait: 'Designed wait',
  externalSystem: 'External system',
};

const APART_STOPS: Record<ApartClass, readonly string[]> = { designedWait: DESIGNED_WAIT_STOPS, externalSystem: EXTERNAL_SYSTEM_STOPS };

const OVERLAY_TYPE = 'tandem-heat';

/** The shapes a heatmap colors: tasks, sub-processes and call activities (not their labels). */
export const isActivityShape = (element: { id: string; type?: unknown }): boolean =>
  typeof element.type === 'string' && element.type !== 'label' && /Task$|^bpmn:(SubProcess|CallActivity)$/.test(element.type);

/** Waiting events and gateways: shapes that carry a designed wait (a timer, a wait for the customer). */
export const isWaitShape = (element: { id: string; type?: unknown }): boolean =>
  typeof element.type === 'string' && /^bpmn:(IntermediateCatchEvent|EventBasedGateway|IntermediateThrowEvent|EndEvent)$/.test(element.type);

/** The band a row is colored in: its own measure for time that is not the desk's, else the chosen desk measure. */
export const bandOf = (row: ActivityRow | undefined): TimeClass => (row?.timeClass === 'designedWait' || row?.timeClass === 'externalSystem' ? row.timeClass : 'desk');

/** What the shape of an activity says on hover: its sample and the figures of the chosen measure (or of its own band). */
export const heatTitle = (row: ActivityRow, measure: HeatMeasure): string => {
  const band = bandOf(row);
  const summary: Summary = band === 'desk' ? row[measure] : row[band];
  const label = band === 'desk' ? MEASURE_LABELS[measure] : `${APART_LABELS[band]} (not the desk's, on its own scale)`;
  return [
    `${row.name ?? row.elementId}${row.valueClass ? ` (${row.valueClass})` : ''}`,
    `${label}: n ${summary.n}, mean ${formatReportDuration(summary.mean)}, median ${formatReportDuration(summary.median)}, p90 ${formatReportDuration(summary.p90)}`,
    `Ended activity instances: ${row.count}`,
  ].join('\n');
};

/** The value a shape is colored by, in seconds, or null without data: the chosen desk measure, or its own band's figure. */
export const heatValue = (row: ActivityRow | undefined, measure: HeatMeasure, statistic: HeatStatistic): number | null => {
  if (!row) return null;
  const band = bandOf(row);
  const summary = band === 'desk' ? row[measure] : row[band];
  return summary.n > 0 ? summary[statistic] : null;
};

const label = (elementId: string, width: number, row: ActivityRow | undefined, value: number | null, measure: HeatMeasure): HTMLElement => {
  const node = document.createElement('span');
  node.className = 'tandem-heat-label';
  node.dataset.heatElement = elementId;
  node.dataset.hasData = String(value !== null);
  const band = bandOf(row);
  node.dataset.band = band;
  node.style.width = `${width}px`;
  if (row && value !== null) {
    const n = band === 'desk' ? row[measure].n : row[band].n;
    node.textContent = `${band === 'desk' ? '' : `${APART_LABELS[band].toLowerCase()} `}${formatReportDuration(value)} · n ${n}`;
    node.title = heatTitle(row, measure);
  } else {
    node.textContent = 'no data';
    node.title = 'No ended activity instance in the chosen range and segment';
  }
  return node;
};

/** The top of each scale, seconds: the desk's measure and the two bands apart. */
export type HeatScales = Record<TimeClass, number>;

/**
 * Colors every activity of the diagram by the chosen figure of the desk's time (pale: little,
 * deep: much; grey: no data), and every designed wait (timer, wait for the customer) and external
 * task in a band of its own (blue, violet) on a scale of its own, so a three-day timer neither
 * stretches the desk's scale nor hides. The value and sample go under each shape and the figures
 * on hover. The value-class badges and outlines of the modeler stay, so NVA steps remain marked.
 * Answers the top of each scale, seconds.
 */
export const showHeatmap = (viewer: NavigatedViewer, rows: readonly ActivityRow[], measure: HeatMeasure, statistic: HeatStatistic): HeatScales => {
  showValueClasses(viewer);
  const byElement = new Map(rows.map((row) => [row.elementId, row]));
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  const overlays = viewer.get<Overlays>('overlays');
  overlays.remove({ type: OVERLAY_TYPE });
  // Activities always; a waiting event or gateway when it has figures of a band apart.
  const shapes = registry.filter((element) => isActivityShape(element) || (isWaitShape(element) && bandOf(byElement.get(element.id)) !== 'desk'));
  const values = shapes.map((element) => heatValue(byElement.get(element.id), measure, statistic));
  const scales: HeatScales = { desk: 0, designedWait: 0, externalSystem: 0 };
  shapes.forEach((element, index) => {
    const band = bandOf(byElement.get(element.id));
    scales[band] = Math.max(scales[band], values[index] ?? 0);
  });
  shapes.forEach((element, index) => {
    const value = values[index];
    const row = byElement.get(element.id);
    const band = bandOf(row);
    const gfx = registry.getGraphics(element);
    const shape = gfx.querySelector<SVGElement>('.djs-visual > :first-child');
    const color = value === null ? NO_DATA_COLOR : band === 'desk' ? heatColor(value, scales.desk) : heatColor(value, scales[band], APART_STOPS[band]);
    // Inline and important: above the value-class tint, which the stylesheet sets with !important.
    shape?.style.setProperty('fill', color, 'important');
    gfx.dataset.heat = value === null ? 'none' : String(value);
    gfx.dataset.heatBand = band;
    gfx.querySelector(':scope > title')?.remove();
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = row && value !== null ? heatTitle(row, measure) : `${element.id}: no data`;
    gfx.prepend(title);
    const width = (element as { width?: number }).width ?? 100;
    // Events and gateways are small and carry their name below: their figure goes above, centred, with room of its own.
    const activity = isActivityShape(element);
    const labelWidth = activity ? width : Math.max(width, 120);
    const position = activity ? { bottom: -4, left: 0 } : { top: -14, left: (width - labelWidth) / 2 };
    overlays.add(element.id, OVERLAY_TYPE, { position, html: label(element.id, labelWidth, row, value, measure) });
  });
  return scales;
};
