import type { StageBreakdown } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable, panel } from './data-table.js';
import { formatDurationMs } from '../../format/units.js';
import { stageLabel } from './experiment-format.js';

/** A stage's mean waiting and working time per ended case of one arm, as text and as a bar scaled to the largest total. */
const stageCell = (figure: StageBreakdown['arms'][number], maxTotal: number): HTMLElement => {
  const waiting = figure.meanWaitingMs ?? 0;
  const processing = figure.meanProcessingMs ?? 0;
  const width = (ms: number) => `width: ${maxTotal > 0 ? (100 * ms) / maxTotal : 0}%`;
  return element(
    'div',
    { class: 'stage-cell', 'data-arm': figure.armId },
    element(
      'span',
      { class: 'stage-bar', 'aria-hidden': 'true' },
      element('span', { class: 'stage-waiting', style: width(waiting) }),
      element('span', { class: 'stage-processing', style: width(processing) }),
    ),
    element(
      'span',
      { class: 'stage-figures', 'data-role': 'stage-figures' },
      figure.meanWaitingMs === null ? 'no ended case' : `waiting ${formatDurationMs(figure.meanWaitingMs)} · working ${formatDurationMs(figure.meanProcessingMs)}`,
    ),
  );
};

/** Inquiry, diagnosis, solution and follow-up per arm: where each arm's time goes (means per ended case). */
export const stagePanel = (stages: readonly StageBreakdown[], armIds: readonly string[]): HTMLElement => {
  const maxTotal = Math.max(0, ...stages.flatMap((stage) => stage.arms.map((arm) => (arm.meanWaitingMs ?? 0) + (arm.meanProcessingMs ?? 0))));
  return panel(
    'stages',
    'Stage breakdown',
    element(
      'div',
      { class: 'table-scroll' },
      dataTable(
        'stage-table',
        ['Stage', ...armIds.map((armId) => `${armId} (mean per ended case)`)],
        stages.map((stage) => ({
          attributes: { 'data-stage': stage.stage },
          cells: [
            stageLabel(stage.stage),
            ...armIds.map((armId) => {
              const figure = stage.arms.find((arm) => arm.armId === armId);
              return figure ? stageCell(figure, maxTotal) : '–';
            }),
          ],
        })),
      ),
    ),
    element(
      'p',
      { class: 'stage-legend' },
      element('span', { class: 'stage-key stage-waiting' }),
      " waiting (the desk's) ",
      element('span', { class: 'stage-key stage-processing' }),
      " working (the desk's); designed waits and external-system time are not counted in a stage's time",
    ),
  );
};
