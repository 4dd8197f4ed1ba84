/**
 * The fitted parameters with the evidence behind each: the arrival rate and the days it was
 * measured over, per activity the runs, the fitted log-normal and its goodness of fit, the branch
 * shares with their counts, the escalation shares. The arrival rate and each activity's mean
 * minutes are inputs, so an analyst can ask "what if" before predicting.
 */
import type { Calibration, SimulationParameters } from '../../api/simulations-types.js';
import { element, formatDateTime } from '../../ui/dom.js';
import { distributionMean, distributionText, fitHint, formatCount, formatPValue, formatShare, POOR_FIT_P, withMean } from './prediction-format.js';
import type { ModelOutline } from './shared-parameters.js';

const numberInput = (field: string, value: number, label: string, step = 'any'): HTMLInputElement =>
  element('input', { type: 'number', step, value: String(value), 'data-field': field, 'aria-label': label, class: 'prediction-number' });

export const calibrationPanel = (calibration: Calibration, outline: ModelOutline): HTMLElement => {
  const name = (id: string): string => outline.nodes[id]?.name ?? id;
  const { parameters, fit } = calibration;
  const window = calibration.window ? `${formatDateTime(calibration.window.from)} – ${formatDateTime(calibration.window.to)}` : 'no window';

  const arrivals = element(
    'div',
    { class: 'prediction-arrivals' },
    element('label', {}, 'Arrivals per day ', numberInput('arrivals.perDay', parameters.arrivals.perDay, 'Arrivals per day')),
    element('span', { class: 'panel-note', 'data-role': 'arrival-evidence' }, `${fit.arrivals.cases} cases over ${fit.arrivals.days} day${fit.arrivals.days === 1 ? '' : 's'} (${window}); hour-of-day and weekday profile as recorded`),
  );

  const durationRows = Object.entries(fit.durations).map(([id, durationFit]) => {
    const distribution = parameters.durations[id] ?? durationFit.distribution;
    const p = durationFit.logNormalFit?.pValue;
    return element(
      'tr',
      { 'data-element': id },
      element('th', { scope: 'row', title: id }, name(id)),
      element('td', { class: 'number' }, String(durationFit.n)),
      element('td', {}, numberInput(`durations.${id}.${distribution.kind === 'fixed' ? 'value' : 'mean'}`, distributionMean(distribution), `Mean minutes of ${name(id)}`), ' min'),
      element('td', {}, distributionText(distribution)),
      element('td', { class: 'number', title: durationFit.logNormalFit ? `KS statistic ${durationFit.logNormalFit.statistic.toFixed(3)}` : undefined }, formatPValue(p)),
      element('td', { class: p !== undefined && p < POOR_FIT_P ? 'fit-poor' : 'fit-ok', 'data-role': 'fit-hint' }, fitHint(durationFit)),
    );
  });
  const durations = element(
    'table',
    { class: 'prediction-table', 'data-role': 'duration-fits' },
    element('thead', {}, element('tr', {}, ...['Activity', 'n', 'Mean', 'Fitted', 'KS p', 'Log-normal?'].map((head) => element('th', { scope: 'col' }, head)))),
    element('tbody', {}, ...durationRows),
  );

  const branchRows = Object.entries(fit.branches)
    .filter(([, branch]) => branch.passes > 0)
    .flatMap(([gatewayId, branch]) =>
      Object.entries(branch.counts).map(([flowId, count]) =>
        element(
          'tr',
          {},
          element('th', { scope: 'row', title: gatewayId }, name(gatewayId)),
          element('td', { title: flowId }, outline.flowNames[flowId] || flowId),
          element('td', { class: 'number' }, formatShare(parameters.branches[gatewayId]?.[flowId] ?? count / branch.passes)),
          element('td', { class: 'number' }, `${count} of ${branch.passes}`),
        ),
      ),
    );
  const escalationRows = Object.entries(fit.escalations).map(([taskId, { runs, escalated }]) =>
    element('tr', {}, element('th', { scope: 'row', title: taskId }, name(taskId)), element('td', { class: 'number' }, formatShare(runs === 0 ? null : escalated / runs)), element('td', { class: 'number' }, `${escalated} of ${runs}`)),
  );

  return element(
    'div',
    { class: 'calibration-panel', 'data-role': 'calibration' },
    arrivals,
    element('h3', {}, 'Working time per activity (minutes, pauses excluded)'),
    element('div', { class: 'table-scroll' }, durations),
    element('p', { class: 'panel-definition' }, `KS p: Kolmogorov-Smirnov test of the fitted log-normal. Below ${POOR_FIT_P} the times do not look log-normal (“poor fit”); above, there is no evidence against it. Changing a mean keeps the measured spread relative to it.`),
    element('h3', {}, 'Branch shares'),
    branchRows.length === 0
      ? element('p', { class: 'empty' }, 'No gateway passes recorded: gateways decide on the case variables.')
      : element('table', { class: 'prediction-table', 'data-role': 'branch-fits' }, element('thead', {}, element('tr', {}, ...['Gateway', 'Flow', 'Share', 'Passes'].map((head) => element('th', { scope: 'col' }, head)))), element('tbody', {}, ...branchRows)),
    element('h3', {}, 'Escalations'),
    escalationRows.length === 0
      ? element('p', { class: 'empty' }, 'No user task runs recorded.')
      : element('table', { class: 'prediction-table', 'data-role': 'escalation-fits' }, element('thead', {}, element('tr', {}, ...['Task', 'Escalated', 'Runs'].map((head) => element('th', { scope: 'col' }, head)))), element('tbody', {}, ...escalationRows)),
    element('p', { class: 'panel-note', 'data-role': 'agents-hint' }, agentsHint(fit.agentsPerLane, name)),
  );
};

const agentsHint = (agentsPerLane: Record<string, number>, name: (id: string) => string): string => {
  const lanes = Object.entries(agentsPerLane);
  return lanes.length === 0 ? 'No agents recorded per lane.' : `Agents seen in the history: ${lanes.map(([laneId, count]) => `${name(laneId)} ${formatCount(count)}`).join(', ')}.`;
};

/** The calibrated parameters with the analyst's arrival rate and mean minutes (an empty input sends null, which the API names). */
export const readCalibratedParameters = (panel: HTMLElement, calibration: Calibration): Calibration['parameters'] => {
  const valueOf = (field: string): number => {
    const input = panel.querySelector<HTMLInputElement>(`[data-field="${CSS.escape(field)}"]`);
    return input === null || input.value.trim() === '' ? Number.NaN : Number(input.value);
  };
  const durations: SimulationParameters['durations'] = {};
  for (const [id, distribution] of Object.entries(calibration.parameters.durations)) {
    const mean = valueOf(`durations.${id}.${distribution.kind === 'fixed' ? 'value' : 'mean'}`);
    durations[id] = mean === distributionMean(distribution) ? distribution : withMean(distribution, mean);
  }
  return { ...calibration.parameters, arrivals: { ...calibration.parameters.arrivals, perDay: valueOf('arrivals.perDay') }, durations };
};
