/**
 * A prediction as the page shows it: every figure's mean with its 95 % interval over the
 * replications (a percentile bootstrap, so it stays inside the figure's range), side by side for the baseline and the candidate with their paired difference,
 * the headline figures in words, and per pool the utilisation and queue lengths. All of it is
 * labelled simulated: none of it was recorded.
 */
import { isComparison, type Estimate, type Prediction, type PredictionComparison, type PredictedFigure } from '../../api/simulations-types.js';
import { element } from '../../ui/dom.js';
import {
  comparisonSentence,
  FIGURE_LABELS,
  formatDifferenceEstimate,
  formatEstimate,
  isClearDifference,
  POOL_FIGURE_LABELS,
  POOL_FIGURES,
  PREDICTED_FIGURES,
  SIMULATED_BADGE_TEXT,
} from './prediction-format.js';

/** The figures the summary sentences speak of: what a redesign is meant to move. */
const HEADLINE: readonly PredictedFigure[] = ['waitingShare', 'leadTimeMeanMinutes', 'nvaShare', 'slaAttainment'];

export const simulatedBadge = (): HTMLElement =>
  element(
    'span',
    {
      class: 'simulated-badge',
      'data-role': 'simulated-badge',
      title: 'These figures come from simulation runs of the models with the parameters above, not from cases the engine recorded.',
    },
    SIMULATED_BADGE_TEXT,
  );

const cell = (figure: PredictedFigure, estimate: Estimate, column: string): HTMLTableCellElement =>
  element('td', { class: 'number', 'data-figure': figure, 'data-column': column }, formatEstimate(figure, estimate));

const figuresTable = (answer: Prediction | PredictionComparison, label: (versionId: string) => string): HTMLTableElement => {
  const comparison = isComparison(answer) ? answer : undefined;
  const baseline = comparison ? comparison.baseline : (answer as Prediction);
  const heads = comparison
    ? ['Figure', `Baseline: ${label(comparison.baseline.processVersionId)}`, `Candidate: ${label(comparison.candidate.processVersionId)}`, 'Difference (candidate − baseline)']
    : ['Figure', label(baseline.processVersionId)];
  const rows = PREDICTED_FIGURES.map((figure) =>
    element(
      'tr',
      { 'data-figure': figure },
      element('th', { scope: 'row' }, FIGURE_LABELS[figure]),
      cell(figure, baseline.figures[figure], 'baseline'),
      comparison && cell(figure, comparison.candidate.figures[figure], 'candidate'),
      comparison &&
        element(
          'td',
          { class: `number${isClearDifference(comparison.differences[figure]) ? ' clear-difference' : ''}`, 'data-figure': figure, 'data-column': 'difference' },
          formatDifferenceEstimate(figure, comparison.differences[figure]),
        ),
    ),
  );
  return element(
    'table',
    { class: 'prediction-table prediction-figures', 'data-role': 'figures' },
    element('thead', {}, element('tr', {}, ...heads.map((head) => element('th', { scope: 'col' }, head)))),
    element('tbody', {}, ...rows),
  );
};

const poolsTable = (prediction: Prediction, title: string, role: string): HTMLElement =>
  element(
    'div',
    { class: 'prediction-pools', 'data-role': role },
    element('h3', {}, title),
    element(
      'table',
      { class: 'prediction-table' },
      element(
        'thead',
        {},
        element('tr', {}, ...['Pool', 'Agents', ...POOL_FIGURES.map((figure) => POOL_FIGURE_LABELS[figure])].map((head) => element('th', { scope: 'col' }, head))),
      ),
      element(
        'tbody',
        {},
        ...prediction.pools.map((pool) =>
          element(
            'tr',
            { 'data-pool': pool.poolId },
            element('th', { scope: 'row' }, pool.poolId),
            element('td', { class: 'number' }, String(pool.agents)),
            ...POOL_FIGURES.map((figure) => element('td', { class: 'number', 'data-figure': figure }, formatEstimate(figure, pool[figure]))),
          ),
        ),
      ),
    ),
  );

export const predictionResults = (answer: Prediction | PredictionComparison, label: (versionId: string) => string): HTMLElement => {
  const comparison = isComparison(answer) ? answer : undefined;
  const baseline = comparison ? comparison.baseline : (answer as Prediction);
  return element(
    'div',
    { class: 'prediction-results', 'data-role': 'results' },
    element(
      'div',
      { class: 'panel-head' },
      element(
        'h2',
        {},
        'Predicted figures ',
        element('span', { class: 'panel-note' }, `${baseline.replications} replications, mean with 95 % percentile-bootstrap interval over the runs`),
      ),
      simulatedBadge(),
    ),
    comparison &&
      element(
        'ul',
        { class: 'prediction-sentences', 'data-role': 'sentences' },
        ...HEADLINE.map((figure) =>
          element(
            'li',
            { 'data-figure': figure },
            comparisonSentence(figure, comparison.baseline.figures[figure], comparison.candidate.figures[figure], comparison.differences[figure]),
          ),
        ),
      ),
    element('div', { class: 'table-scroll' }, figuresTable(answer, label)),
    element(
      'p',
      { class: 'panel-definition' },
      'Each run uses seed, seed + 1, …; the baseline and the candidate run on the same seeds, so the difference is paired. A difference in bold: its interval leaves out zero.',
    ),
    element(
      'div',
      { class: 'prediction-pool-grid' },
      poolsTable(baseline, comparison ? `Pools, baseline: ${label(baseline.processVersionId)}` : 'Pools', 'baseline-pools'),
      comparison && poolsTable(comparison.candidate, `Pools, candidate: ${label(comparison.candidate.processVersionId)}`, 'candidate-pools'),
    ),
  );
};
