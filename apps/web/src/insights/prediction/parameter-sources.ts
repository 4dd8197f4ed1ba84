/**
 * Where each value the prediction starts from comes from, and what a parameter path is called on
 * the page: pure functions (no DOM), so the browser test reads the page through the same wording.
 * Every value the simulator needs is filled after a calibration: from the history where it has
 * it, else from a stated default ("default: not in history").
 */
import type { VersionCalibration, PoolFit } from '../../api/simulations-types.js';
import type { ModelOutline } from './shared-parameters.js';

export interface Sourced<T> {
  value: T;
  /** e.g. "history: 16 of 24 passes", "default: not in history" */
  source: string;
}

/** A pool with no work in the history still needs someone: one agent, said so. */
export const DEFAULT_POOL_SIZE = 1;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

/** A pool's size from the history's team of its group, or the default. */
export const poolSize = (fit: PoolFit | undefined): Sourced<number> =>
  fit === undefined || fit.agentsAtOnce === 0
    ? { value: DEFAULT_POOL_SIZE, source: `default: ${DEFAULT_POOL_SIZE}, no work of the group in history` }
    : {
        value: fit.agentsAtOnce,
        source: `history: at most ${fit.agentsAtOnce} at once within an hour (${plural(fit.agentsSeen, 'agent')} seen, ${plural(fit.tasks, 'task')})`,
      };

/** The share of one flow in the calibration panel: its count of the passes, 0 for a flow never taken. */
export const branchSource = (count: number, passes: number): string =>
  count === 0 ? `history: not taken in ${plural(passes, 'pass')}` : `history: ${count} of ${plural(passes, 'pass')}`;

export const durationSource = (runs: number): string => `history: fitted from ${plural(runs, 'run')}`;

export const standardMinutesSource = 'default: the model’s standard minutes, not in history';

const quoted = (text: string): string => `“${text}”`;

/**
 * Shares for a candidate's gateway that the history does not cover, all of its flows filled and
 * adding up to 1: a flow the history knows by its id takes its share; else a flow of the same
 * decision in the history (the gateway with this id, or one that gave a flow its share by id) that
 * led to the same element lends its share (the as-is "not resolved" and the to-be "escalate with
 * reason" both reach the escalation); what is left is split evenly over the flows matched by
 * neither (0 each when nothing is left). Null when no flow matches: the gateway's conditions
 * decide. Another decision that happens to reach the same step is not borrowed from: "no money
 * involved" says nothing about "within the first line's limit".
 */
export const candidateShares = (gatewayId: string, candidate: ModelOutline, calibration: VersionCalibration, baseline: ModelOutline): Record<string, Sourced<number>> | null => {
  const flows = candidate.nodes[gatewayId]?.outgoing ?? [];
  const historyFlows = Object.entries(calibration.parameters.branches).flatMap(([historyGateway, shares]) =>
    Object.entries(shares).map(([flowId, share]) => ({ historyGateway, flowId, share, target: baseline.flowTargets[flowId] })),
  );
  const flowName = (model: ModelOutline, flowId: string): string => model.flowNames[flowId] || flowId;
  const gatewayName = (id: string): string => baseline.nodes[id]?.name ?? id;
  const shares: Record<string, Sourced<number>> = {};
  const used = new Set<string>();
  const related = new Set([gatewayId]);
  for (const flowId of flows) {
    const same = historyFlows.find((flow) => flow.flowId === flowId);
    if (same) {
      related.add(same.historyGateway);
      shares[flowId] = { value: same.share, source: `history: flow ${quoted(flowName(baseline, flowId))} of ${quoted(gatewayName(same.historyGateway))}` };
      used.add(same.flowId);
    }
  }
  for (const flowId of flows) {
    if (shares[flowId]) continue;
    const target = candidate.flowTargets[flowId];
    const alike = historyFlows.find((flow) => related.has(flow.historyGateway) && !used.has(flow.flowId) && target !== undefined && flow.target === target);
    if (alike) {
      shares[flowId] = {
        value: alike.share,
        source: `history: flow ${quoted(flowName(baseline, alike.flowId))} of ${quoted(gatewayName(alike.historyGateway))}, which led to the same step`,
      };
      used.add(alike.flowId);
    }
  }
  if (Object.keys(shares).length === 0) return null;
  const known = Object.values(shares).reduce((sum, { value }) => sum + value, 0);
  // Matched flows the history never took leave nothing to scale: all flows are open then.
  const open = known === 0 ? flows : flows.filter((flowId) => !shares[flowId]);
  if (open.length === 0) {
    // Matched shares from different gateways need not add up to 1: scaled to.
    let left = 1;
    flows.forEach((flowId, i) => {
      const value = i === flows.length - 1 ? round(left) : round(shares[flowId].value / known);
      left -= value;
      shares[flowId] = { value, source: `${shares[flowId].source}, scaled so the shares add up to 1` };
    });
  } else {
    const rest = Math.max(0, 1 - known);
    open.forEach((flowId, i) => {
      // The last open flow takes what rounding leaves, so the shares add up to exactly 1.
      const value = i === open.length - 1 ? round(rest - round(rest / open.length) * (open.length - 1)) : round(rest / open.length);
      shares[flowId] = { value, source: `default: ${open.length === 1 ? 'the rest' : `the rest split over ${open.length} flows`}, not in history` };
    });
  }
  return shares;
};

const round = (value: number): number => Number(value.toFixed(4));

/**
 * A parameter path as the page names it: `durations.Task_UpdateCrm.mean` -> "Working time of
 * “Update CRM with outcome” (mean)". The id stays available for a tooltip.
 */
export const describeField = (field: string, model: ModelOutline | undefined): string => {
  const path = field.replace(/^(candidateParameters|parameters)\./, '');
  const name = (id: string): string => quoted(model?.nodes[id]?.name ?? id);
  const flow = (id: string): string => quoted(model?.flowNames[id] || id);
  const [section, id, ...rest] = path.split('.');
  const tail = rest.length > 0 ? ` (${rest.join('.')})` : '';
  if (section === 'durations' && id) return `Working time of ${name(id)}${tail}`;
  if (section === 'escalations' && id) return `Escalation share of ${name(id)}`;
  if (section === 'branches' && id) return rest.length > 0 ? `Share of ${flow(rest[0])} at ${name(id)}` : `Branch shares of ${name(id)}`;
  return path;
};
