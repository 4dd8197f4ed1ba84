import type { ArmSummary } from '../../api/experiments-types.js';
import { element, type ElementChild } from '../../ui/dom.js';
import { panel } from './data-table.js';

/** The arms side by side: role, version, weight, cases assigned / running / finished, a paused candidate marked in words, and the buttons that act on each. */
export const armsPanel = (
  arms: readonly ArmSummary[],
  versionLabel: (processVersionId: string) => string,
  winnerArmId?: string,
  buttons: (armId: string) => ElementChild[] = () => [],
): HTMLElement =>
  panel(
    'arms',
    'Arms',
    element(
      'div',
      { class: 'arm-cards' },
      ...arms.map((arm) =>
        element(
          'article',
          { class: 'arm-card', 'data-arm': arm.armId, 'data-role-kind': arm.role, 'data-paused': String(arm.paused) },
          element(
            'header',
            {},
            element('strong', {}, arm.armId),
            element('span', { class: 'arm-role' }, arm.role),
            arm.paused && element('span', { class: 'arm-paused', 'data-role': 'arm-paused', title: 'New cases of this arm go to the baseline' }, '⏸ paused'),
            arm.armId === winnerArmId && element('span', { class: 'arm-winner' }, '★ winner'),
          ),
          element('div', { class: 'arm-version' }, `${versionLabel(arm.processVersionId)} · weight ${arm.weight}`),
          element(
            'dl',
            { class: 'arm-counts' },
            ...(['assigned', 'running', 'finished'] as const).flatMap((name) => [element('dt', {}, name), element('dd', { 'data-count': name }, arm[name].toLocaleString('en'))]),
          ),
          element('div', { class: 'arm-operations', 'data-role': 'arm-operations' }, ...buttons(arm.armId)),
        ),
      ),
    ),
  );
