/**
 * The fitted parameters with the evidence behind each: the arrival rate and the days it was
 * measured over, per activity the runs, the fitted log-normal and its goodness of fit (user tasks
 * the history lacks: the model's standard minutes, said so), every outgoing flow's branch share
 * with its count (0 for a flow never taken), the escalation shares. The arrival rate, each
 * activity's mean minutes, the branch and escalation shares are inputs, so an analyst can ask
 * "what if" before predicting.
 */
import type { VersionCalibration, SimulationParameters } from '../../api/simulations-types.js';
import { element, formatDateTime } from '../../ui/dom.js';
import { branchSource, durationSource, standardMinutesSource } from './parameter-sources.js';
import { distributionMean, distributionText, fitHint, formatCount, formatPValue, POOR_FIT_P, withMean } from './prediction-format.js';
import type { ModelOutline } from './shared-parameters.js';

const numberInput = (field: string, value: number, label: string, step = 'any'): HTMLInputElement =>
  element('input', { type: 'number', step, value: String(value), 'data-field': field, 'aria-label': label, class: 'prediction-number' });

export const calibrationPanel = (calibration: VersionCalibration, outline: ModelOutline): HTMLElement => {
  const name = (id: string): string => outline.nodes[id]?.name ?? id;
  const { parameters, fit } = calibration;
  const window = calibration.window ? `${formatDateTime(calibration.window.from)} – ${formatDateTime(calibration.window.to)}` : 'no window';

  const arrivals = element(
    'div',
    { class: 'prediction-arrivals' },
    element('label', {}, 'Arrivals per day ', numberInput('arrivals.perDay', parameters.arrivals.perDay, 'Arrivals per day')),
    element(
      'span',
      { class: 'panel-note', 'data-role': 'arrival-evidence' },
      `${fit.arrivals.cases} cases over ${fit.arrivals.days} day${fit.arrivals.days === 1 ? '' : 's'} (${window}); hour-of-day and weekday profile as recorded`,
    ),
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
      element('td', { class: 'value-source', 'data-role': 'value-source' }, durationSource(durationFit.n)),
    );
  });
  // User tasks the history has no times for run on the model's standard minutes: shown, and editable.
  const standardRows = Object.entries(outline.nodes)
    .filter(([id, node]) => node.type === 'userTask' && fit.durations[id] === undefined && node.standardMinutes !== undefined)
    .map(([id, node]) =>
      element(
        'tr',
        { 'data-element': id, 'data-standard': 'true' },
        element('th', { scope: 'row', title: id }, name(id)),
        element('td', { class: 'number' }, '0'),
        element('td', {}, numberInput(`durations.${id}.mean`, node.standardMinutes!, `Mean minutes of ${name(id)}`), ' min'),
        element('td', {}, `log-normal, sd half the mean`),
        element('td', { class: 'number' }, '–'),
        element('td', {}, '–'),
        element('td', { class: 'value-source', 'data-role': 'value-source' }, standardMinutesSource),
      ),
    );
  const durations = element(
    'table',
    { class: 'prediction-table', 'data-role': 'duration-fits' },
    element('thead', {}, element('tr', {}, ...['Activity', 'n', 'Mean', 'Fitted', 'KS p', 'Log-normal?', 'Source'].map((head) => element('th', { scope: 'col' }, head)))),
    element('tbody', {}, ...durationRows, ...standardRows),
  );

  const branchRows = Object.entries(fit.branches).flatMap(([gatewayId, branch]) =>
    branch.passes === 0
      ? [
          element(
            'tr',
            { 'data-gateway': gatewayId },
            element('th', { scope: 'row', title: gatewayId }, name(gatewayId)),
            element('td', {}, '–'),
            element('td', {}, '–'),
            element('td', { class: 'value-source', 'data-role': 'value-source' }, `not passed in ${formatCount(calibration.cases)} cases: its conditions decide`),
          ),
        ]
      : Object.entries(branch.counts).map(([flowId, count]) =>
          element(
            'tr',
            { 'data-gateway': gatewayId, 'data-flow': flowId },
            element('th', { scope: 'row', title: gatewayId }, name(gatewayId)),
            element('td', { title: flowId }, outline.flowNames[flowId] || flowId),
            element(
              'td',
              {},
              numberInput(
                `branches.${gatewayId}.${flowId}`,
                parameters.branches[gatewayId]?.[flowId] ?? count / branch.passes,
                `Share of ${outline.flowNames[flowId] || flowId} at ${name(gatewayId)}`,
              ),
            ),
            element('td', { class: 'value-source', 'data-role': 'value-source' }, branchSource(count, branch.passes)),
          ),
        ),
  );
  const escalationRows = Object.entries(fit.escalations).map(([taskId, { runs, escalated }]) =>
    element(
      'tr',
      { 'data-element': taskId },
      element('th', { scope: 'row', title: taskId }, name(taskId)),
      element('td', {}, numberInput(`escalations.${taskId}`, parameters.escalations[taskId] ?? 0, `Escalation share of ${name(taskId)}`)),
      element('td', { class: 'value-source', 'data-role': 'value-source' }, `history: ${escalated} of ${runs} runs escalated`),
    ),
  );

  return element(
    'div',
    { class: 'calibration-panel', 'data-role': 'calibration' },
    arrivals,
    element('h3', {}, 'Working time per activity (minutes, pauses excluded)'),
    element('div', { class: 'table-scroll' }, durations),
    element(
      'p',
      { class: 'panel-definition' },
      `KS p: Kolmogorov-Smirnov test of the fitted log-normal. Below ${POOR_FIT_P} the times do not look log-normal (“poor fit”); above, there is no evidence against it. Changing a mean keeps the measured spread relative to it.`,
    ),
    element('h3', {}, 'Branch shares'),
    branchRows.length === 0
      ? element('p', { class: 'empty' }, 'No gateway passes recorded: gateways decide on the case variables.')
      : element(
          'table',
          { class: 'prediction-table', 'data-role': 'branch-fits' },
          element('thead', {}, element('tr', {}, ...['Gateway', 'Flow', 'Share (0–1)', 'Source'].map((head) => element('th', { scope: 'col' }, head)))),
          element('tbody', {}, ...branchRows),
        ),
    element('h3', {}, 'Escalations'),
    escalationRows.length === 0
      ? element('p', { class: 'empty' }, 'No user task runs recorded.')
      : element(
          'table',
          { class: 'prediction-table', 'data-role': 'escalation-fits' },
          element('thead', {}, element('tr', {}, ...['Task', 'Escalated (0–1)', 'Source'].map((head) => element('th', { scope: 'col' }, head)))),
          element('tbody', {}, ...escalationRows),
        ),
    element('p', { class: 'panel-note', 'data-role': 'agents-hint' }, agentsHint(fit.pools)),
  );
};

