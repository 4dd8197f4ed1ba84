import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type { ActivityRow, Summary } from '../api/analytics-api.js';
import { showValueClasses } from '../modeler/value-class/value-class-markers.js';
import { formatDuration, heatColour, NO_DATA_COLOUR } from './heat-scale.js';

export const HEAT_MEASURES = ['waiting', 'queue', 'claimedIdle', 'processing'] as const;
export type HeatMeasure = (typeof HEAT_MEASURES)[number];
export type HeatStatistic = 'mean' | 'p90';

export const MEASURE_LABELS: Record<HeatMeasure, string> = {
  waiting: 'Waiting',
  queue: 'Queue',
  claimedIdle: 'Claimed-idle',
  processing: 'Processing',
};

const OVERLAY_TYPE = 'tandem-heat';

/** The shapes a heatmap colours: tasks, sub-processes and call activities (not their labels). */
export const isActivityShape = (element: { id: string; type?: unknown }): boolean =>
  typeof element.type === 'string' && element.type !== 'label' && /Task$|^bpmn:(SubProcess|CallActivity)$/.test(element.type);

/** What the shape of an activity says on hover: its sample and the figures of the chosen measure. */
export const heatTitle = (row: ActivityRow, measure: HeatMeasure): string => {
  const summary: Summary = row[measure];
  return [
    `${row.name ?? row.elementId}${row.valueClass ? ` (${row.valueClass})` : ''}`,
    `${MEASURE_LABELS[measure]}: n ${summary.n}, mean ${formatDuration(summary.mean)}, median ${formatDuration(summary.median)}, p90 ${formatDuration(summary.p90)}`,
    `Ended activity instances: ${row.count}`,
  ].join('\n');
};

/** The value an activity is coloured by, in seconds, or null without data. */
export const heatValue = (row: ActivityRow | undefined, measure: HeatMeasure, statistic: HeatStatistic): number | null =>
  row && row[measure].n > 0 ? row[measure][statistic] : null;

const label = (elementId: string, width: number, row: ActivityRow | undefined, value: number | null, measure: HeatMeasure): HTMLElement => {
  const node = document.createElement('span');
  node.className = 'tandem-heat-label';
  node.dataset.heatElement = elementId;
  node.dataset.hasData = String(value !== null);
  node.style.width = `${width}px`;
  if (row && value !== null) {
    node.textContent = `${formatDuration(value)} · n ${row[measure].n}`;
    node.title = heatTitle(row, measure);
  } else {
    node.textContent = 'no data';
    node.title = 'No ended activity instance in the chosen range and segment';
  }
  return node;
};

/**
 * Colours every activity of the diagram by the chosen figure (pale: little, deep: much; grey: no
 * data), with the value and sample under it and the figures on hover. The value-class badges and
 * outlines of the modeler stay, so NVA steps remain marked. Answers the top of the scale, seconds.
 */
export const showHeatmap = (viewer: NavigatedViewer, rows: readonly ActivityRow[], measure: HeatMeasure, statistic: HeatStatistic): number => {
  showValueClasses(viewer);
  const byElement = new Map(rows.map((row) => [row.elementId, row]));
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  const overlays = viewer.get<Overlays>('overlays');
  overlays.remove({ type: OVERLAY_TYPE });
  const activities = registry.filter(isActivityShape);
  const values = activities.map((element) => heatValue(byElement.get(element.id), measure, statistic));
  const max = Math.max(0, ...values.map((value) => value ?? 0));
  activities.forEach((element, index) => {
    const value = values[index];
    const row = byElement.get(element.id);
    const gfx = registry.getGraphics(element);
    const shape = gfx.querySelector<SVGElement>('.djs-visual > :first-child');
    // Inline and important: above the value-class tint, which the stylesheet sets with !important.
    shape?.style.setProperty('fill', value === null ? NO_DATA_COLOUR : heatColour(value, max), 'important');
    gfx.dataset.heat = value === null ? 'none' : String(value);
    gfx.querySelector(':scope > title')?.remove();
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = row && value !== null ? heatTitle(row, measure) : `${element.id}: no data`;
    gfx.prepend(title);
    overlays.add(element.id, OVERLAY_TYPE, { position: { bottom: -4, left: 0 }, html: label(element.id, (element as { width?: number }).width ?? 100, row, value, measure) });
  });
  return max;
};
