/**
 * Collects every problem of a set of simulation parameters against the process it drives (never
 * stops at the first), each naming the field, so a caller can show the whole list at once.
 */
import type { ProcessGraph, UserTaskNode } from '#bpmn';
import { DomainError } from '#core';
import { isEscalatable } from '#engine';
import type { Distribution, PoolSpec, SimulationParameters, VariableSpec } from './parameters.js';
import { poolOf } from './pool-routing.js';
import { SIMULATION_ERRORS } from './simulation-errors.js';

export interface SimulationProblem {
  /** Path of the offending field, e.g. `pools[1].size` or `durations.Task_Log.mean`. */
  field: string;
  message: string;
}

/** Probabilities given per gateway must add up to 1 within this. */
const PROBABILITY_SUM_TOLERANCE = 1e-6;

type Report = (field: string, message: string) => void;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function validateParameters(parameters: SimulationParameters, graph: ProcessGraph): SimulationProblem[] {
  const problems: SimulationProblem[] = [];
  const report: Report = (field, message) => problems.push({ field, message });
  if (!isRecord(parameters)) return [{ field: '', message: 'the parameters must be an object' }];

  if (!Number.isSafeInteger(parameters.seed)) report('seed', 'the seed must be an integer');
  if (typeof parameters.start !== 'string' || Number.isNaN(Date.parse(parameters.start))) report('start', 'start must be an ISO 8601 date-time');
  checkHorizon(parameters, report);
  checkArrivals(parameters, report);
  for (const [name, spec] of Object.entries(parameters.variables ?? {})) checkVariable(spec, `variables.${name}`, report);
  const pools = Array.isArray(parameters.pools) ? parameters.pools : [];
  if (!Array.isArray(parameters.pools)) report('pools', 'pools must be a list (it may be empty for a process without user tasks)');
  checkPools(pools, report);
  checkModelCoverage(parameters, pools, graph, report);
  return problems;
}

/** The parameters, or SIMULATION_PARAMETERS_INVALID with every problem in `details.problems`. */
export function requireValidParameters(parameters: SimulationParameters, graph: ProcessGraph): void {
  const problems = validateParameters(parameters, graph);
  if (problems.length === 0) return;
  const list = problems.map(({ field, message }) => `${field}: ${message}`).join('; ');
  throw new DomainError(SIMULATION_ERRORS.parametersInvalid, `The simulation parameters are invalid: ${list}.`, { problems });
}

function checkHorizon({ horizon }: SimulationParameters, report: Report): void {
  if (!isRecord(horizon)) return report('horizon', 'horizon must be an object with days');
  if (!(isNumber(horizon.days) && horizon.days > 0)) report('horizon.days', 'days must be a positive number');
  const warmUp = horizon.warmUpDays ?? 0;
  if (!(isNumber(warmUp) && warmUp >= 0 && (!isNumber(horizon.days) || warmUp < horizon.days))) {
    report('horizon.warmUpDays', 'warmUpDays must be at least 0 and less than days');
  }
  const drain = horizon.drainDays ?? 0;
  if (!(isNumber(drain) && drain >= 0)) report('horizon.drainDays', 'drainDays must be at least 0');
}

function checkArrivals({ arrivals }: SimulationParameters, report: Report): void {
  if (!isRecord(arrivals)) return report('arrivals', 'arrivals must be an object with perDay');
  if (!(isNumber(arrivals.perDay) && arrivals.perDay >= 0)) report('arrivals.perDay', 'perDay must be a number of cases of at least 0');
  checkProfile(arrivals.hourly, 24, 'arrivals.hourly', report);
  checkProfile(arrivals.weekdays, 7, 'arrivals.weekdays', report);
  if (arrivals.customers !== undefined && !(Number.isSafeInteger(arrivals.customers) && arrivals.customers > 0)) {
    report('arrivals.customers', 'customers must be a positive whole number');
  }
}

