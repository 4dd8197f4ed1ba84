/**
 * A baseline's calibration applied to another model: the API refuses parameters naming an element
 * the model lacks, so they are narrowed to what it has: a duration or escalation for an element it
 * contains, branch shares for a gateway that leaves by the same flows. Everything left out is
 * listed, so the page can say that the model's own estimates stand in (tandem:standardMinutes,
 * gateway conditions).
 */
import type { SimulationParameters } from '../../api/simulations-types.js';

export interface OutlineNode {
  type: string;
  name: string;
  outgoing: string[];
  candidateGroups: string[];
  /** tandem:standardMinutes of a task, what the simulator takes when the history has no times */
  standardMinutes?: number;
}

export interface ModelOutline {
  nodes: Record<string, OutlineNode>;
  /** The candidate groups of the user tasks, in model order. */
  groups: string[];
  /** flow id -> its name ('' when unnamed) */
  flowNames: Record<string, string>;
  /** flow id -> the element it leads to */
  flowTargets: Record<string, string>;
}

export interface SharedParameters {
  parameters: SimulationParameters;
  /** Field paths that were dropped, e.g. `durations.Task_RekeyIntoCrm`. */
  leftOut: string[];
}

const sameFlows = (flows: readonly string[], probabilities: Record<string, number>): boolean => {
  const named = Object.keys(probabilities);
  return named.length === flows.length && named.every((flowId) => flows.includes(flowId));
};

export const parametersFor = (parameters: SimulationParameters, model: ModelOutline): SharedParameters => {
  const leftOut: string[] = [];
  const keep = <T>(section: 'durations' | 'branches' | 'escalations', entries: Record<string, T> | undefined, fits: (id: string, value: T) => boolean) => {
    const kept: Record<string, T> = {};
    for (const [id, value] of Object.entries(entries ?? {})) {
      if (fits(id, value)) kept[id] = value;
      else leftOut.push(`${section}.${id}`);
    }
    return kept;
  };
  const has = (id: string, type?: string): boolean => model.nodes[id] !== undefined && (type === undefined || model.nodes[id].type === type);
  const shared: SimulationParameters = {
    ...parameters,
    durations: keep('durations', parameters.durations, (id) => has(id)),
    branches: keep('branches', parameters.branches, (id, probabilities) => has(id, 'exclusiveGateway') && sameFlows(model.nodes[id].outgoing, probabilities)),
    escalations: keep('escalations', parameters.escalations, (id) => has(id, 'userTask')),
  };
  return { parameters: shared, leftOut };
};

/** Exclusive gateways with a choice to make (two or more ways out) that the parameters give no shares for: they decide on the case variables. */
export const gatewaysWithoutShares = (parameters: Pick<SimulationParameters, 'branches'>, model: ModelOutline): string[] =>
  Object.entries(model.nodes)
    .filter(([id, node]) => node.type === 'exclusiveGateway' && node.outgoing.length > 1 && parameters.branches?.[id] === undefined)
    .map(([id]) => id);

/** The groups every model offers work to, first seen first: one pool each. */
export const poolGroups = (models: readonly ModelOutline[]): string[] => [...new Set(models.flatMap((model) => model.groups))];
