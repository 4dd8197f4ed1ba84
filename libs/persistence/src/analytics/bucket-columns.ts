import { emptyHistogram, MEASURES, mergeInto, type ActivityAggregate, type CaseAggregate, type Measure, type MeasureAggregate } from '#analytics';

/** analytics_activity_bucket's column prefix of each measure (see the 1764000000800 and 1764000001600 migrations). */
export const MEASURE_COLUMN: Record<Measure, string> = {
  queue: 'queue',
  claimedIdle: 'claimed_idle',
  waiting: 'waiting',
  processing: 'processing',
  handoff: 'handoff',
  duration: 'duration',
  designedWait: 'designed_wait',
  externalSystem: 'external_system',
};

/** The grain of the all-time rows: one per version and element, whatever the day. */
export const ALL_TIME_PERIOD = '-infinity';

export const KEY_COLUMNS = [
  ['process_version_id', 'uuid'],
  ['grain', 'text'],
  ['period', 'date'],
  ['element_id', 'text'],
] as const;

/** Every column with its SQL type, in table order. */
export const BUCKET_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ...KEY_COLUMNS,
  ['element_type', 'text'],
  ['lane_id', 'text'],
  ['completed', 'integer'],
  ['canceled', 'integer'],
  ...MEASURES.flatMap((measure) => {
    const prefix = MEASURE_COLUMN[measure];
    return [
      [`${prefix}_n`, 'integer'],
      [`${prefix}_total`, 'double precision'],
      [`${prefix}_histogram`, 'integer[]'],
    ] as const;
  }),
];

/** The value columns of a bucket row (everything but the key), for a SELECT. */
export const VALUE_SELECT = BUCKET_COLUMNS.slice(KEY_COLUMNS.length)
  .map(([name]) => `b.${name}`)
  .join(', ');

export type BucketRow = Record<string, unknown>;

/** A row's figures as an aggregate of its element. */
export const aggregateOfRow = (row: BucketRow): ActivityAggregate => {
  const aggregate: ActivityAggregate = {
    elementId: row.element_id as string,
    elementType: row.element_type as string,
    laneId: (row.lane_id as string | null) ?? null,
    completed: row.completed as number,
    canceled: row.canceled as number,
    measures: {},
  };
  for (const measure of MEASURES) {
    const prefix = MEASURE_COLUMN[measure];
    const n = row[`${prefix}_n`] as number;
    if (n > 0) {
      aggregate.measures[measure] = {
        n,
        totalSeconds: row[`${prefix}_total`] as number,
        histogram: mergeInto(emptyHistogram(), row[`${prefix}_histogram`] as number[]),
      };
    }
  }
  return aggregate;
};

/** The value columns of an aggregate, histograms without their trailing empty buckets. */
export const valuesOfAggregate = (aggregate: ActivityAggregate): BucketRow => {
  const row: BucketRow = {
    element_type: aggregate.elementType,
    lane_id: aggregate.laneId,
    completed: aggregate.completed,
    canceled: aggregate.canceled,
  };
  for (const measure of MEASURES) {
    const kept = aggregate.measures[measure];
    const prefix = MEASURE_COLUMN[measure];
    row[`${prefix}_n`] = kept?.n ?? 0;
    row[`${prefix}_total`] = kept?.totalSeconds ?? 0;
    row[`${prefix}_histogram`] = trimmedHistogram(kept?.histogram ?? []);
  }
  return row;
};

/** A case bucket row (`figures` as stored: histograms trimmed) as an aggregate. */
export const caseAggregateOfRow = ({ cases, figures }: { cases: number; figures: CaseAggregate['figures'] }): CaseAggregate => ({
  cases,
  figures: Object.fromEntries(
    Object.entries(figures).map(([name, kept]) => [name, { n: kept.n, totalSeconds: kept.totalSeconds, histogram: mergeInto(emptyHistogram(), kept.histogram) }]),
  ),
});

/** A case aggregate's figures as stored. */
export const caseFiguresOfAggregate = (aggregate: CaseAggregate): Record<string, MeasureAggregate> =>
  Object.fromEntries(Object.entries(aggregate.figures).map(([name, kept]) => [name, { ...kept, histogram: trimmedHistogram(kept.histogram) }]));

/** Most durations use a few dozen of the 200 buckets. */
export const trimmedHistogram = (histogram: readonly number[]): number[] => {
  let end = histogram.length;
  while (end > 0 && histogram[end - 1] === 0) end -= 1;
  return histogram.slice(0, end);
};