function checkProfile(weights: number[] | undefined, length: number, field: string, report: Report): void {
  if (weights === undefined) return;
  if (!Array.isArray(weights) || weights.length !== length) return report(field, `the profile needs ${length} weights`);
  weights.forEach((weight, i) => {
    if (!(isNumber(weight) && weight >= 0)) report(`${field}[${i}]`, 'a weight must be a number of at least 0');
  });
  if (weights.every((weight) => weight === 0)) report(field, 'at least one weight must be above 0');
}

function checkWeights(weights: unknown, field: string, report: Report): void {
  if (!isRecord(weights) || Object.keys(weights).length === 0) return report(field, 'weights must name at least one value');
  for (const [value, weight] of Object.entries(weights)) {
    if (!(isNumber(weight) && weight >= 0)) report(`${field}.${value}`, 'a weight must be a number of at least 0');
  }
  if (Object.values(weights).every((weight) => weight === 0)) report(field, 'at least one weight must be above 0');
}

function checkVariable(spec: VariableSpec, field: string, report: Report): void {
  if (!isRecord(spec)) return report(field, 'a variable needs kind choice, number or constant');
  if (spec.kind === 'choice') checkWeights(spec.weights, `${field}.weights`, report);
  else if (spec.kind === 'number') {
    checkDistribution(spec.distribution, `${field}.distribution`, report);
    if (spec.decimals !== undefined && !(Number.isInteger(spec.decimals) && spec.decimals >= 0 && spec.decimals <= 10)) {
      report(`${field}.decimals`, 'decimals must be a whole number from 0 to 10');
    }
  } else if (spec.kind !== 'constant') report(`${field}.kind`, 'kind must be choice, number or constant');
}

export function checkDistribution(distribution: Distribution, field: string, report: Report): void {
  if (!isRecord(distribution)) return report(field, 'a distribution needs kind logNormal, exponential or fixed');
  if (distribution.kind === 'logNormal') {
    if (!(isNumber(distribution.mean) && distribution.mean > 0)) report(`${field}.mean`, 'mean must be a positive number of minutes');
    if (!(isNumber(distribution.sd) && distribution.sd >= 0)) report(`${field}.sd`, 'sd must be a number of minutes of at least 0');
  } else if (distribution.kind === 'exponential') {
    if (!(isNumber(distribution.mean) && distribution.mean > 0)) report(`${field}.mean`, 'mean must be a positive number of minutes');
  } else if (distribution.kind === 'fixed') {
    if (!(isNumber(distribution.value) && distribution.value >= 0)) report(`${field}.value`, 'value must be a number of minutes of at least 0');
  } else report(`${field}.kind`, 'kind must be logNormal, exponential or fixed');
}

function checkPools(pools: PoolSpec[], report: Report): void {
  const ids = new Set<string>();
  pools.forEach((pool, i) => {
    const field = `pools[${i}]`;
    if (!isRecord(pool)) return report(field, 'a pool must be an object with an id');
    if (typeof pool.id !== 'string' || pool.id.trim() === '') report(`${field}.id`, 'every pool needs an id');
    else if (ids.has(pool.id)) report(`${field}.id`, `pool id "${pool.id}" is used twice`);
    ids.add(pool.id);
    if (pool.agents !== undefined) {
      const valid = Array.isArray(pool.agents) && pool.agents.length > 0 && pool.agents.every((agent) => typeof agent === 'string' && agent.trim() !== '');
      if (!valid) report(`${field}.agents`, 'agents must be a non-empty list of user names');
      else if (new Set(pool.agents).size !== pool.agents.length) report(`${field}.agents`, 'an agent is named twice');
      if (pool.size !== undefined && valid && pool.size !== pool.agents.length) report(`${field}.size`, 'size differs from the number of agents named');
    } else if (!(Number.isSafeInteger(pool.size) && pool.size! > 0)) report(`${field}.size`, 'size must be a positive whole number of agents');
    for (const key of ['groups', 'lanes'] as const) {
      const names = pool[key];
      if (names !== undefined && !(Array.isArray(names) && names.every((name) => typeof name === 'string'))) report(`${field}.${key}`, `${key} must be a list of ids`);
    }
    if (pool.discipline !== undefined && pool.discipline !== 'fifo' && pool.discipline !== 'priority') {
      report(`${field}.discipline`, 'discipline must be fifo or priority');
    }
    const hours = pool.hours;
    if (hours === undefined) return;
    if (!isRecord(hours)) return report(`${field}.hours`, 'hours must be an object with days, from and to');
    if (!(Array.isArray(hours.days) && hours.days.length > 0 && hours.days.every((day) => Number.isInteger(day) && day >= 1 && day <= 7))) {
      report(`${field}.hours.days`, 'days must list ISO weekdays, 1 (Monday) to 7 (Sunday)');
    }
    if (!(isNumber(hours.from) && hours.from >= 0 && hours.from < 24)) report(`${field}.hours.from`, 'from must be an hour from 0 to below 24');
    if (!(isNumber(hours.to) && hours.to <= 24 && (!isNumber(hours.from) || hours.to > hours.from))) {
      report(`${field}.hours.to`, 'to must be an hour after from, at most 24');
    }
  });
}

