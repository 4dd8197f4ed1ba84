export * from './ledger.js';
export { foldActivity, foldLedger, handoffMs, handoffsOf, isContainer, timeClassOfRun, waitingMs, type ActivityRun, type Phase, type PhaseInterval } from './activity-run.js';
export { TIME_CLASSES, timeClassOfNode, timeClassOfType, type TimeClass } from './time-class.js';
export { EMPTY_SUMMARY, ratio, summarize, type Summary } from './statistics.js';
export {
  bucketOf,
  bucketValue,
  emptyHistogram,
  histogramOf,
  histogramQuantile,
  mergeInto,
  summarizeHistogram,
  HISTOGRAM_BUCKETS,
  HISTOGRAM_GROWTH,
  HISTOGRAM_RELATIVE_ERROR,
  type Histogram,
} from './histogram.js';
export { DEFINITIONS, type FigureKey } from './definitions.js';
export {
  activityReport,
  activityReportFromAggregates,
  addToAggregate,
  endedWithin,
  mergeAggregate,
  emptyAggregate,
  measuresOf,
  ACTIVITY_DEFINITIONS,
  MEASURES,
  type ActivityAggregate,
  type ActivityRow,
  type EndWindow,
  type Measure,
  type MeasureAggregate,
  type RunMeasures,
} from './activity-report.js';
export {
  caseFigures,
  caseIntervals,
  caseValues,
  decompose,
  deskTimeOf,
  groupByCase,
  leadTimeSummary,
  valueAddedSummary,
  COMPONENTS,
  NOT_THE_DESKS,
  VALUE_ADDED_FIGURES,
  type CaseFigure,
  type CaseInterval,
  type CaseFigures,
  type Component,
  type Decomposition,
  type LeadTimeSummary,
  type ValueAddedSummary,
} from './case-report.js';
export {
  addCaseToAggregate,
  emptyCaseAggregate,
  leadTimeSummaryFromAggregate,
  mergeCaseAggregate,
  valueAddedSummaryFromAggregate,
  CASE_FIGURES,
  type CaseAggregate,
} from './case-aggregate.js';
export { bottlenecks, type Bottleneck } from './bottlenecks.js';
export { designedWaits, type DesignedWait } from './designed-waits.js';
export { teamOf, utilization, utilizationOfTeams, type TeamUtilization, type TeamWork, type UtilizationWindow } from './utilization.js';
export { caseRework, rework, reworkOfCases, type CaseRework, type ReworkElement, type ReworkLoop, type ReworkReport } from './rework.js';
export { caseOutcomes, type CaseOutcome } from './case-outcomes.js';
export { DEFAULT_KPI_SETTINGS, type KpiSettings } from './kpi-settings.js';
export { kpis, kpisOfTotals, type Kpi, type KpiTotals, type KpiUnit, type RateCount } from './kpis.js';
export { caseFact, FACT_SCORE_VARIABLES, type CaseFact, type FactWork } from './case-fact.js';
export {
  addFactToRollup,
  caseAggregateOfRollup,
  emptyCaseRollup,
  fcrEligible,
  kpiTotalsOfRollup,
  mergeCaseRollup,
  reworkOfRollup,
  rollupServesKpis,
  rollupSummary,
  teamWorkOfRollup,
  NO_RUNNING_KPIS,
  ROLLUP_SKETCHES,
  type CaseRollup,
  type RunningKpis,
  type RollupFact,
  type RollupSketch,
} from './case-rollup.js';
export { elementCatalog } from './element-catalog.js';
