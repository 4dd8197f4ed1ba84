/**
 * What a simulation run is told: plain JSON, so calibration can write it, an analyst can edit it
 * and a run can be replayed from it exactly (same parameters, same seed, same ledger).
 *
 * Units: durations are minutes, arrival rates are cases per day, probabilities are 0..1, times of
 * day are UTC hours (the virtual clock has no time zone). Where a field has a BPSim counterpart it
 * is named in its comment.
 */

/** A duration distribution, in minutes (BPSim: LogNormalDistribution, ExponentialDistribution, FloatingParameter). */
export type Distribution =
  /** Skewed service times: the default for human work. `mean` and `sd` of the minutes themselves (not of their logarithm). */
  { kind: 'logNormal'; mean: number; sd: number } | { kind: 'exponential'; mean: number } | { kind: 'fixed'; value: number };

/** How a start variable of each new case is drawn. */
export type VariableSpec =
  /** One of the values, with these relative weights (e.g. category inquiry 35, transactional 45, complaint 20). */
  | { kind: 'choice'; weights: Record<string, number> }
  /** A number from a distribution (the same shapes as durations), rounded to `decimals` (default 0). */
  | { kind: 'number'; distribution: Distribution; decimals?: number }
  | { kind: 'constant'; value: unknown };

/** When the agents of a pool work (BPSim: Calendar): the same hours on each listed weekday. */
export interface WorkingHours {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** UTC hour the shift starts (0-24, fractions allowed), inclusive. */
  from: number;
  /** UTC hour it ends, exclusive; after `from`. */
  to: number;
}

/**
 * A team of agents (BPSim: a resource with a quantity). It works the user tasks offered to one of
 * its `groups` (candidate groups) or queued in one of its `lanes`; without either it works the
 * group named like the pool.
 */
export interface PoolSpec {
  id: string;
  /** How many agents; they act as `<id>-1`, `<id>-2`, ... unless `agents` names them. */
  size?: number;
  /** The agents by user name (the size is their number). */
  agents?: string[];
  groups?: string[];
  lanes?: string[];
  /** Absent: around the clock, every day. */
  hours?: WorkingHours;
  /** `fifo` (default) or `priority`: the task's priority first (tandem:priority or the default rule), then first come. */
  discipline?: 'fifo' | 'priority';
}

/**
 * New cases: a Poisson process whose rate follows the hour of the day and the day of the week
 * (BPSim: InterTriggerTimer on the start event). The rate at an instant is
 * perDay / 24 x hourly[hour] x weekdays[day], with both profiles scaled to average 1, so `perDay`
 * is the mean over a whole week.
 */
export interface ArrivalSpec {
  perDay: number;
  /** 24 relative weights, hour 0 (UTC) first; absent: flat. */
  hourly?: number[];
  /** 7 relative weights, Monday first; absent: flat. */
  weekdays?: number[];
  /** Size of the customer base: each case gets a business key `customer-<n>` drawn uniformly, so repeat contacts occur. Absent: no business key. */
  customers?: number;
}

export interface HorizonSpec {
  /** New cases arrive during this many days from `start`. */
  days: number;
  /** Cases that start in the first days are simulated but left out of the summary (the system fills up first). */
  warmUpDays?: number;
  /** After the last arrival, work goes on this many days so late cases can finish (default 0). */
  drainDays?: number;
}

export interface SimulationParameters {
  /** The same seed and parameters replay the same run. */
  seed: number;
  /** Where virtual time begins: an ISO 8601 date-time. */
  start: string;
  horizon: HorizonSpec;
  arrivals: ArrivalSpec;
  /** Start variables of each case by name (BPSim: property parameters of the start event). */
  variables?: Record<string, VariableSpec>;
  pools: PoolSpec[];
  /**
   * Work time per element id (user tasks, service tasks and other external tasks, message catches).
   * A user task without one takes its `tandem:standardMinutes` (log-normal, sd half the mean); an
   * external task without one completes at once.
   */
  durations?: Record<string, Distribution>;
  /**
   * Exclusive gateway id -> outgoing flow id -> probability (summing to 1) (BPSim: Probability on
   * sequence flows). A gateway not named here evaluates its conditions on the case variables.
   */
  branches?: Record<string, Record<string, number>>;
  /** User task id -> the probability an agent escalates the task instead of completing it (the engine's escalateTask). */
  escalations?: Record<string, number>;
}

/** The start variables of a service-desk case, from DOMAIN.md: request mix, channels, customer tiers. */
export const SERVICE_DESK_VARIABLES: Record<string, VariableSpec> = {
  category: { kind: 'choice', weights: { inquiry: 35, transactional: 45, complaint: 20 } },
  channel: { kind: 'choice', weights: { phone: 35, chat: 20, email: 20, app: 10, web: 10, social: 5 } },
  customerTier: { kind: 'choice', weights: { gold: 20, standard: 80 } },
};

/** Office-hours arrivals: most requests in the working day, a lunch dip, a quiet night and weekend. */
export const SERVICE_DESK_HOURLY: number[] = [1, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 9, 10, 11, 11, 10, 8, 6, 5, 4, 3, 2, 1];
export const SERVICE_DESK_WEEKDAYS: number[] = [1.25, 1.1, 1.05, 1.05, 1.1, 0.5, 0.3];

/** Office hours of the reference service desk: Monday to Friday, 8 to 18 UTC. */
export const SERVICE_DESK_OFFICE_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], from: 8, to: 18 };

/**
 * The reference as-is process's work and decisions (processes/customer-service/as-is.bpmn): second-line
 * diagnosis times, branch shares of its gateways and the first line's escalations, as DOMAIN.md tells them.
 */
export const SERVICE_DESK_AS_IS: Required<Pick<SimulationParameters, 'durations' | 'branches' | 'escalations'>> = {
  durations: { Task_SecondLineDiagnosis: { kind: 'logNormal', mean: 25, sd: 15 }, Task_SendReminder: { kind: 'fixed', value: 1 } },
  branches: {
    Gateway_ResolvedByFirstLine: { Flow_Resolved: 0.68, Flow_NotResolved: 0.32 },
    Gateway_NeedsExpert: { Flow_NeedsExpert: 0.3, Flow_NoExpert: 0.7 },
    Gateway_Compensation: { Flow_Compensation: 0.4, Flow_NoCompensation: 0.6 },
    Gateway_AboveLimit: { Flow_AboveLimit: 0.25, Flow_WithinLimit: 0.75 },
  },
  escalations: { Task_FirstLineDiagnosis: 0.1 },
};
