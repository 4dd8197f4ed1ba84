import type { ActivityRow } from './activity-report.js';

/** A designed wait as the bottleneck report lists it: apart, and without a rank. */
export interface DesignedWait {
  elementId: string;
  name: string | null;
  elementType: string;
  count: number;
  /** Seconds. */
  meanDesignedWait: number | null;
  medianDesignedWait: number | null;
  /** count x mean designed wait, seconds. */
  totalDesignedWait: number;
}

/**
 * The designed waits (timers, message and other catch events, event-based gateways, receive
 * tasks) with their time, most first: listed beside the bottleneck ranking, never in it, because
 * the process waits there on purpose (DESIGN.md section 5).
 */
export const designedWaits = (rows: readonly ActivityRow[]): DesignedWait[] =>
  rows
    .filter((row) => row.designedWait.total > 0)
    .sort((a, b) => b.designedWait.total - a.designedWait.total || (a.elementId < b.elementId ? -1 : 1))
    .map((row) => ({
      elementId: row.elementId,
      name: row.name,
      elementType: row.elementType,
      count: row.designedWait.n,
      meanDesignedWait: row.designedWait.mean,
      medianDesignedWait: row.designedWait.median,
      totalDesignedWait: row.designedWait.total,
    }));
