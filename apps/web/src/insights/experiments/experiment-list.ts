import type { ExperimentView, Verdict } from '../../api/experiments-types.js';
import { element, formatDateTime } from '../../ui/dom.js';
import { dataTable } from './data-table.js';
import { experimentHref } from './experiment-routes.js';
import { metricLabel } from './experiment-format.js';
import { experimentName, type VersionNaming } from './experiment-name.js';
import { verdictBadge } from './verdict-panel.js';

/** What the list knows of an experiment's verdict: the verdict, none before the start, or why it could not be had. */
export type ListedVerdict = { verdict: Verdict } | { none: string };

export const stateBadge = (state: string): HTMLElement => element('span', { class: 'state-badge', 'data-state': state }, state);

/** The experiments, newest first: name (process and arms), state, arms with their versions, the primary metric, and the verdict. */
export const experimentListTable = (
  experiments: readonly ExperimentView[],
  verdictOf: (id: string) => ListedVerdict,
  versionLabel: (processVersionId: string) => string,
  versionOf: (processVersionId: string) => VersionNaming | undefined,
): HTMLTableElement =>
  dataTable(
    'experiment-list-table',
    ['Experiment', 'State', 'Arms', 'Primary metric', 'Started', 'Verdict'],
    experiments.map((experiment) => {
      const verdict = verdictOf(experiment.id);
      return {
        attributes: { 'data-experiment': experiment.id, 'data-state': experiment.state },
        cells: [
          element('a', { href: experimentHref(experiment.id), 'data-role': 'experiment-link' }, experimentName(experiment, versionOf)),
          stateBadge(experiment.state),
          experiment.arms.map((arm) => `${arm.id} (${arm.role}, ${versionLabel(arm.processVersionId)}, weight ${arm.weight})`).join(' vs '),
          metricLabel(experiment.primaryMetric),
          experiment.startedAt ? formatDateTime(experiment.startedAt) : 'not started',
          'verdict' in verdict ? verdictBadge(verdict.verdict) : element('span', { class: 'verdict-none' }, verdict.none),
        ],
      };
    }),
  );