const agentsHint = (pools: VersionCalibration['fit']['pools']): string => {
  const groups = Object.entries(pools);
  return groups.length === 0
    ? 'No agents recorded: the pools below start at the default size.'
    : `Team from the history (the pools below start from it): ${groups.map(([group, pool]) => `${group} at most ${formatCount(pool.agentsAtOnce)} at once within an hour, ${formatCount(pool.agentsSeen)} seen`).join('; ')}.`;
};

/**
 * The calibrated parameters as shown on the panel: the arrival rate, mean minutes, branch and
 * escalation shares as edited (an empty input sends null, which the API names). A task on the
 * model's standard minutes is sent only when its mean was changed (the simulator's own default
 * is the same log-normal, sd half the mean).
 */
export const readCalibratedParameters = (panel: HTMLElement, calibration: VersionCalibration): VersionCalibration['parameters'] => {
  const valueOf = (field: string): number => {
    const input = panel.querySelector<HTMLInputElement>(`[data-field="${CSS.escape(field)}"]`);
    return input === null || input.value.trim() === '' ? Number.NaN : Number(input.value);
  };
  const durations: SimulationParameters['durations'] = {};
  for (const [id, distribution] of Object.entries(calibration.parameters.durations)) {
    const mean = valueOf(`durations.${id}.${distribution.kind === 'fixed' ? 'value' : 'mean'}`);
    durations[id] = mean === distributionMean(distribution) ? distribution : withMean(distribution, mean);
  }
  for (const input of panel.querySelectorAll<HTMLInputElement>('tr[data-standard="true"] input')) {
    const id = input.closest<HTMLElement>('tr')!.dataset.element!;
    if (input.value !== input.defaultValue)
      durations[id] = withMean({ kind: 'logNormal', mean: Number(input.defaultValue), sd: Number(input.defaultValue) / 2 }, valueOf(`durations.${id}.mean`));
  }
  const branches = Object.fromEntries(
    Object.entries(calibration.parameters.branches).map(([gatewayId, shares]) => [
      gatewayId,
      Object.fromEntries(Object.keys(shares).map((flowId) => [flowId, valueOf(`branches.${gatewayId}.${flowId}`)])),
    ]),
  );
  // A share of 0 changes nothing in the simulator and is left out, as the calibration leaves it out.
  const escalations = Object.fromEntries(
    Object.keys(calibration.fit.escalations)
      .map((taskId) => [taskId, valueOf(`escalations.${taskId}`)] as const)
      .filter(([taskId, share]) => share !== 0 || taskId in calibration.parameters.escalations),
  );
  return { ...calibration.parameters, arrivals: { ...calibration.parameters.arrivals, perDay: valueOf('arrivals.perDay') }, durations, branches, escalations };
};
