import type { LeadTimeComparison } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable, panel } from './data-table.js';
import { formatDurationMs } from '../../format/units.js';
import { formatP, formatZ } from './experiment-format.js';

/**
 * Lead time with the running cases counted (censored at the analysis instant, never dropped):
 * Kaplan-Meier medians per arm and the log-rank test.
 */
export const leadTimePanel = (leadTime: LeadTimeComparison | null): HTMLElement => {
  if (!leadTime) return panel('lead-time', 'Lead time (running cases counted)', element('p', { class: 'empty' }, 'No cases in one of the arms yet.'));
  const row = (name: string, arm: LeadTimeComparison['baseline']) => ({
    attributes: { 'data-arm-side': name },
    cells: [name, formatDurationMs(arm.median), arm.finished.toLocaleString('en'), arm.running.toLocaleString('en')],
  });
  return panel(
    'lead-time',
    'Lead time (running cases counted)',
    dataTable('lead-time-table', ['Arm', 'Median (Kaplan-Meier)', 'Finished', 'Running'], [row('baseline', leadTime.baseline), row('candidate', leadTime.candidate)]),
    element(
      'p',
      { class: 'lead-time-test', 'data-role': 'log-rank' },
      `Log-rank test: z ${formatZ(leadTime.logRank.z)}, p ${formatP(leadTime.logRank.pValue)}. A median shows once half of an arm's cases have ended.`,
    ),
  );
};
