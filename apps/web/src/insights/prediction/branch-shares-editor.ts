/**
 * Branch shares for the gateways of a candidate that the baseline's history does not cover (a
 * redesign's new decisions). Left blank, a gateway decides on the case variables by its
 * conditions; a gateway whose conditions read what an agent enters (and whose default loops back)
 * needs shares, or its simulated cases go round for ever. A gateway any of whose flows the history
 * knows starts with every flow filled, adding up to 1, each with its source (`candidateShares`).
 */
import { element } from '../../ui/dom.js';
import type { Sourced } from './parameter-sources.js';
import type { ModelOutline } from './shared-parameters.js';

export const renderBranchShares = (
  container: HTMLElement,
  gateways: readonly string[],
  model: ModelOutline,
  prefills: Record<string, Record<string, Sourced<number>> | null>,
): void => {
  const rows = gateways.map((gatewayId) => {
    const flows = model.nodes[gatewayId].outgoing;
    const prefill = prefills[gatewayId] ?? null;
    return element(
      'tr',
      { 'data-gateway': gatewayId },
      element('th', { scope: 'row', title: gatewayId }, element('span', { 'data-field': `branches.${gatewayId}` }, model.nodes[gatewayId].name)),
      element(
        'td',
        {},
        ...flows.map((flowId) =>
          element(
            'label',
            { class: 'branch-share', title: flowId },
            `${model.flowNames[flowId] || flowId} `,
            element('input', {
              type: 'number',
              min: 0,
              max: 1,
              step: 'any',
              class: 'prediction-number',
              value: prefill?.[flowId] ? String(prefill[flowId].value) : undefined,
              placeholder: 'condition',
              'data-field': `branches.${gatewayId}.${flowId}`,
              'data-gateway': gatewayId,
              'data-flow': flowId,
              'aria-label': `Share of ${model.flowNames[flowId] || flowId} at ${model.nodes[gatewayId].name}`,
            }),
            element('span', { class: 'value-source', 'data-role': 'value-source' }, prefill?.[flowId]?.source ?? 'conditions decide: not in history'),
          ),
        ),
      ),
    );
  });
  container.replaceChildren(
    ...(rows.length === 0
      ? []
      : [
          element('h3', {}, 'Branch shares of the candidate’s gateways the history does not cover (0–1, adding up to 1)'),
          element('table', { class: 'prediction-table', 'data-role': 'branch-shares' }, element('tbody', {}, ...rows)),
          element(
            'p',
            { class: 'panel-definition' },
            'Leave a gateway blank to let its conditions decide on the case variables. A gateway that reads what an agent enters needs shares, or its cases never finish.',
          ),
        ]),
  );
};

/** The shares entered, per gateway with at least one (its blank flows count 0, so the API checks the sum). */
export const readBranchShares = (container: HTMLElement): Record<string, Record<string, number>> => {
  const shares: Record<string, Record<string, number>> = {};
  const inputs = [...container.querySelectorAll<HTMLInputElement>('input[data-gateway]')];
  const given = new Set(inputs.filter((input) => input.value.trim() !== '').map((input) => input.dataset.gateway!));
  for (const input of inputs) {
    const gatewayId = input.dataset.gateway!;
    if (!given.has(gatewayId)) continue;
    (shares[gatewayId] ??= {})[input.dataset.flow!] = input.value.trim() === '' ? 0 : Number(input.value);
  }
  return shares;
};