/** Every element the parameters name exists and has the right type, and every user task has a pool and a duration. */
function checkModelCoverage(parameters: SimulationParameters, pools: PoolSpec[], graph: ProcessGraph, report: Report): void {
  const nodes = graph.nodes;
  for (const [elementId, distribution] of Object.entries(parameters.durations ?? {})) {
    if (nodes[elementId] === undefined) report(`durations.${elementId}`, `the process has no element '${elementId}'`);
    else checkDistribution(distribution, `durations.${elementId}`, report);
  }
  for (const [gatewayId, probabilities] of Object.entries(parameters.branches ?? {})) {
    const field = `branches.${gatewayId}`;
    const gateway = nodes[gatewayId];
    if (gateway?.type !== 'exclusiveGateway') {
      report(field, gateway === undefined ? `the process has no element '${gatewayId}'` : `'${gatewayId}' is a ${gateway.type}, not an exclusive gateway`);
      continue;
    }
    if (!isRecord(probabilities)) {
      report(field, 'give a probability per outgoing flow id');
      continue;
    }
    let sum = 0;
    for (const [flowId, probability] of Object.entries(probabilities)) {
      if (!gateway.outgoing.includes(flowId)) report(`${field}.${flowId}`, `'${flowId}' is not a flow leaving '${gatewayId}' (${gateway.outgoing.join(', ')})`);
      if (!(isNumber(probability) && probability >= 0 && probability <= 1)) report(`${field}.${flowId}`, 'a probability must be from 0 to 1');
      else sum += probability;
    }
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) report(field, `the probabilities must add up to 1, not ${sum}`);
  }
  for (const [elementId, probability] of Object.entries(parameters.escalations ?? {})) {
    const field = `escalations.${elementId}`;
    if (nodes[elementId]?.type !== 'userTask') report(field, `the process has no user task '${elementId}'`);
    else if (!(isNumber(probability) && probability >= 0 && probability < 1)) report(field, 'the probability must be from 0 to below 1');
    else if (probability > 0 && !isEscalatable(graph, elementId, null)) report(field, `the model gives '${elementId}' nowhere to escalate to`);
  }
  if (graph.startEventId === undefined) report('process', `process '${graph.key}' has no none start event for new cases to start at`);
  for (const node of Object.values(nodes)) {
    if (node.type === 'callActivity') report('process', `call activity '${node.id}' cannot be simulated yet`);
    if (node.type !== 'userTask') continue;
    if (
      pools.every((pool) => isRecord(pool)) &&
      poolOf(
        pools.map((spec) => ({ spec })),
        node.candidateGroups,
        node.laneId,
      ) === undefined
    ) {
      report('pools', `no pool works user task '${node.id}' (groups ${describeGroups(node)}, lane ${node.laneId ?? 'none'})`);
    }
    if (parameters.durations?.[node.id] === undefined && node.lean.standardMinutes === undefined) {
      report(`durations.${node.id}`, `user task '${node.id}' needs a duration: it has no tandem:standardMinutes`);
    }
  }
}

const describeGroups = (node: UserTaskNode): string => (node.candidateGroups.length > 0 ? node.candidateGroups.join(', ') : 'none');
