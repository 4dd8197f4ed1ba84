import type { ActivityRow } from './activity-report.js';
import { ratio } from './statistics.js';

export interface Bottleneck {
  rank: number;
  elementId: string;
  name: string | null;
  count: number;
  /** Seconds. */
  meanWaiting: number | null;
  /** count x mean waiting, seconds. */
  totalWaiting: number;
  /** Share of all waiting in the analysed activities. */
  share: number | null;
}

/** Activities by total waiting contributed (frequency x mean waiting), most first; those that never wait are left out. */
export const bottlenecks = (rows: readonly ActivityRow[]): Bottleneck[] => {
  const all = rows.reduce((sum, row) => sum + row.waiting.total, 0);
  return rows
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
