import type { ActivityRow } from './activity-report.js';
import { ratio } from './statistics.js';

export interface Bottleneck {
  rank: number;
  elementId: string;
  name: string | null;
  count: number;
  /** The desk's waiting, seconds. */
  meanWaiting: number | null;
  /** count x mean waiting, seconds. */
  totalWaiting: number;
  /** Share of all the desk's waiting in the analyzed activities. */
  share: number | null;
}

/**
 * The desk's activities by the desk's total waiting contributed (frequency x mean waiting), most
 * first; those that never wait are left out. Designed waits and external tasks have no waiting
 * (their time is classified apart): they are never ranked (see `designedWaits`).
 */
export const bottlenecks = (rows: readonly ActivityRow[]): Bottleneck[] => {
  const desk = rows.filter((row) => row.timeClass === 'desk');
  const all = desk.reduce((sum, row) => sum + row.waiting.total, 0);
  return desk
    .filter((row) => row.waiting.total > 0)
    .sort((a, b) => b.waiting.total - a.waiting.total || (a.elementId < b.elementId ? -1 : 1))
    .map((row, index) => ({
      rank: index + 1,
      elementId: row.elementId,
      name: row.name,
      count: row.waiting.n,
      meanWaiting: row.waiting.mean,
      totalWaiting: row.waiting.total,
      share: ratio(row.waiting.total, all),
    }));
};
