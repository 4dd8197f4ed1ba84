import type { AnalysisPlan } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { panel } from './data-table.js';
import { expectedDaysText, formatPercent, formatPoints, isDurationMetric, metricLabel, planProgress } from './experiment-format.js';

/** The plan's progress: a bar with its figures in words, the expected duration, and what the plan was sized for. */
export const planPanel = (plan: AnalysisPlan): HTMLElement => {
  const progress = planProgress(plan);
  const percent = Math.round(progress.fraction * 100);
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
        'aria-valuenow': plan.casesSoFar,
        'aria-valuetext': progress.text,
        'data-role': 'plan-bar',
      },
      element('span', { class: 'plan-bar-fill', style: `width: ${percent}%` }),
    ),
    element('p', { class: 'plan-text', 'data-role': 'plan-text' }, progress.text),
    element('p', { class: 'plan-days', 'data-role': 'plan-days' }, expectedDaysText(plan.expectedDays)),
    element(
      'p',
      { class: 'plan-sizing' },
      `Sized for ${metricLabel(plan.primaryMetric)}: minimum detectable effect ${effect}`,
      plan.baselineRate === undefined ? '' : ` from a baseline of ${formatPercent(plan.baselineRate)}`,
      `, alpha ${plan.alpha}, power ${plan.power}. Cases count once ended; the smallest arm sets the progress.`,
    ),
  );
};
