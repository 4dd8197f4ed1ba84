import type { ProcessGraph } from '#bpmn';
import { caseFigures, elementCatalog, foldLedger, leadTimeSummary, type CaseRecord, type StepEvent, type Summary } from '#analytics';
import type { PoolFigures } from './pool-state.js';

/** The figures of one run over its measured window (after the warm-up, until arrivals stop). */
export interface SimulationSummary {
  window: { from: string; to: string };
  /** Cases that started in the window. */
  casesStarted: number;
  /** Of those, the ones that ended by the end of the run (drain included). */
  casesCompleted: number;
  /** Lead time of the completed ones, in minutes (mean, median, p90). */
  leadTimeMinutes: Summary;
  /**
   * The desk's waiting (queue and claimed-idle) over the desk's time (lead time without designed
   * waits and external-system time), pooled over the completed cases (DESIGN.md section 5, with the
   * analytics' classification).
   */
  waitingShare: number | null;
  pools: PoolFigures[];
}

export interface SummaryInput {
  graph: ProcessGraph;
  steps: readonly StepEvent[];
  cases: readonly CaseRecord[];
  window: { from: number; to: number };
  pools: PoolFigures[];
}

const toMinutes = (seconds: Summary): Summary => {
  const scale = (value: number | null) => (value === null ? null : value / 60);
  return { n: seconds.n, mean: scale(seconds.mean), median: scale(seconds.median), p90: scale(seconds.p90), total: seconds.total / 60 };
};

/** Lead time and waiting share come from the ledger through `libs/analytics`, so they mean what the live reports mean. */
export function summarize({ graph, steps, cases, window, pools }: SummaryInput): SimulationSummary {
  const measured = cases.filter(({ startedAt }) => startedAt >= window.from && startedAt < window.to);
  const completed = measured.filter(({ status, endedAt }) => status === 'completed' && endedAt !== null);
  const ids = new Set(completed.map(({ instanceId }) => instanceId));
  const catalog = elementCatalog([graph]);
  const runs = foldLedger(
    steps.filter(({ instanceId }) => ids.has(instanceId)),
    catalog,
  );
  const leadTimes = leadTimeSummary(caseFigures(completed, runs, catalog));
  const { components, deskTime } = leadTimes;
  return {
    window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    casesStarted: measured.length,
    casesCompleted: completed.length,
    leadTimeMinutes: toMinutes(leadTimes.leadTime),
    waitingShare: deskTime.total > 0 ? (components.queue.total + components.claimedIdle.total) / deskTime.total : null,
    pools,
  };
}
