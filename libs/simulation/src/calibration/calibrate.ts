/**
 * Calibration from history (issue 8 point 2): the simulation parameters a version's recorded cases
 * imply. Arrivals: the mean rate per day and the hour-of-day and weekday profiles of the case
 * starts. Work: per user task the working time (started -> completed, pauses excluded) and per
 * other activity its whole time, each fitted by `fitDuration`. Branches: per exclusive gateway the
 * share of passes down each outgoing flow. Escalations: per user task the share of its runs that
 * were escalated. Start variables: the mix of the named case variables. Team: per candidate group
 * the most distinct agents who worked its tasks within one clock hour (`fitPools`), the pool size a
 * prediction starts from; working hours are the team's to set.
 */
import type { ProcessGraph } from '#bpmn';
import type { ActivityRun, CaseRecord } from '#analytics';
import type { ArrivalSpec, Distribution, SimulationParameters, VariableSpec } from '../parameters.js';
import { fitDuration, type DurationFit } from './fit-duration.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

export interface CalibrationOptions {
  /** Case variables whose mix new cases draw from (default: the service desk's category, channel and customer tier). */
  variables?: readonly string[];
}

export interface BranchFit {
  passes: number;
  /** flow id -> times taken */
  counts: Record<string, number>;
}

export interface Calibration {
  /** the first and last case start the arrivals were measured over */
  window: { from: string; to: string } | null;
  cases: number;
  /** what a simulation takes as it is (pools, horizon and seed are the caller's) */
  parameters: Pick<SimulationParameters, 'arrivals'> & Required<Pick<SimulationParameters, 'durations' | 'branches' | 'escalations' | 'variables'>>;
  /** the evidence behind each parameter */
  fit: {
    arrivals: { cases: number; days: number };
    durations: Record<string, DurationFit>;
    branches: Record<string, BranchFit>;
    escalations: Record<string, { runs: number; escalated: number }>;
    /** lane id -> distinct agents who completed its user tasks */
    agentsPerLane: Record<string, number>;
    /** candidate group -> the agents who worked its tasks (see `PoolFit`) */
    pools: Record<string, PoolFit>;
  };
}

/**
 * The team behind a candidate group. `agentsAtOnce` is the pool size a prediction starts from: the
 * most distinct agents who worked (started -> completed) the group's tasks within one clock hour
 * (UTC) of the history. Agents busy at the same instant would understate the team (an agent on duty
 * is idle between tasks); everyone ever seen would overstate it (shifts, leave, turnover).
 */
export interface PoolFit {
  agentsAtOnce: number;
  /** distinct agents over the whole history */
  agentsSeen: number;
  /** completed user tasks of the group the figures come from */
  tasks: number;
}

export const DEFAULT_CALIBRATED_VARIABLES: readonly string[] = ['category', 'channel', 'customerTier'];

export function calibrate(graph: ProcessGraph, cases: readonly CaseRecord[], runs: readonly ActivityRun[], options: CalibrationOptions = {}): Calibration {
  const { arrivals, days, window } = fitArrivals(cases);
  const completed = runs.filter((run) => run.outcome === 'completed' && !run.container);
  const fits: Record<string, DurationFit> = {};
  const durations: Record<string, Distribution> = {};
  const escalationFits: Record<string, { runs: number; escalated: number }> = {};
  const escalations: Record<string, number> = {};
  for (const node of Object.values(graph.nodes)) {
    const own = completed.filter((run) => run.elementId === node.id);
    if (node.type === 'userTask') {
      const all = runs.filter((run) => run.elementId === node.id && run.endedAt !== null);
      const escalated = all.filter((run) => run.escalations.length > 0).length;
      if (all.length > 0) {
        escalationFits[node.id] = { runs: all.length, escalated };
        if (escalated > 0) escalations[node.id] = round(escalated / all.length);
      }
    }
    if (!WORKED.has(node.type) || own.length === 0) continue;
    const minutes = own.map((run) => (node.type === 'userTask' ? run.processingMs : run.endedAt! - run.readyAt) / MINUTE_MS);
    fits[node.id] = fitDuration(minutes);
    durations[node.id] = fits[node.id].distribution;
  }
  const branchFits = fitBranches(graph, runs);
  const branches = Object.fromEntries(
    Object.entries(branchFits)
      .filter(([, fit]) => fit.passes > 0)
      .map(([gatewayId, fit]) => [gatewayId, branchShares(fit)]),
  );
  return {
    window,
    cases: cases.length,
    parameters: { arrivals, durations, branches, escalations, variables: fitVariables(cases, options.variables ?? DEFAULT_CALIBRATED_VARIABLES) },
    fit: {
      arrivals: { cases: cases.length, days },
      durations: fits,
      branches: branchFits,
      escalations: escalationFits,
      agentsPerLane: agentsPerLane(completed),
      pools: fitPools(graph, completed),
    },
  };
}

/** Elements whose time a simulation draws: human work, system work and waits on the outside world. */
const WORKED = new Set(['userTask', 'serviceTask', 'sendTask', 'scriptTask', 'businessRuleTask', 'manualTask', 'task', 'receiveTask']);

function fitArrivals(cases: readonly CaseRecord[]): { arrivals: ArrivalSpec; days: number; window: Calibration['window'] } {
  if (cases.length === 0) return { arrivals: { perDay: 0 }, days: 0, window: null };
  const starts = cases.map((record) => record.startedAt).sort((a, b) => a - b);
  const from = starts[0];
  const to = starts[starts.length - 1];
  // Whole days from the first start's midnight to the last start's: a partial last day would inflate the rate.
  const days = Math.max(1, Math.ceil((to + 1 - Math.floor(from / DAY_MS) * DAY_MS) / DAY_MS));
  const hourly = new Array<number>(24).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  for (const start of starts) {
    hourly[new Date(start).getUTCHours()] += 1;
    weekdays[(new Date(start).getUTCDay() + 6) % 7] += 1;
  }
  return {
    arrivals: { perDay: round(cases.length / days), hourly: normalized(hourly), weekdays: normalized(weekdays) },
    days,
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
  };
}

