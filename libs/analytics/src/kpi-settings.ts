import { DAY_MS, HOUR_MS } from './ledger.js';

export interface KpiSettings {
  firstResponseSlaMs: number;
  resolutionSlaMs: number;
  repeatWindowMs: number;
  /** The variable naming the customer; absent: the business key. */
  customerVariable?: string;
  csatVariable: string;
  npsVariable: string;
  /** Lanes of the first tier; absent: the lane of each case's first user task. */
  firstTierLanes?: readonly string[];
  /** Hourly cost of work on elements without costPerHour. */
  defaultCostPerHour: number;
}

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  firstResponseSlaMs: 4 * HOUR_MS,
  resolutionSlaMs: 4 * HOUR_MS,
  repeatWindowMs: 7 * DAY_MS,
  csatVariable: 'csat',
  npsVariable: 'nps',
  defaultCostPerHour: 0,
};
