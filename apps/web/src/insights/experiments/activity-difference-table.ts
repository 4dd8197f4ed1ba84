import type { ActivityDifference } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable } from './data-table.js';
import { formatDurationMs } from '../../format/units.js';
import { activityDifferenceLabel, formatP } from './experiment-format.js';

/** Significant ones first, then by size of the difference: the table beside the heatmap reads as a ranking. */
const ranked = (activities: readonly ActivityDifference[]): ActivityDifference[] =>
  [...activities].sort((a, b) => Number(b.significant) - Number(a.significant) || Math.abs(b.differenceMs ?? -1) - Math.abs(a.differenceMs ?? -1));

/** Every compared activity with both medians, the difference and its adjusted p; those not on the candidate's diagram say so. */
export const activityDifferenceTable = (
  activities: readonly ActivityDifference[],
  nameOf: (elementId: string) => string,
  onDiagram: (elementId: string) => boolean,
): HTMLTableElement =>
  dataTable(
    'activity-difference-table',
    ['Activity', 'Baseline median', 'Candidate median', 'Difference', 'Adjusted p'],
    ranked(activities).map((activity) => ({
      attributes: { 'data-element': activity.elementId, 'data-significant': String(activity.significant) },
      cells: [
        element('span', {}, nameOf(activity.elementId), onDiagram(activity.elementId) ? '' : element('span', { class: 'off-diagram' }, ' (baseline only)')),
        `${formatDurationMs(activity.baseline.medianMs)} (n ${activity.baseline.n})`,
        `${formatDurationMs(activity.candidate.medianMs)} (n ${activity.candidate.n})`,
        activityDifferenceLabel(activity),
        formatP(activity.adjustedP),
      ],
    })),
  );
