import type { GuardrailCheck } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable, panel } from './data-table.js';
import { formatNumber, formatWorsening, formatZ, guardrailObservedText, guardrailStatusText, metricLabel } from './experiment-format.js';

/** Each guardrail of a candidate: limit, what was observed (better or worse, in words), the sequential z against its boundary, and its status in words. */
export const guardrailPanel = (guardrails: readonly GuardrailCheck[]): HTMLElement =>
  panel(
    'guardrails',
    'Guardrails',
    guardrails.length === 0
      ? element('p', { class: 'empty' }, 'No guardrails: nothing pauses the candidate automatically.')
      : dataTable(
          'guardrail-table',
          ['Guardrail', 'Metric', 'Tolerated worsening', 'Observed', 'z / boundary', 'Status'],
          guardrails.map((check) => ({
            attributes: { 'data-guardrail': check.id, 'data-status': check.status },
            cells: [
              check.id,
              metricLabel(check.metric),
              formatWorsening(check.metric, check.limit),
              guardrailObservedText(check.metric, check.observed),
              check.z === null ? '–' : `${formatZ(check.z)} / ${formatNumber(check.boundary)}`,
              element('span', { class: 'guardrail-status', 'data-status': check.status, 'data-role': 'guardrail-status' }, guardrailStatusText(check)),
            ],
          })),
        ),
  );
