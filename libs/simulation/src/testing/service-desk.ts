import {
  SERVICE_DESK_AS_IS,
  SERVICE_DESK_HOURLY,
  SERVICE_DESK_OFFICE_HOURS as OFFICE,
  SERVICE_DESK_VARIABLES,
  SERVICE_DESK_WEEKDAYS,
  type PoolSpec,
  type SimulationParameters,
} from '../parameters.js';

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
  ...SERVICE_DESK_AS_IS,
});
