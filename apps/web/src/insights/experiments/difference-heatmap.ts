import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type { ActivityDifference } from '../../api/experiments-types.js';
import { NO_DATA_COLOR } from '../heat-scale.js';
import { isActivityShape } from '../heatmap.js';
import { differenceColor } from './difference-scale.js';
import { formatDurationMs, formatSignedDurationMs } from '../../format/units.js';
import { activityDifferenceLabel, formatP } from './experiment-format.js';

const OVERLAY_TYPE = 'tandem-difference';
/** The outline of a significant difference: dark and thick, so it shows without telling colors apart. */
const SIGNIFICANT_STROKE = '#1f2933';

/** What an activity's shape says on hover: both medians with their samples, the difference and its adjusted p. */
export const differenceTitle = (name: string, activity: ActivityDifference): string =>
  [
    name,
    `baseline median ${formatDurationMs(activity.baseline.medianMs)} (n ${activity.baseline.n}) · candidate median ${formatDurationMs(activity.candidate.medianMs)} (n ${activity.candidate.n})`,
    `difference ${formatSignedDurationMs(activity.differenceMs)} · p ${formatP(activity.pValue)} · adjusted p ${formatP(activity.adjustedP)}${activity.significant ? ' · significant ★' : ''}`,
  ].join('\n');

export interface DifferenceHeatmap {
  /** the largest |difference| on the diagram, ms: the ends of the legend */
  maxAbsMs: number;
  /** activities of the analysis that are not on the shown diagram (only in the baseline) */
  offDiagram: ActivityDifference[];
}

/**
 * Colors every activity of the candidate's diagram by candidate - baseline median time (blue
 * faster, red slower, grey without data in one arm), writes the difference under it and outlines
 * the significant ones with a ★ in their label.
 */
export const showDifferenceHeatmap = (viewer: NavigatedViewer, activities: readonly ActivityDifference[]): DifferenceHeatmap => {
  const byElement = new Map(activities.map((activity) => [activity.elementId, activity]));
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  const overlays = viewer.get<Overlays>('overlays');
  overlays.remove({ type: OVERLAY_TYPE });
  const shapes = registry.filter(isActivityShape);
  const onDiagram = new Set(shapes.map((shape) => shape.id));
  const maxAbsMs = Math.max(0, ...shapes.map((shape) => Math.abs(byElement.get(shape.id)?.differenceMs ?? 0)));
  for (const shape of shapes) {
    const activity = byElement.get(shape.id);
    const difference = activity?.differenceMs ?? null;
    const significant = activity?.significant === true;
    const gfx = registry.getGraphics(shape);
    const visual = gfx.querySelector<SVGElement>('.djs-visual > :first-child');
    visual?.style.setProperty('fill', difference === null ? NO_DATA_COLOR : differenceColor(difference, maxAbsMs), 'important');
    if (significant) {
      visual?.style.setProperty('stroke', SIGNIFICANT_STROKE, 'important');
      visual?.style.setProperty('stroke-width', '4px', 'important');
    }
    gfx.dataset.difference = difference === null ? 'none' : String(difference);
    gfx.dataset.significant = String(significant);
    const name = (shape.businessObject as { name?: string } | undefined)?.name ?? shape.id;
    const text = activity ? differenceTitle(name, activity) : `${name}: no case of either arm reached it`;
    gfx.querySelector(':scope > title')?.remove();
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = text;
    gfx.prepend(title);
    const label = document.createElement('span');
    label.className = 'tandem-difference-label';
    label.dataset.differenceElement = shape.id;
    label.dataset.significant = String(significant);
    label.style.width = `${(shape as { width?: number }).width ?? 100}px`;
    label.textContent = activity ? activityDifferenceLabel(activity) : 'no data';
    label.title = text;
    overlays.add(shape.id, OVERLAY_TYPE, { position: { bottom: -4, left: 0 }, html: label });
  }
  return { maxAbsMs, offDiagram: activities.filter((activity) => !onDiagram.has(activity.elementId)) };
};