/** Each pass of a gateway, counted on the flow that leads to the element the engine moved to next. */
function fitBranches(graph: ProcessGraph, runs: readonly ActivityRun[]): Record<string, BranchFit> {
  const fits: Record<string, BranchFit> = {};
  const gateways = new Map(
    Object.values(graph.nodes)
      .filter((node) => node.type === 'exclusiveGateway' && node.outgoing.length > 1)
      .map((node) => [node.id, node]),
  );
  for (const gatewayId of gateways.keys()) fits[gatewayId] = { passes: 0, counts: Object.fromEntries(gateways.get(gatewayId)!.outgoing.map((flowId) => [flowId, 0])) };
  const passes = new Map(runs.filter((run) => gateways.has(run.elementId)).map((run) => [run.activityInstanceId, run.elementId]));
  for (const run of runs) {
    const gatewayId = run.previousActivityInstanceId === null ? undefined : passes.get(run.previousActivityInstanceId);
    if (gatewayId === undefined) continue;
    const flowId = gateways.get(gatewayId)!.outgoing.find((id) => graph.flows[id].targetId === run.elementId);
    if (flowId === undefined) continue;
    fits[gatewayId].passes += 1;
    fits[gatewayId].counts[flowId] += 1;
  }
  return fits;
}

function fitVariables(cases: readonly CaseRecord[], names: readonly string[]): Record<string, VariableSpec> {
  const specs: Record<string, VariableSpec> = {};
  for (const name of names) {
    const weights: Record<string, number> = {};
    for (const record of cases) {
      const value = record.variables[name];
      if (typeof value === 'string') weights[value] = (weights[value] ?? 0) + 1;
    }
    if (Object.keys(weights).length > 0) specs[name] = { kind: 'choice', weights };
  }
  return specs;
}

function agentsPerLane(completed: readonly ActivityRun[]): Record<string, number> {
  const agents = new Map<string, Set<string>>();
  for (const run of completed) {
    if (run.elementType !== 'userTask' || run.laneId === null || run.actor === null) continue;
    const seen = agents.get(run.laneId) ?? new Set<string>();
    seen.add(run.actor);
    agents.set(run.laneId, seen);
  }
  return Object.fromEntries([...agents.entries()].map(([laneId, seen]) => [laneId, seen.size]));
}

/**
 * Every outgoing flow's share of the passes (0 for a flow never taken), in ten-thousandths that add
 * up to exactly 1: rounding each share alone can leave 0.9999 (three flows of a third), which the
 * simulator refuses. Largest-remainder (Hamilton) apportionment gives the leftover units to the
 * flows that lost most to rounding.
 */
export function branchShares({ passes, counts }: BranchFit): Record<string, number> {
  const UNITS = 10_000;
  const exact = Object.entries(counts).map(([flowId, count]) => ({ flowId, units: (count * UNITS) / passes }));
  const floors = exact.map(({ flowId, units }) => ({ flowId, units: Math.floor(units), remainder: units - Math.floor(units) }));
  let left = UNITS - floors.reduce((sum, { units }) => sum + units, 0);
  for (const entry of [...floors].sort((a, b) => b.remainder - a.remainder)) {
    if (left <= 0) break;
    entry.units += 1;
    left -= 1;
  }
  return Object.fromEntries(floors.map(({ flowId, units }) => [flowId, units / UNITS]));
}

/** Per candidate group of the user tasks: the agents who worked them, at most within one clock hour and in all (see `PoolFit`). */
function fitPools(graph: ProcessGraph, completed: readonly ActivityRun[]): Record<string, PoolFit> {
  const byGroup = new Map<string, { seen: Set<string>; hours: Map<number, Set<string>>; tasks: number }>();
  for (const run of completed) {
    const node = graph.nodes[run.elementId];
    // An escalated task was finished by the group it was escalated to, not one the model names.
    if (node?.type !== 'userTask' || run.actor === null || run.escalations.length > 0) continue;
    // Working time only: a task paused overnight does not make its agent work every hour in between.
    const working = run.intervals.filter(({ phase }) => phase === 'processing');
    // A task offered to two groups counts for both: either pool could have worked it.
    for (const group of node.candidateGroups) {
      const entry = byGroup.get(group) ?? { seen: new Set<string>(), hours: new Map<number, Set<string>>(), tasks: 0 };
      entry.tasks += 1;
      entry.seen.add(run.actor);
      for (const { from, to } of working) {
        for (let hour = Math.floor(from / HOUR_MS); hour <= Math.floor(to / HOUR_MS); hour++) {
          const agents = entry.hours.get(hour) ?? new Set<string>();
          agents.add(run.actor);
          entry.hours.set(hour, agents);
        }
      }
      byGroup.set(group, entry);
    }
  }
  return Object.fromEntries(
    [...byGroup.entries()].map(([group, { seen, hours, tasks }]) => [
      group,
      { agentsAtOnce: Math.max(0, ...[...hours.values()].map((agents) => agents.size)), agentsSeen: seen.size, tasks },
    ]),
  );
}

/** Relative weights averaging 1, as the arrival profiles take them. */
const normalized = (counts: number[]): number[] => {
  const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
  return counts.map((count) => (mean === 0 ? 1 : round(count / mean)));
};

const round = (value: number): number => Number(value.toPrecision(4));
