/** The history tables partitioned by month, each by the column its partitions are ranged on. */
export const HISTORY_TABLES = [
  { table: 'step_event', column: 'at' },
  { table: 'instance_history', column: 'ended_at' },
] as const;

/** Month partitions made ahead of the present, so a new month's rows never land in the default partition. */
export const PARTITION_MONTHS_AHEAD = 2;

export type HistoryTable = (typeof HISTORY_TABLES)[number]['table'];

/** One UTC calendar month: a partition's range, from its first instant up to (not including) the next month's. */
export interface Month {
  year: number;
  /** 1 to 12. */
  month: number;
}

export const monthOf = (at: Date): Month => ({ year: at.getUTCFullYear(), month: at.getUTCMonth() + 1 });

/** The month `count` months after this one (before it when negative). */
export const addMonths = ({ year, month }: Month, count: number): Month => {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

export const monthStart = ({ year, month }: Month): Date => new Date(Date.UTC(year, month - 1, 1));

/** `step_event_p2026_01`: the partition of a table holding one month. */
export const partitionName = (table: HistoryTable, { year, month }: Month): string => `${table}_p${year}_${String(month).padStart(2, '0')}`;

/** The partition taking what no month partition covers. */
export const defaultPartitionName = (table: HistoryTable): string => `${table}_default`;

/** The month a partition name stands for, or null for a name this scheme did not make. */
export const monthOfPartition = (table: HistoryTable, name: string): Month | null => {
  const match = new RegExp(`^${table}_p(\\d{4})_(\\d{2})$`).exec(name);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
};

/** DDL creating the month's partition of a table that has no rows for it yet (in a default partition). */
export const createPartitionSql = (table: HistoryTable, month: Month): string =>
  `CREATE TABLE ${partitionName(table, month)} PARTITION OF ${table} FOR VALUES FROM ('${monthStart(month).toISOString()}') TO ('${monthStart(addMonths(month, 1)).toISOString()}')`;
