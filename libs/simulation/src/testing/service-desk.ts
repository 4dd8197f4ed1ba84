import { SERVICE_DESK_HOURLY, SERVICE_DESK_VARIABLES, SERVICE_DESK_WEEKDAYS, type PoolSpec, type SimulationParameters } from '../parameters.js';

const OFFICE = { days: [1, 2, 3, 4, 5], from: 8, to: 18 };

/** The three tiers of the service team, in office hours. */
export const SERVICE_DESK_POOLS: PoolSpec[] = [
  { id: 'first-line', size: 6, hours: OFFICE, discipline: 'priority' },
  { id: 'second-line', size: 3, hours: OFFICE },
  { id: 'experts', size: 2, hours: OFFICE },
];

/** A week of service-desk traffic on the as-is model, from Monday 2 March 2026, with time to finish. */
export const asIsParameters = (seed: number, days = 5): SimulationParameters => ({
  seed,
  start: '2026-03-02T00:00:00Z',
  horizon: { days, drainDays: 10 },
  arrivals: { perDay: 60, hourly: SERVICE_DESK_HOURLY, weekdays: SERVICE_DESK_WEEKDAYS, customers: 500 },
  variables: SERVICE_DESK_VARIABLES,
  pools: SERVICE_DESK_POOLS,
  durations: { Task_SecondLineDiagnosis: { kind: 'logNormal', mean: 25, sd: 15 }, Task_SendReminder: { kind: 'fixed', value: 1 } },
  branches: {
    Gateway_ResolvedByFirstLine: { Flow_Resolved: 0.68, Flow_NotResolved: 0.32 },
    Gateway_NeedsExpert: { Flow_NeedsExpert: 0.3, Flow_NoExpert: 0.7 },
    Gateway_Compensation: { Flow_Compensation: 0.4, Flow_NoCompensation: 0.6 },
    Gateway_AboveLimit: { Flow_AboveLimit: 0.25, Flow_WithinLimit: 0.75 },
  },
  escalations: { Task_FirstLineDiagnosis: 0.1 },
});
