import { addToAggregate, emptyAggregate, type ActivityAggregate } from '../activity-report.js';
import { handoffsOf, type ActivityRun } from '../activity-run.js';

/** The runs added one by one to per-element aggregates, as the incremental path (the aggregator) does. */
export const aggregatesOf = (runs: readonly ActivityRun[]): ActivityAggregate[] => {
  const handoffs = handoffsOf(runs);
  const aggregates = new Map<string, ActivityAggregate>();
  for (const run of runs) {
    const aggregate = aggregates.get(run.elementId) ?? emptyAggregate(run.elementId, run.elementType, run.laneId);
    addToAggregate(aggregate, run, handoffs.get(run.activityInstanceId));
    aggregates.set(run.elementId, aggregate);
  }
  return [...aggregates.values()];
};
