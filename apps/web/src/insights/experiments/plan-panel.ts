import type { AnalysisPlan, AnalysisLook } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { panel } from './data-table.js';
import { formatPercent, formatPoints, isDurationMetric, metricLabel } from './experiment-format.js';
import { planProgress } from './plan-progress.js';

/** The plan's progress: a bar with its figures in words, when it is reached (or how long it should take), and what the plan was sized for. */
export const planPanel = (plan: AnalysisPlan, looks: readonly AnalysisLook[], crossedLook: number | null): HTMLElement => {
  const progress = planProgress({ plan, looks, crossedLook });
  const percent = Math.round(Math.min(progress.fraction, 1) * 100);
  const effect = isDurationMetric(plan.primaryMetric) ? `${formatPercent(plan.mde, 0)} change` : formatPoints(plan.mde).replace(/^\+/, '');
  return panel(
    'plan',
    'Plan progress',
    element(
      'div',
      {
        class: 'plan-bar',
        role: 'progressbar',
        'aria-valuemin': 0,
        'aria-valuemax': plan.perArm,
        // Past the plan the bar is full: a progress bar cannot go beyond its maximum.
        'aria-valuenow': Math.min(plan.casesSoFar, plan.perArm),
        'aria-valuetext': progress.text,
        'data-role': 'plan-bar',
        'data-reached': String(progress.reached),
      },
      element('span', { class: 'plan-bar-fill', style: `width: ${percent}%` }),
    ),
    element('p', { class: 'plan-text', 'data-role': 'plan-text' }, progress.text),
    element('p', { class: 'plan-days', 'data-role': 'plan-days' }, progress.detail),
    element(
      'p',
      { class: 'plan-sizing' },
      `Sized for ${metricLabel(plan.primaryMetric)}: minimum detectable effect ${effect}`,
      plan.baselineRate === undefined ? '' : ` from a baseline of ${formatPercent(plan.baselineRate)}`,
      `, alpha ${plan.alpha}, power ${plan.power}. Cases count once ended; the smallest arm sets the progress.`,
    ),
  );
};
