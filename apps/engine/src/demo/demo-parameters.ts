import {
  SERVICE_DESK_AS_IS,
  SERVICE_DESK_HOURLY,
  SERVICE_DESK_OFFICE_HOURS as OFFICE,
  SERVICE_DESK_VARIABLES,
  SERVICE_DESK_WEEKDAYS,
  type PoolSpec,
  type SimulationParameters,
} from '#simulation';

/*
 * The demo's service desk (issue 8.4): the traffic and team of libs/simulation's reference
 * parameters, for the as-is and the to-be process of processes/customer-service. The agents carry
 * the demo users' names first, so the simulated history shows ana, ben and eva at work too.
 */

/** The desk's teams; agents not among the demo users are stored as disabled users, so team sizes (utilisation) are right. */
export const DEMO_POOLS: PoolSpec[] = [
  { id: 'first-line', agents: ['ana', 'sim-agent-1', 'sim-agent-2'], hours: OFFICE, discipline: 'priority' },
  { id: 'second-line', agents: ['ben', 'sim-agent-3'], hours: OFFICE },
  { id: 'experts', agents: ['eva', 'sim-agent-4'], hours: OFFICE },
];

/** Where a run starts and how long new cases arrive; the run goes on `drainDays` after. */
export interface DemoWindow {
  seed: number;
  start: Date;
  days: number;
  drainDays: number;
  perDay: number;
}

const common = ({ seed, start, days, drainDays, perDay }: DemoWindow) => ({
  seed,
  start: start.toISOString(),
  horizon: { days, drainDays },
  arrivals: { perDay, hourly: SERVICE_DESK_HOURLY, weekdays: SERVICE_DESK_WEEKDAYS, customers: Math.max(100, Math.round(perDay * days * 0.6)) },
  pools: DEMO_POOLS,
});

/** The as-is process: hand-offs, re-keying and a 10 % escalation of first-line diagnoses. */
export const asIsDemoParameters = (window: DemoWindow): SimulationParameters => ({
  ...common(window),
  variables: SERVICE_DESK_VARIABLES,
  ...SERVICE_DESK_AS_IS,
});

/** The to-be process: CRM synced by a worker, escalation only with a reason, more resolved at first contact. */
export const toBeDemoParameters = (window: DemoWindow): SimulationParameters => ({
  ...common(window),
  variables: { ...SERVICE_DESK_VARIABLES, amount: { kind: 'number', distribution: { kind: 'logNormal', mean: 1500, sd: 2500 } } },
  durations: {
    ...SERVICE_DESK_AS_IS.durations,
    Task_SyncRequestToCrm: { kind: 'fixed', value: 0.5 },
    Task_SyncOutcomeToCrm: { kind: 'fixed', value: 0.5 },
  },
  branches: {
    Gateway_FirstLineOutcome: { Flow_Resolved: 0.8, Flow_EscalateWithReason: 0.15, Flow_NoReasonGiven: 0.05 },
    Gateway_NeedsExpert: { Flow_NeedsExpert: 0.3, Flow_NoExpert: 0.7 },
  },
  escalations: {},
});
